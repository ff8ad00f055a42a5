/**
 * From a directory entry to what the console shows. The attribute lists are explicit: the
 * date of birth and userPassword are never asked for (the desk may only compare a date).
 */
import type { Entry } from 'ldapts';
import type { AccountCard, AccountSummary, RecentDeskAction } from '../../shared/account';
import type { AccountFacts } from '../../shared/account-standing';
import type { SecondFactorStatus } from '../../shared/second-factor';
import type { LastSignInFacts, PasswordPolicyFacts } from '../../shared/sign-in-times';
import type { GuichetConfig, AttributeMap } from '../config/schema';
import { ADMIN_LOCK, generalizedTimeToIso, isLocked, parseAccountState, passwordStatus, type PpolicyValues } from './account-state';
import { maskMailbox, type MailboxRules } from '../../shared/mail-address';
import { maskMobile } from './account-masking';
import { IDENTIFIER_KINDS, type IdentifierKind } from '../../shared/verification';
import { identifierAttribute } from '../config/journeys';

type DirectoryConfig = GuichetConfig['directory'];

/** ppolicy operational attributes: returned only when asked by name. */
export const PPOLICY_ATTRIBUTES = ['pwdChangedTime', 'pwdAccountLockedTime', 'pwdFailureTime', 'pwdReset'] as const;

/** Attributes that must never be read by the console, whatever the mapping says. */
export function forbiddenAttributes(attrs: AttributeMap): string[] {
  const never = [attrs.dateOfBirth, 'schacDateOfBirth', 'supannOIDCDateDeNaissance', 'userPassword', attrs.secretAnswerHash, 'pwdHistory', 'oathSecret'];
  // The code printed on a document is compared only, like the date of birth.
  return attrs.documentCode ? [...never, attrs.documentCode] : never;
}

function withoutForbidden(list: string[], attrs: AttributeMap): string[] {
  const banned = new Set(forbiddenAttributes(attrs).map((a) => a.toLowerCase()));
  return [...new Set(list)].filter((a) => !banned.has(a.toLowerCase()));
}

export function summaryAttributes(attrs: AttributeMap): string[] {
  return withoutForbidden(
    [
      attrs.login,
      attrs.alias,
      attrs.commonName,
      attrs.displayName,
      attrs.familyName,
      attrs.givenName,
      attrs.studentId,
      attrs.staffId,
      ...factAttributes(attrs),
    ],
    attrs,
  );
}

export function cardAttributes(attrs: AttributeMap): string[] {
  return withoutForbidden(
    [
      ...summaryAttributes(attrs),
      attrs.civility,
      attrs.uniqueId,
      attrs.refId,
      attrs.principalName,
      attrs.affiliation,
      attrs.ine,
      ...(attrs.dossierNumber ? [attrs.dossierNumber] : []),
      attrs.mail,
      attrs.personalMail,
      attrs.mobile,
      attrs.consent,
      attrs.hiddenFromDirectory,
      attrs.secretQuestion,
      ...PPOLICY_ATTRIBUTES,
      // Operational: the policy the entry names (password-policy-read.ts) and where the last sign-in is kept.
      'pwdPolicySubentry',
      ...(attrs.lastAuthentication ? [attrs.lastAuthentication] : []),
    ],
    attrs,
  );
}

/** All values of an attribute as strings (ldapts gives a string, an array, or [] when absent). */
export function values(entry: Entry, attribute: string): string[] {
  // ldapts names requested attributes as asked (absent ones as []): the direct hit is the usual case.
  let raw = entry[attribute];
  if (raw === undefined) {
    const lower = attribute.toLowerCase();
    const key = Object.keys(entry).find((k) => k.toLowerCase() === lower);
    if (!key) return [];
    raw = entry[key]!;
  }
  if (typeof raw === 'string') return raw === '' ? [] : [raw];
  const out: string[] = [];
  for (const v of Array.isArray(raw) ? raw : [raw]) {
    const text = Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
    if (text !== '') out.push(text);
  }
  return out;
}

export function first(entry: Entry, attribute: string): string | null {
  const raw = entry[attribute];
  // The usual case (one value, named as asked), without building a list.
  if (typeof raw === 'string') return raw === '' ? null : raw;
  return values(entry, attribute)[0] ?? null;
}

function ppolicyOf(entry: Entry): PpolicyValues {
  return {
    pwdChangedTime: first(entry, 'pwdChangedTime') ?? undefined,
    pwdAccountLockedTime: first(entry, 'pwdAccountLockedTime') ?? undefined,
    pwdFailureTime: values(entry, 'pwdFailureTime'),
    pwdReset: first(entry, 'pwdReset') ?? undefined,
  };
}

/** An LDAP boolean (`TRUE` / `FALSE`). */
export const isTrue = (value: string | null): boolean => value?.trim().toUpperCase() === 'TRUE';

/** The attributes `accountFactsOfEntry` reads. */
export function factAttributes(attrs: AttributeMap): string[] {
  return [attrs.accountState, attrs.accountStateDate, attrs.primaryAffiliation, attrs.hiddenFromDirectory, 'pwdChangedTime', 'pwdAccountLockedTime', 'pwdReset'];
}

