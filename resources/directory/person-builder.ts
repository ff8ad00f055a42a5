/**
 * One generated person from a draft (names, affiliation, account state): the identifiers, the
 * contact details, the secrets, the SUPANN resource state and the ppolicy state, all drawn from
 * the seeded generator in a fixed order (changing that order changes every later person).
 */
import { asciiLetters } from './accent-folding';
import { CHARTER_VERSION, CONSENT_PHOTO, CONSENT_SMS, DEMO_DOMAIN, type AccountState, type Affiliation, type FixturePerson, type NamedKey } from './fixture-person';
import { ENTITIES_STAFF, ENTITIES_STUDENT, MAIL_DOMAINS, QUESTIONS } from './people-vocabulary';
import type { Rng } from './seeded-random';
import { makeAlias, makeIne, makeLogin, uniqueOf, type Registry } from './unique-identifiers';

const YEAR_START = '20260901';
const YEAR_END = '20270831';

function dateOfBirth(rng: Rng, affiliation: Affiliation): string {
  const year = affiliation === 'student' ? rng.int(1996, 2008) : rng.int(1962, 2000);
  return `${year}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`;
}

function stampIn(rng: Rng, day: string): string {
  return `${day}${String(rng.int(7, 19)).padStart(2, '0')}${String(rng.int(0, 59)).padStart(2, '0')}${String(rng.int(0, 59)).padStart(2, '0')}Z`;
}

function resourceState(state: AccountState, affiliation: Affiliation): { etat: string; date: string } {
  const end = affiliation === 'staff' || affiliation === 'faculty' ? '' : YEAR_END;
  switch (state) {
    case 'active':
    case 'locked':
    case 'resetPending':
      return { etat: '{COMPTE}A:SupannActif', date: `{COMPTE}A:SupannActif:${YEAR_START}:${end}` };
    case 'neverActivated':
      return { etat: '{COMPTE}I:SupannCree', date: `{COMPTE}I:SupannCree:${YEAR_START}:${end}` };
    case 'preCreated':
      return { etat: '{COMPTE}I:SupannPrecree', date: '{COMPTE}I:SupannPrecree::' };
    case 'expired':
      return { etat: '{COMPTE}I:SupannExpire', date: '{COMPTE}I:SupannExpire:20240901:20250831' };
    case 'suspended':
      return { etat: '{COMPTE}S:SupannVerrouille', date: '{COMPTE}S:SupannVerrouille:20261015:' };
  }
}

function affiliationsOf(affiliation: Affiliation, rng: Rng): string[] {
  switch (affiliation) {
    case 'student':
      return rng.chance(0.03) ? ['student', 'member', 'employee'] : ['student', 'member'];
    case 'staff':
      return ['staff', 'employee', 'member'];
    case 'faculty':
      return rng.chance(0.4) ? ['faculty', 'employee', 'member', 'researcher'] : ['faculty', 'employee', 'member'];
    case 'affiliate':
      return ['affiliate'];
  }
}

export interface Draft {
  key: NamedKey | null;
  login?: string;
  given: string;
  family: string;
  civility: 'M.' | 'Mme';
  affiliation: Affiliation;
  state: AccountState;
  dateOfBirth?: string;
  password?: string | null;
}

