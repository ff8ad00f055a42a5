/** The embedded configuration for the demo directory. */
import type { GuichetConfigInput } from './schema';

/** The demo directory `npm run demo` starts (see resources/directory). */
export const DEMO_BASE_DN = 'dc=univ-demo,dc=fr';
export const DEMO_PORT = 10389;

/** The embedded default: the console runs on the demo directory when no file is given. */
export function demoConfig(url = `ldap://127.0.0.1:${DEMO_PORT}`): GuichetConfigInput {
  return {
    institution: { name: 'Université de démonstration' },
    // The demo directory runs slapd's otp overlay: authenticators are enrolled at the desk.
    secondFactor: { enabled: true, enrolOnlineUrl: 'https://www.univ-demo.fr/double-authentification' },
    directory: {
      urls: [url],
      tls: { mode: 'none' },
      baseDn: DEMO_BASE_DN,
      peopleBase: `ou=people,${DEMO_BASE_DN}`,
      groupsBase: `ou=groups,${DEMO_BASE_DN}`,
      agentSearch: { bindDn: `cn=guichet-lecture,ou=services,${DEMO_BASE_DN}`, bindPasswordEnv: 'GUICHET_SERVICE_PASSWORD' },
      groups: {
        agents: `cn=helpdesk,ou=groups,${DEMO_BASE_DN}`,
        supervisors: `cn=supervisors,ou=groups,${DEMO_BASE_DN}`,
      },
    },
  };
}