/** What the desk's rules read of an account (see shared/account-standing.ts), from any entry read with `factAttributes`. */
export function accountFactsOfEntry(entry: Entry, attrs: AttributeMap): AccountFacts {
  // Only the ppolicy values the facts need: a search result is read without pwdFailureTime,
  // and looking for an attribute that is not there costs a scan of the entry's names.
  const lockedTime = first(entry, 'pwdAccountLockedTime') ?? undefined;
  return {
    state: parseAccountState(values(entry, attrs.accountState), values(entry, attrs.accountStateDate)),
    primaryAffiliation: first(entry, attrs.primaryAffiliation),
    hasPassword: !!first(entry, 'pwdChangedTime'),
    locked: isLocked({ pwdAccountLockedTime: lockedTime }),
    lockedByAdministrator: lockedTime?.trim() === ADMIN_LOCK,
    resetPending: first(entry, 'pwdReset')?.toUpperCase() === 'TRUE',
    redListed: isTrue(first(entry, attrs.hiddenFromDirectory)),
  };
}

export function toSummary(entry: Entry, attrs: AttributeMap): AccountSummary {
  const login = first(entry, attrs.login) ?? '';
  const givenName = first(entry, attrs.givenName);
  const familyName = first(entry, attrs.familyName);
  const displayName =
    first(entry, attrs.displayName) ?? first(entry, attrs.commonName) ?? ([givenName, familyName].filter(Boolean).join(' ') || login);
  return {
    dn: entry.dn,
    login,
    displayName,
    givenName,
    familyName,
    studentIds: values(entry, attrs.studentId),
    staffIds: values(entry, attrs.staffId),
    ...accountFactsOfEntry(entry, attrs),
  };
}

/** The identifier kinds the entry has a value for (read from the card's own attributes). */
function heldIdentifierKinds(entry: Entry, attrs: AttributeMap): IdentifierKind[] {
  return IDENTIFIER_KINDS.filter((kind) => {
    const attribute = identifierAttribute(attrs, kind);
    return attribute !== null && values(entry, attribute).length > 0;
  });
}

const hasValue = (list: readonly string[], wanted: string) => list.some((v) => v.trim().toLowerCase() === wanted.toLowerCase());

/** The last successful sign-in where the directory keeps it: a time it gives that is not one is said unreadable. */
export function lastSignInOf(entry: Entry, attrs: AttributeMap): LastSignInFacts {
  if (!attrs.lastAuthentication) return { reading: 'not-tracked' };
  const raw = first(entry, attrs.lastAuthentication);
  if (raw === null) return { reading: 'read', at: null };
  const at = generalizedTimeToIso(raw);
  return at === null ? { reading: 'unreadable' } : { reading: 'read', at };
}

/** What the card adds to the entry: read beside it (the policy, the second factor). */
export interface CardExtras {
  secondFactor?: SecondFactorStatus | null;
  passwordPolicy?: PasswordPolicyFacts;
  passwordHistory?: number | null;
}

export function toCard(entry: Entry, directory: DirectoryConfig, recentActions: RecentDeskAction[], mailbox: MailboxRules, extras: CardExtras = {}): AccountCard {
  const attrs = directory.attributes;
  const summary = toSummary(entry, attrs);
  const password = passwordStatus(ppolicyOf(entry));
  const consents = values(entry, attrs.consent);
  return {
    ...summary,
    civility: first(entry, attrs.civility),
    alias: first(entry, attrs.alias),
    uniqueId: first(entry, attrs.uniqueId) ?? first(entry, attrs.refId),
    principalName: first(entry, attrs.principalName),
    affiliations: values(entry, attrs.affiliation),
    ines: values(entry, attrs.ine),
    dossierNumbers: attrs.dossierNumber ? values(entry, attrs.dossierNumber) : [],
    identifierKinds: heldIdentifierKinds(entry, attrs),
    mail: first(entry, attrs.mail),
    personalMailMasked: maskMailbox(first(entry, attrs.personalMail), mailbox),
    password,
    consents: {
      smsAlerts: hasValue(consents, directory.consents.smsAlerts),
      mobileMasked: maskMobile(first(entry, attrs.mobile)),
      photoUse: hasValue(consents, directory.consents.photoUse),
      hiddenFromDirectory: summary.redListed,
    },
    secretQuestionSet: values(entry, attrs.secretQuestion).length > 0,
    passwordPolicy: extras.passwordPolicy ?? { reading: 'unknown' },
    passwordHistory: extras.passwordHistory ?? null,
    lastSignIn: lastSignInOf(entry, attrs),
    photoOffered: attrs.photo !== null,
    secondFactor: extras.secondFactor ?? null,
    recentActions,
  };
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
type Sortable = Pick<AccountSummary, 'familyName' | 'givenName' | 'login'>;

/** Family name, then given name, then login (accent- and case-insensitive, French order). */
export function compareSummaries(a: Sortable, b: Sortable): number {
  return compareText(a.familyName ?? '', b.familyName ?? '') || compareText(a.givenName ?? '', b.givenName ?? '') || collator.compare(a.login, b.login);
}

/** The same name in two results (a name search's usual case) needs no collation. */
const compareText = (a: string, b: string): number => (a === b ? 0 : collator.compare(a, b));
