/**
 * The demo people who already hold an authenticator (a TOTP token checked by slapd's otp
 * overlay), loaded by the fixture besides the generated people, and the LDIF of their
 * tokens. Deterministic and independent of the generated people (its own seed), so that
 * every other fixture person stays exactly as before.
 *
 * Each record carries its raw secret (test-only): a test plays the person's phone with it.
 */
import { createHash } from 'node:crypto';
import { generateAgents } from './agent-people';
import type { FixturePerson } from './fixture-person';
import { ldifEntry, ldifLine } from './ldif-format';
import { NAMED_PERSON_PASSWORD } from './named-people';
import { personToLdif } from './person-ldif';

export const TOKEN_HOLDER_KEYS = ['enrolled', 'staffEnrolled', 'protected'] as const;
/**
 * `enrolled`: a student whose token sits on their own entry (as the desk writes it);
 * `staffEnrolled`: a staff member whose token points at a shared parameters entry (as a
 * self-service portal might have written it); `protected`: a student whose token the
 * directory's ACL keeps away from the desk (every write of it is refused).
 */
export type TokenHolderKey = (typeof TOKEN_HOLDER_KEYS)[number];

export interface TokenHolder extends FixturePerson {
  tokenKey: TokenHolderKey;
  /** The raw key bytes (oathSecret), test-only: what the person's phone holds. */
  totpSecret: Buffer;
  digits: 6;
  periodSeconds: 30;
  /** oathTOTPLastTimeStep as loaded: a code accepted at that 30-second step. */
  lastTimeStep: number;
  /** guichetSecondFactorSince as loaded (generalized time). */
  since: string;
  /** Where oathTOTPParams points. */
  paramsDn: string;
}

/** The OID slapd's otp overlay takes for HMAC-SHA-1. */
export const OID_HMAC_SHA1 = '1.2.840.113549.2.7';
/** The shared TOTP parameters entry the staff member's token points at. */
export const sharedParamsDn = (baseDn: string) => `cn=totp-6-30,ou=policies,${baseDn}`;

const SPECS: ReadonlyArray<{ key: TokenHolderKey; login: string; given: string; family: string; civility: 'M.' | 'Mme'; affiliation: 'student' | 'staff'; dateOfBirth: string }> = [
  { key: 'enrolled', login: 'cauthier21', given: 'Clémence', family: 'Authier', civility: 'Mme', affiliation: 'student', dateOfBirth: '20040517' },
  { key: 'staffEnrolled', login: 'pvasseur22', given: 'Paul', family: 'Vasseur', civility: 'M.', affiliation: 'staff', dateOfBirth: '19790311' },
  { key: 'protected', login: 'lmarchetti23', given: 'Léna', family: 'Marchetti', civility: 'Mme', affiliation: 'student', dateOfBirth: '20050829' },
];

/** 2026-11-28T10:15:00Z as a 30-second step: the last code each holder used. */
const LAST_STEP = Math.floor(Date.UTC(2026, 10, 28, 10, 15, 0) / 1000 / 30);
const SINCE = '20261002093000Z';

/**
 * The token holders. Built from the agent generator's person builder (same shape as every
 * fixture person), then renamed; secrets come from a hash of the login, so they are stable.
 */
