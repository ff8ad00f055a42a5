/**
 * Deterministic generator of the people of the test/demo directory (SUPANN 2021 + eduPerson +
 * SCHAC + guichet-local schema), and their LDIF. Pure: the same (count, seed) always gives the
 * same people and the same LDIF bytes (password and answer salts come from the seeded PRNG).
 *
 * The records carry test-only secrets (cleartext password, date of birth, secret answer) so
 * that tests and the demo can play the person at the desk. What a person is: fixture-person.ts;
 * the named cases: named-people.ts; one person from a draft: person-builder.ts; the agents:
 * agent-people.ts; their LDIF: person-ldif.ts. Tests import all of it from here.
 */
import { DEFAULT_BASE_DN, type FixturePerson } from './fixture-person';
import { AGENT_SPECS } from './agent-people';
import { lifecycleDates, todayUtc } from './lifecycle-people';
import { nameVariantAt, namesWithVariant } from './name-variants';
import { NAMED_LOGINS, NAMED_PERSON_PASSWORD, NAMED_SPECS } from './named-people';
import { buildPerson, pickAffiliation, pickState } from './person-builder';
import { DUPONTS, FAMILY, FEMALE, MALE } from './people-vocabulary';
import { mulberry32, Rng } from './seeded-random';
import { newRegistry } from './unique-identifiers';

export {
  CHARTER_VERSION,
  CONSENT_PHOTO,
  CONSENT_SMS,
  DEFAULT_BASE_DN,
  DEMO_DOMAIN,
  ESTABLISHMENT,
  INE_PATTERN,
  NAMED_KEYS,
  type AccountState,
  type Affiliation,
  type FixturePerson,
  type NamedKey,
} from './fixture-person';
export { NAMED_LOGINS, NAMED_PERSON_PASSWORD } from './named-people';
export { AGENT_PASSWORD, generateAgents, type AgentKind, type AgentPerson } from './agent-people';
export { mulberry32 } from './seeded-random';
export { asciiLetters } from './accent-folding';
export { hashSecretAnswer, normalizeSecretAnswer, sshaHash, verifySecretAnswer, verifySsha } from './secret-hashes';
export { ldifEntry, ldifLine } from './ldif-format';
export { personToLdif, toLdif } from './person-ldif';

/**
 * The named cases (always, first, fixed logins) followed by `count` generated people.
 * Deterministic for (count, seed, baseDn); the first N generated people do not depend on count.
 */
export function generatePeople(count: number, seed: number, baseDn = DEFAULT_BASE_DN, today = todayUtc()): FixturePerson[] {
  return Array.from(iteratePeople(count, seed, baseDn, today));
}

/** Same people as generatePeople(), one at a time (lets the fixture overlap generation and slapadd). */
export function* iteratePeople(count: number, seed: number, baseDn = DEFAULT_BASE_DN, today = todayUtc(), passwordMaxAgeDays: number | null = null): Generator<FixturePerson> {
  const lifecycle = lifecycleDates(mulberry32((seed ^ 0x11fec7c1) >>> 0), today, passwordMaxAgeDays);
  for (const person of generatedPeople(count, seed, baseDn)) yield lifecycle(person);
}

function* generatedPeople(count: number, seed: number, baseDn: string): Generator<FixturePerson> {
  const rng = new Rng(seed);
  const reg = newRegistry();
  for (const l of Object.values(NAMED_LOGINS)) reg.logins.add(l);
  for (const a of AGENT_SPECS) reg.logins.add(a.login);
  for (const s of NAMED_SPECS) {
    yield buildPerson(
      {
        key: s.key,
        login: s.login,
        given: s.given,
        family: s.family,
        civility: s.civility,
        affiliation: s.affiliation,
        state: s.state,
        dateOfBirth: s.dateOfBirth,
        password: s.state === 'neverActivated' || s.state === 'preCreated' ? null : NAMED_PERSON_PASSWORD,
      },
      rng,
      reg,
      baseDn,
    );
  }
  for (let i = 0; i < count; i++) {
    const affiliation = pickAffiliation(rng);
    const state = pickState(rng);
    let given: string;
    let family: string;
    let civility: 'M.' | 'Mme';
    const slot = i % 500;
    if (slot === 3 || slot === 7 || slot === 13) {
      // deliberate homonyms: Martin Dupont, Camille Dupont (Mme), Camille Dupont (M.)
      const [g, c] = DUPONTS[slot === 3 ? 0 : slot === 7 ? 1 : 2] as [string, 'M.' | 'Mme'];
      given = g;
      family = 'Dupont';
      civility = c;
    } else {
      civility = rng.chance(0.5) ? 'Mme' : 'M.';
      given = civility === 'Mme' ? rng.pick(FEMALE) : rng.pick(MALE);
      family = rng.chance(0.06) ? `${rng.pick(FAMILY)}-${rng.pick(FAMILY)}` : rng.pick(FAMILY);
    }
    const person = buildPerson({ key: null, given, family, civility, affiliation, state }, rng, reg, baseDn);
    const variant = nameVariantAt(i);
    yield variant ? { ...person, ...namesWithVariant(variant, given, family, person.login, i, FAMILY), nameVariant: variant } : person;
  }
}
