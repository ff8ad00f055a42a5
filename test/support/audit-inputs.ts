/** People and inputs the audit tests of every tier write: agents, a target, a password-reset intent. */
export interface Person {
  login: string;
  displayName: string;
}
export const AGENT: Person = { login: 'mdurand', displayName: 'Marie Durand' };
export const OTHER_AGENT: Person = { login: 'pmartin', displayName: 'Paul Martin' };
export const SUPERVISOR: Person = { login: 'chef', displayName: 'Claire Chef' };
export const TARGET = { login: 'jdupont', dn: 'uid=jdupont,ou=people,dc=univ-demo,dc=fr' };

export const resetIntent = {
  action: 'password-reset' as const,
  agent: AGENT,
  target: TARGET,
  evidence: ['student-card' as const],
  details: { delivery: 'shown-at-desk' as const, mustChangeAtNextLogin: true },
};