export function generateTokenHolders(baseDn: string): TokenHolder[] {
  const template = generateAgents(baseDn)[0]!;
  return SPECS.map((spec, index) => {
    const mail = `${spec.given.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')}.${spec.family.toLowerCase()}@univ-demo.fr`;
    const person: FixturePerson = {
      ...template,
      key: null,
      login: spec.login,
      dn: `uid=${spec.login},ou=people,${baseDn}`,
      givenName: spec.given,
      familyName: spec.family,
      displayName: `${spec.given} ${spec.family}`,
      civility: spec.civility,
      affiliation: spec.affiliation,
      affiliations: spec.affiliation === 'student' ? ['student', 'member'] : ['staff', 'employee', 'member'],
      studentIds: spec.affiliation === 'student' ? [`3990${String(index + 1).padStart(4, '0')}`] : [],
      ine: spec.affiliation === 'student' ? `09${String(index + 1).padStart(8, '0')}Q` : undefined,
      staffId: spec.affiliation === 'staff' ? `77${String(index + 1).padStart(5, '0')}` : undefined,
      // Identifiers the generator never makes (its student numbers start with 2, its staff
      // numbers have 6 digits, its INE letters have no Q): a lookup finds one person.
      uniqueId: `${createHash('sha256').update(spec.login).digest('hex').slice(0, 16)}@univ-demo.fr`,
      principalName: `${spec.login}@univ-demo.fr`,
      alias: mail.split('@')[0],
      mail,
      personalMail: `${spec.login}.perso@proton.me`,
      dateOfBirth: spec.dateOfBirth,
      password: NAMED_PERSON_PASSWORD,
      entity: spec.affiliation === 'student' ? 'UFR-SCI' : 'DSI',
      resourceState: '{COMPTE}A:SupannActif',
      resourceStateDate: `{COMPTE}A:SupannActif:20260901:${spec.affiliation === 'student' ? '20270831' : ''}`,
    };
    return {
      ...person,
      tokenKey: spec.key,
      totpSecret: createHash('sha1').update(`guichet-demo-totp:${spec.login}`).digest(),
      digits: 6,
      periodSeconds: 30,
      lastTimeStep: LAST_STEP,
      since: SINCE,
      paramsDn: spec.key === 'staffEnrolled' ? sharedParamsDn(baseDn) : person.dn,
    };
  });
}

/** `attr:: base64` of raw bytes, folded as ldifLine folds. */
function binaryLine(attr: string, bytes: Buffer): string {
  const line = `${attr}:: ${bytes.toString('base64')}`;
  if (line.length <= 76) return line + '\n';
  let out = line.slice(0, 76);
  for (let i = 76; i < line.length; i += 75) out += '\n ' + line.slice(i, i + 75);
  return out + '\n';
}

/** The holder's entry: the person, plus the token (and its parameters when they are its own). */
export function tokenHolderToLdif(holder: TokenHolder): string {
  const own = holder.paramsDn === holder.dn;
  const classes = ['oathTOTPUser', 'oathTOTPToken', ...(own ? ['oathTOTPParams'] : [])].map((c) => ldifLine('objectClass', c)).join('');
  let token = ldifLine('oathTOTPToken', holder.dn);
  token += ldifLine('oathTOTPParams', holder.paramsDn);
  token += binaryLine('oathSecret', holder.totpSecret);
  token += ldifLine('oathTOTPLastTimeStep', String(holder.lastTimeStep));
  token += ldifLine('guichetSecondFactorSince', holder.since);
  if (own) token += ['oathOTPLength: 6', `oathHMACAlgorithm: ${OID_HMAC_SHA1}`, 'oathTOTPTimeStepPeriod: 30', 'oathTOTPTimeStepWindow: 1'].map((l) => `${l}\n`).join('');
  // slapadd wants an entry's object classes together: the token's go after the person's.
  const person = personToLdif(holder);
  const afterClasses = person.lastIndexOf('objectClass: ');
  const cut = person.indexOf('\n', afterClasses) + 1;
  // personToLdif ends the entry with a blank line: the token's attributes go before it.
  return person.slice(0, cut) + classes + person.slice(cut).replace(/\n$/, '') + token + '\n';
}

/** The shared parameters entry (6 digits, 30 s, SHA-1, one step either side). */
export function sharedParamsLdif(baseDn: string): string {
  return ldifEntry(sharedParamsDn(baseDn), [
    ['objectClass', ['applicationProcess', 'oathTOTPParams']],
    ['cn', 'totp-6-30'],
    ['description', 'Paramètres TOTP partagés (portail en ligne)'],
    ['oathOTPLength', '6'],
    ['oathHMACAlgorithm', OID_HMAC_SHA1],
    ['oathTOTPTimeStepPeriod', '30'],
    ['oathTOTPTimeStepWindow', '1'],
  ]);
}
