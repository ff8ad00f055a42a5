/**
 * What a generated person of the test/demo directory is (SUPANN 2021 + eduPerson + SCHAC +
 * guichet-local schema): the record the generator makes and the fixture hands to tests, with
 * the institution's constants written in the entries.
 *
 * The records carry test-only secrets (cleartext password, date of birth, secret answer) so
 * that tests and the demo can play the person at the desk.
 */
import type { NameVariant } from './name-variants';

export const DEMO_DOMAIN = 'univ-demo.fr';
export const DEFAULT_BASE_DN = 'dc=univ-demo,dc=fr';
/** Current charter version written in `guichetCharterAcceptance`. */
export const CHARTER_VERSION = '2026-1';
export const CONSENT_PHOTO = '{PHOTO}TROMBINOSCOPE';
export const CONSENT_SMS = '{SMS}ALERTES';
export const ESTABLISHMENT = '{UAI}0759999Z';

export type Affiliation = 'student' | 'staff' | 'faculty' | 'affiliate';
export type AccountState =
  | 'active'
  | 'neverActivated'
  | 'preCreated'
  | 'locked'
  | 'resetPending'
  | 'expired'
  | 'suspended';

export const NAMED_KEYS = [
  'active',
  'neverActivated',
  'preCreated',
  'locked',
  'resetPending',
  'redListed',
  'expired',
  'suspended',
  'noMobile',
  'noPersonalMail',
  'twoStudentNumbers',
  'staff',
  'faculty',
  'external',
  'homonymA',
  'homonymB',
  'accented',
] as const;
export type NamedKey = (typeof NAMED_KEYS)[number];

export interface FixturePerson {
  /** Named state case, or null for an ordinary generated person. */
  key: NamedKey | null;
  login: string;
  dn: string;
  givenName: string;
  familyName: string;
  /** `displayName`: "Given Family". */
  displayName: string;
  /** `cn`: the display name, except for a name variant. */
  commonName: string;
  /** Names that disagree across attributes (see name-variants.ts); null for most people. */
  nameVariant: NameVariant | null;
  /** What cn still says for a name variant (birth name, typo, pseudonym). */
  formerName?: string;
  civility: 'M.' | 'Mme';
  /** eduPersonPrimaryAffiliation. */
  affiliation: Affiliation;
  /** All eduPersonAffiliation values (e.g. student, member). */
  affiliations: string[];
  studentIds: string[];
  ine?: string;
  staffId?: string;
  /** supannRefId of externals, `{INVITE}G000123`. */
  refId?: string;
  /** eduPersonUniqueId, `hex@univ-demo.fr`. */
  uniqueId: string;
  principalName: string;
  /** supannAliasLogin (prenom.nom, unique, lower case); none for externals. */
  alias?: string;
  mail: string;
  personalMail?: string;
  /** `+33 6 12 34 56 78`. */
  mobile?: string;
  /** schacDateOfBirth, YYYYMMDD (test-only secret: the desk may only compare it). */
  dateOfBirth: string;
  /** Cleartext password (test-only); null when the account was never activated. */
  password: string | null;
  /** Account state (SUPANN resource state + ppolicy state). */
  state: AccountState;
  /** supannRessourceEtat, e.g. `{COMPTE}A:SupannActif`. */
  resourceState: string;
  /** supannRessourceEtatDate, e.g. `{COMPTE}A:SupannActif:20260901:20270831`. */
  resourceStateDate: string;
  /** supannListeRouge. */
  redListed: boolean;
  /** supannConsentement values ({PHOTO}TROMBINOSCOPE, {SMS}ALERTES). */
  consents: string[];
  entity: string;
  secretQuestion?: string;
  /** Cleartext answer (test-only); the directory holds `guichetSecretAnswerHash`. */
  secretAnswer?: string;
  /** `version;YYYYMMDDHHMMSSZ`. */
  charterAcceptance?: string;
  /** ppolicy operational attributes loaded with the entry. */
  pwdChangedTime?: string;
  pwdAccountLockedTime?: string;
  pwdFailureTimes: string[];
  pwdReset: boolean;
  /** Salt used for the {SSHA} of the password (deterministic). */
  passwordSalt: Buffer;
  /** Salt used for the secret answer hash (deterministic). */
  answerSalt: Buffer;
  /** jpegPhoto (lifecycle-people.ts). */
  jpegPhoto?: Buffer;
  /** lastbind's authTimestamp: the last successful bind (lifecycle-people.ts). */
  authTimestamp?: string;
}

/** INE: 10 digits + 1 letter, or 9 digits + 2 letters. */
export const INE_PATTERN = /^(\d{10}[A-Z]|\d{9}[A-Z]{2})$/;
