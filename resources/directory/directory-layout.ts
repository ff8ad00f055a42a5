/** Where the fixture's entries live: the tree's branches, groups, policy and accounts under one base DN. */
import { generateTokenHolders } from './second-factor-people';

export interface Layout {
  baseDn: string;
  peopleBase: string;
  groupsBase: string;
  servicesBase: string;
  policyDn: string;
  agentsGroupDn: string;
  supervisorsGroupDn: string;
  rootDn: string;
  serviceDn: string;
  /** The token holder whose token the ACL keeps away from the desk. */
  protectedTokenDn: string;
}

export function layout(baseDn: string): Layout {
  return {
    baseDn,
    peopleBase: `ou=people,${baseDn}`,
    groupsBase: `ou=groups,${baseDn}`,
    servicesBase: `ou=services,${baseDn}`,
    policyDn: `cn=default,ou=policies,${baseDn}`,
    agentsGroupDn: `cn=helpdesk,ou=groups,${baseDn}`,
    supervisorsGroupDn: `cn=supervisors,ou=groups,${baseDn}`,
    rootDn: `cn=admin,${baseDn}`,
    serviceDn: `cn=guichet-lecture,ou=services,${baseDn}`,
    protectedTokenDn: `uid=${generateTokenHolders(baseDn).find((h) => h.tokenKey === 'protected')!.login},ou=people,${baseDn}`,
  };
}
