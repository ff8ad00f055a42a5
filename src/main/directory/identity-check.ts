/**
 * What identity verification and the desk actions need to know about the person, read
 * under the signed-in agent's own bind, and the checks made on the directory side.
 *
 * The date of birth is never read: a stated date is COMPARED (the helpdesk ACL grants only
 * `compare` on it) and the answer is match / no match. The secret answer hash is read only
 * by `readSecretAnswerHash`, for a check in main, and never leaves this process.
 */
import type { Entry } from 'ldapts';
import { IDENTIFIER_KINDS, type IdentifierKind } from '../../shared/verification';
import { identifierAttribute } from '../config/journeys';
import type { AttributeMap, GuichetConfig } from '../config/schema';
import { GuichetError } from '../../shared/result';
import { accountFactsOfEntry, factAttributes, first, forbiddenAttributes, PPOLICY_ATTRIBUTES, values } from './account-entry';
import type { AccountFacts } from '../../shared/account-standing';
import { ADMIN_LOCK, generalizedTimeToIso, isLocked } from './account-state';
import type { ReadableClient } from './client-access';
import { readEntry } from './entry-read';
import { isBelow } from './people-dn';

type DirectoryConfig = GuichetConfig['directory'];

export interface PasswordState {
  /** Raw generalized time, compared as is to tell whether a change went through. */
  pwdChangedTime: string | null;
  pwdReset: boolean;
  locked: boolean;
  /** `000001010000Z`: locked on purpose by an administrator, not by failed logins. */
  lockedByAdministrator: boolean;
  /** ISO times, most recent first. */
  failures: string[];
}

/** The outcome of a change whose answer never came: did pwdChangedTime move, or pwdReset appear? */
export const changedSince = (before: PasswordState, after: PasswordState): boolean =>
  after.pwdChangedTime !== before.pwdChangedTime || (after.pwdReset && !before.pwdReset);

/** The person at the desk, as the verification and the actions need them. No date of birth, no answer hash. */
export interface Subject {
  /** As the server returned it. */
  dn: string;
  login: string;
  alias: string | null;
  givenName: string | null;
  familyName: string | null;
  primaryAffiliation: string | null;
  identifiers: Record<IdentifierKind, string[]>;
  mail: string | null;
  personalMail: string | null;
  secretQuestion: string | null;
  password: PasswordState;
  /** What the desk's rules read of the account (state, lock, reset pending...). */
  account: AccountFacts;
}

function subjectAttributes(attrs: AttributeMap): string[] {
  const banned = new Set(forbiddenAttributes(attrs).map((a) => a.toLowerCase()));
  return [
    ...new Set([
      attrs.login,
      attrs.alias,
      attrs.givenName,
      attrs.familyName,
      attrs.primaryAffiliation,
      ...identifierAttributes(attrs),
      attrs.mail,
      attrs.personalMail,
      attrs.secretQuestion,
      ...factAttributes(attrs),
      ...PPOLICY_ATTRIBUTES,
    ]),
  ].filter((a) => !banned.has(a.toLowerCase()));
}

/** Every identifier attribute this directory has mapped (the login among them). */
export const identifierAttributes = (attrs: AttributeMap): string[] =>
  IDENTIFIER_KINDS.map((kind) => identifierAttribute(attrs, kind)).filter((a): a is string => a !== null);

/** The person's identifiers of each kind, as the directory holds them (none for a kind it has no attribute for). */
export function identifiersOf(entry: Entry, attrs: AttributeMap): Record<IdentifierKind, string[]> {
  const held = {} as Record<IdentifierKind, string[]>;
  for (const kind of IDENTIFIER_KINDS) {
    const attribute = identifierAttribute(attrs, kind);
    held[kind] = attribute ? values(entry, attribute) : [];
  }
  return held;
}

export function passwordStateOf(entry: Entry): PasswordState {
  const lockedTime = first(entry, 'pwdAccountLockedTime');
  return {
    pwdChangedTime: first(entry, 'pwdChangedTime'),
    pwdReset: first(entry, 'pwdReset')?.toUpperCase() === 'TRUE',
    locked: isLocked({ pwdAccountLockedTime: lockedTime ?? undefined }),
    lockedByAdministrator: lockedTime?.trim() === ADMIN_LOCK,
    failures: values(entry, 'pwdFailureTime')
      .map((t) => generalizedTimeToIso(t))
      .filter((t): t is string => t !== null)
      .sort()
      .reverse(),
  };
}

/**
 * Refuses a DN outside the people branch before any directory call. A DN holding control
 * characters is one the directory gave (slapd takes a BEL or a line feed in a uid) that the
 * desk cannot serve: said as such (UNSUPPORTED_ENTRY), not as a malformed request.
 */
