/** What the console shows of a person's account. Plain data: no secrets, dates of birth never. */
import type { IdentifierKind } from './verification';
import type { SecondFactorStatus } from './second-factor';
import type { LastSignInFacts, PasswordPolicyFacts } from './sign-in-times';

/** SUPANN account state letter: A active, I inactive, S suspended. */
export type AccountStatus = 'active' | 'inactive' | 'suspended' | 'unknown';

export interface AccountState {
  status: AccountStatus;
  /** SUPANN sub-state, e.g. SupannActif, SupannCree, SupannPrecree, SupannExpire, SupannVerrouille. */
  subState: string | null;
  /** ISO dates (YYYY-MM-DD) from supannRessourceEtatDate, when given. */
  start: string | null;
  end: string | null;
  /**
   * How the directory's values were read: `missing` when no value names the account
   * resource, `unreadable` when one cannot be parsed (an unknown state letter, a sub-state
   * of another state, extra fields) or two of them contradict each other.
   */
  reading: 'read' | 'missing' | 'unreadable';
}

/** How a lookup key was recognised or forced. */
export const SEARCH_KEYS = ['auto', 'login', 'alias', 'studentId', 'ine', 'staffId', 'uniqueId', 'mail', 'name'] as const;
export type SearchKey = (typeof SEARCH_KEYS)[number];
export type ResolvedSearchKey = Exclude<SearchKey, 'auto'> | 'loginOrAlias';

export interface AccountSummary {
  dn: string;
  login: string;
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  primaryAffiliation: string | null;
  state: AccountState;
  studentIds: string[];
  staffIds: string[];
  locked: boolean;
  /** Locked by an administrator (ppolicy's 000001010000Z), not by failed sign-ins. */
  lockedByAdministrator: boolean;
  /** pwdChangedTime is set: a password was given at some point. */
  hasPassword: boolean;
  /** pwdReset: a temporary password was given and not yet changed by the person. */
  resetPending: boolean;
  /** supannListeRouge TRUE: the person asked to be hidden from the internal directory. */
  redListed: boolean;
}

export interface PasswordStatus {
  /** ISO time of the last change (pwdChangedTime), null when never set. */
  lastChange: string | null;
  hasPassword: boolean;
  /** pwdReset: the person must change it at next sign-in. */
  mustChange: boolean;
  /** ISO time of the lock (pwdAccountLockedTime), null when not locked. */
  lockedSince: string | null;
  /** Locked by an administrator (000001010000Z) rather than by failures. */
  lockedByAdministrator: boolean;
  /** ISO times of recent failed sign-ins (pwdFailureTime). */
  recentFailures: string[];
}

export interface Consents {
  smsAlerts: boolean;
  /** Masked, e.g. "+33 6 •• •• •• 78"; null when no mobile is registered. */
  mobileMasked: string | null;
  photoUse: boolean;
  /** supannListeRouge TRUE: hidden from the internal directory. */
  hiddenFromDirectory: boolean;
}

export interface RecentDeskAction {
  seq: number;
  at: string;
  action: string;
  outcome: string;
  agentLogin: string | null;
}

export interface AccountCard extends AccountSummary {
  civility: string | null;
  alias: string | null;
  uniqueId: string | null;
  principalName: string | null;
  affiliations: string[];
  ines: string[];
  /** The institution's dossier numbers (UBP), when its directory has them. */
  dossierNumbers: string[];
  /** The identifiers the person holds, of every kind (which ones open a verification is the institution's choice). */
  identifierKinds: IdentifierKind[];
  mail: string | null;
  personalMailMasked: string | null;
  password: PasswordStatus;
  consents: Consents;
  secretQuestionSet: boolean;
  /** The policy that applies to the password (its pwdMaxAge gives the expiry: shared/sign-in-times.ts). */
  passwordPolicy: PasswordPolicyFacts;
  /** How many former passwords the directory refuses (the policy's pwdInHistory); null when not known or none. */
  passwordHistory: number | null;
  /** The last successful sign-in, where the directory keeps it. */
  lastSignIn: LastSignInFacts;
  /** The directory has a photo attribute the agent may ask to see (configuration directory.attributes.photo). */
  photoOffered: boolean;
  /** The person's second factor, read from the token's attributes; null when the desk does not manage second factors. */
  secondFactor: SecondFactorStatus | null;
  recentActions: RecentDeskAction[];
}