export function buildPerson(d: Draft, rng: Rng, reg: Registry, baseDn: string): FixturePerson {
  const login = d.login ?? makeLogin(reg, rng, d.given, d.family);
  const key = d.key;
  const alias = d.affiliation === 'affiliate' ? undefined : makeAlias(reg, d.given, d.family);
  const studentIds: string[] = [];
  let ine: string | undefined;
  let staffId: string | undefined;
  let refId: string | undefined;
  if (d.affiliation === 'student') {
    const n = key === 'twoStudentNumbers' || (key === null && rng.chance(0.01)) ? 2 : 1;
    for (let i = 0; i < n; i++) studentIds.push(uniqueOf(reg.studentIds, () => '2' + rng.digits(7)));
    ine = makeIne(reg, rng);
  } else if (d.affiliation === 'affiliate') {
    refId = `{INVITE}G${rng.digits(6)}`;
  } else {
    staffId = uniqueOf(reg.staffIds, () => String(rng.int(100000, 999999)));
  }
  const uniqueId = uniqueOf(reg.uniqueIds, () => rng.hex(16)) + '@' + DEMO_DOMAIN;
  const hasMobile = key === 'noMobile' ? false : key !== null ? true : rng.chance(0.8);
  const hasPersonalMail = key === 'noPersonalMail' ? false : key !== null ? true : rng.chance(0.85);
  const mobile = hasMobile ? `+33 ${rng.chance(0.7) ? 6 : 7} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)}` : undefined;
  const personalMail = hasPersonalMail
    ? `${asciiLetters(d.given)}.${asciiLetters(d.family)}${rng.int(1, 999)}@${rng.pick(MAIL_DOMAINS)}`
    : undefined;
  const activated = d.state !== 'neverActivated' && d.state !== 'preCreated';
  const password =
    d.password !== undefined ? d.password : activated ? `Demo-${rng.letters(4, 'abcdefghijkmnpqrstuvwxyz')}-${rng.digits(4)}!` : null;
  const passwordSalt = rng.bytes(8);
  const answerSalt = rng.bytes(8);
  const redListed = key === 'redListed' ? true : key !== null ? false : rng.chance(0.04);
  const consents: string[] = [];
  if (activated && (key !== null || rng.chance(0.6))) consents.push(CONSENT_PHOTO);
  if (activated && mobile && (key !== null || rng.chance(0.5))) consents.push(CONSENT_SMS);
  let secretQuestion: string | undefined;
  let secretAnswer: string | undefined;
  if (activated && (key !== null || rng.chance(0.6))) {
    const [q, answers] = rng.pick(QUESTIONS);
    secretQuestion = q;
    secretAnswer = rng.pick(answers);
  }
  const { etat, date } = resourceState(d.state, d.affiliation);
  const pwdFailureTimes: string[] = [];
  let pwdAccountLockedTime: string | undefined;
  if (d.state === 'locked') {
    for (let i = 0; i < 5; i++) pwdFailureTimes.push(`2026112008${String(30 + i).padStart(2, '0')}0${i}Z`);
    pwdAccountLockedTime = '20261120083404Z';
  }
  const displayName = `${d.given} ${d.family}`;
  const entity = d.affiliation === 'student' ? rng.pick(ENTITIES_STUDENT) : d.affiliation === 'affiliate' ? 'INVITES' : rng.pick(ENTITIES_STAFF);
  return {
    key,
    login,
    dn: `uid=${login},ou=people,${baseDn}`,
    givenName: d.given,
    familyName: d.family,
    displayName,
    commonName: displayName,
    nameVariant: null,
    civility: d.civility,
    affiliation: d.affiliation,
    affiliations: affiliationsOf(d.affiliation, rng),
    studentIds,
    ine,
    staffId,
    refId,
    uniqueId,
    principalName: `${login}@${DEMO_DOMAIN}`,
    alias,
    mail: `${alias ?? login}@${DEMO_DOMAIN}`,
    personalMail,
    mobile,
    dateOfBirth: d.dateOfBirth ?? dateOfBirth(rng, d.affiliation),
    password,
    state: d.state,
    resourceState: etat,
    resourceStateDate: date,
    redListed,
    consents,
    entity,
    secretQuestion,
    secretAnswer,
    charterAcceptance: activated ? `${CHARTER_VERSION};${stampIn(rng, '20260902')}` : undefined,
    pwdChangedTime: password ? stampIn(rng, '20260903') : undefined,
    pwdAccountLockedTime,
    pwdFailureTimes,
    pwdReset: d.state === 'resetPending',
    passwordSalt,
    answerSalt,
  };
}

export function pickAffiliation(rng: Rng): Affiliation {
  const r = rng.next();
  return r < 0.7 ? 'student' : r < 0.85 ? 'staff' : r < 0.95 ? 'faculty' : 'affiliate';
}

export function pickState(rng: Rng): AccountState {
  const r = rng.next();
  if (r < 0.86) return 'active';
  if (r < 0.93) return 'neverActivated';
  if (r < 0.95) return 'preCreated';
  if (r < 0.97) return 'expired';
  if (r < 0.98) return 'suspended';
  if (r < 0.99) return 'locked';
  return 'resetPending';
}