export function assertPeopleDn(dn: string, directory: Pick<DirectoryConfig, 'peopleBase'>): void {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(dn)) throw new GuichetError('UNSUPPORTED_ENTRY', 'dn: holds control characters');
  if (!isBelow(dn, directory.peopleBase)) throw new GuichetError('INVALID_REQUEST', 'dn: not an account of the people branch');
}

export async function readSubject(client: ReadableClient, dn: string, directory: DirectoryConfig): Promise<Subject> {
  const attrs = directory.attributes;
  const entry = await readEntry(client, dn, subjectAttributes(attrs));
  const login = first(entry, attrs.login);
  if (!login) throw new GuichetError('NOT_FOUND', 'the entry has no login');
  return {
    dn: entry.dn,
    login,
    alias: first(entry, attrs.alias),
    givenName: first(entry, attrs.givenName),
    familyName: first(entry, attrs.familyName),
    primaryAffiliation: first(entry, attrs.primaryAffiliation),
    identifiers: identifiersOf(entry, attrs),
    mail: first(entry, attrs.mail),
    personalMail: first(entry, attrs.personalMail),
    secretQuestion: first(entry, attrs.secretQuestion),
    password: passwordStateOf(entry),
    account: accountFactsOfEntry(entry, attrs),
  };
}

/** Just the ppolicy state, e.g. to settle an operation whose answer never came. */
export async function readPasswordState(client: ReadableClient, dn: string): Promise<PasswordState> {
  return passwordStateOf(await readEntry(client, dn, [...PPOLICY_ATTRIBUTES]));
}

/** How a stated identifier is compared: no spaces, dots or dashes, upper case (INE letters). */
export function normalizeIdentifier(value: string): string {
  return value.normalize('NFKC').replace(/[\s.\-_]/g, '').toUpperCase();
}

/** Is `typed` one of this entry's identifiers of that kind? */
export function identifierMatches(subject: Subject, kind: IdentifierKind, typed: string): boolean {
  const wanted = normalizeIdentifier(typed);
  if (wanted === '') return false;
  return subject.identifiers[kind].some((v) => normalizeIdentifier(v) === wanted);
}

/** The asserted value for the mapped attribute: schacDateOfBirth is YYYYMMDD, the OIDC one YYYY-MM-DD. */
function assertionFor(attribute: string, yyyymmdd: string): string {
  if (attribute.toLowerCase() === 'supannoidcdatedenaissance')
    return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  return yyyymmdd;
}

/**
 * LDAP COMPARE of a date (YYYYMMDD) with the person's date of birth, under the agent's
 * bind. An entry without a date of birth (16, noSuchAttribute) does not match.
 */
export async function compareDateOfBirth(client: ReadableClient, dn: string, directory: DirectoryConfig, yyyymmdd: string): Promise<boolean> {
  if (!/^[0-9]{8}$/.test(yyyymmdd)) return false;
  const attribute = directory.attributes.dateOfBirth;
  try {
    return await client.compare(dn, attribute, assertionFor(attribute, yyyymmdd));
  } catch (error) {
    if ((error as { code?: unknown }).code === 16) return false;
    throw error;
  }
}

/** True when any of the candidate dates is the person's date of birth (compared one by one). */
export async function anyIsDateOfBirth(client: ReadableClient, dn: string, directory: DirectoryConfig, candidates: readonly string[]): Promise<boolean> {
  for (const candidate of candidates) if (await compareDateOfBirth(client, dn, directory, candidate)) return true;
  return false;
}

/**
 * LDAP COMPARE of a code printed on a document the person holds (a certificate code, an
 * INE) with the configured attribute, under the agent's bind: match / no match, the value is
 * never read (the helpdesk ACL grants only compare on it). Typed as people read it out
 * ("k7q-2xm"): spaces, dots and dashes dropped, upper case. No value on the entry (16) does
 * not match.
 */
export async function compareDocumentCode(client: ReadableClient, dn: string, directory: DirectoryConfig, typed: string): Promise<boolean> {
  const attribute = directory.attributes.documentCode;
  if (!attribute) throw new GuichetError('NOT_FOUND', 'this institution checks no document code', { reason: 'not-offered' });
  const code = normalizeIdentifier(typed);
  if (code === '' || code.length > 64) return false;
  try {
    return await client.compare(dn, attribute, code);
  } catch (error) {
    if ((error as { code?: unknown }).code === 16) return false;
    throw error;
  }
}

/** The stored answer hash (null when none is set); used for a check in main, never returned. */
export async function readSecretAnswerHash(client: ReadableClient, dn: string, directory: DirectoryConfig): Promise<string | null> {
  const attribute = directory.attributes.secretAnswerHash;
  const entry = await readEntry(client, dn, [attribute]);
  return first(entry, attribute);
}
