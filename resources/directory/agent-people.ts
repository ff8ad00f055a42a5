/** The four agent accounts of the desk (staff, in ou=people) with their intended rights. */
import { DEFAULT_BASE_DN, DEMO_DOMAIN, type FixturePerson } from './fixture-person';
import { buildPerson } from './person-builder';
import { Rng } from './seeded-random';
import { newRegistry } from './unique-identifiers';

/** Password of the four agent accounts. */
export const AGENT_PASSWORD = 'Guichet-Demo-2026!';

/** Agent accounts (staff, in ou=people) with their intended rights. */
export type AgentKind = 'agent' | 'supervisor' | 'not-agent' | 'locked-agent';
export interface AgentPerson extends FixturePerson {
  kind: AgentKind;
}

export const AGENT_SPECS: ReadonlyArray<{ login: string; given: string; family: string; civility: 'M.' | 'Mme'; kind: AgentKind }> = [
  { login: 'agent.accueil', given: 'Agnès', family: 'Accueil', civility: 'Mme', kind: 'agent' },
  { login: 'superviseur.dsi', given: 'Sylvain', family: 'Superviseur', civility: 'M.', kind: 'supervisor' },
  { login: 'stagiaire.dsi', given: 'Stéphanie', family: 'Stagiaire', civility: 'Mme', kind: 'not-agent' },
  { login: 'agent.bloque', given: 'Bruno', family: 'Bloqué', civility: 'M.', kind: 'locked-agent' },
];

/** The four agent accounts; deterministic, independent of the people. */
export function generateAgents(baseDn = DEFAULT_BASE_DN): AgentPerson[] {
  const rng = new Rng(0x6a6e7473);
  const reg = newRegistry();
  return AGENT_SPECS.map((a) => ({
    ...buildPerson(
      {
        key: null,
        login: a.login,
        given: a.given,
        family: a.family,
        civility: a.civility,
        affiliation: 'staff',
        state: a.kind === 'locked-agent' ? 'locked' : 'active',
        password: AGENT_PASSWORD,
      },
      rng,
      reg,
      baseDn,
    ),
    mail: `${a.login}@${DEMO_DOMAIN}`,
    kind: a.kind,
  }));
}
