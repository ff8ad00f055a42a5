/**
 * Deterministic generator of the people of the test/demo directory (SUPANN 2021 + eduPerson +
 * SCHAC + guichet-local schema), and their LDIF. Pure: the same (count, seed) always gives the
 * same people and the same LDIF bytes (password and answer salts come from the seeded PRNG).
 *
 * The records carry test-only secrets (cleartext password, date of birth, secret answer) so
 * that tests and the demo can play the person at the desk.
 */
import { createHash } from 'node:crypto';
import { lifecycleDates, todayUtc } from './lifecycle-people';
import { nameVariantAt, namesWithVariant, type NameVariant } from './name-variants';

export const DEMO_DOMAIN = 'univ-demo.fr';
export const DEFAULT_BASE_DN = 'dc=univ-demo,dc=fr';
/** Password of every named person that has one (see `NAMED_LOGINS`). */
export const NAMED_PERSON_PASSWORD = 'Etudiant-Demo-2026!';
/** Password of the four agent accounts. */
export const AGENT_PASSWORD = 'Guichet-Demo-2026!';
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

// ------------------------------------------------------------------------------------ PRNG

/** mulberry32: tiny, fast, good enough for test data. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(48 + Math.floor(this.next() * 10));
    return s;
  }
  letters(n: number, alphabet = 'ABCDEFGHJKLMNPRSTUVWXYZ'): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }
  bytes(n: number): Buffer {
    const b = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) b[i] = Math.floor(this.next() * 256);
    return b;
  }
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(this.next() * 16)];
    return s;
  }
}

// ----------------------------------------------------------------------------------- names

const MALE = [
  'Lucas', 'Hugo', 'Louis', 'Gabriel', 'Raphaël', 'Arthur', 'Jules', 'Adam', 'Léo', 'Nathan',
  'Théo', 'Noah', 'Mathis', 'Éthan', 'Timothée', 'Maël', 'Jean-Baptiste', 'Pierre-Louis',
  'Jean-François', 'Benoît', 'Jérôme', 'François', 'Loïc', 'Gaël', 'Mohamed', 'Youssef', 'Karim',
  'Mamadou', 'Thomas', 'Antoine', 'Nicolas', 'Julien', 'Olivier', 'Stéphane', 'Sébastien',
  'Clément', 'Aurélien', 'Grégoire', 'Hervé', 'Noé', 'Côme', 'Baptiste', 'Victor', 'Martin',
  'Anh', 'Ismaël', 'Joël', 'Rémi', 'Valentin', 'Yanis',
] as const;
const FEMALE = [
  'Emma', 'Jade', 'Louise', 'Alice', 'Chloé', 'Léa', 'Manon', 'Inès', 'Zoé', 'Lina', 'Anaïs',
  'Maëlle', 'Éloïse', 'Héloïse', 'Agathe', 'Océane', 'Mélanie', 'Hélène', 'Cécile', 'Françoise',
  'Anne-Sophie', 'Marie-Claire', 'Marie-Ève', 'Fatoumata', 'Aïcha', 'Khadija', 'Salomé',
  'Clémence', 'Bérénice', 'Noémie', 'Juliette', 'Camille', 'Lætitia', 'Capucine', 'Margaux',
  'Sarah', 'Yasmine', 'Thu', 'Gwenaëlle', 'Solène',
] as const;
const FAMILY = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy',
  'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux',
  'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Lefebvre', 'Mercier', 'Dupont', 'Lambert',
  'Bonnet', 'François', 'Martinez', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin',
  'Müller', 'Henry', 'Roussel', 'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont',
  'Lopez', 'Fontaine', 'Chevalier', 'Robin', 'Masson', 'Sanchez', 'Gérard', 'Nguyen', 'Boyer',
  'Denis', 'Lemaire', 'Duval', 'Joly', 'Noël', 'Meyer', 'Meunier', 'Pérez', 'Marchand', 'Dufour',
  'Blanchard', 'Barbier', 'Brun', 'Dumas', 'Brunet', 'Schmitt', 'Leroux', 'Colin', 'Fernandez',
  'Renard', 'Arnaud', 'Caron', 'Aubert', 'Giraud', 'Leclerc', 'Vidal', 'Bourgeois', 'Lemoine',
  'Picard', 'Gaillard', 'Lacroix', 'Fabre', 'Dupuis', 'Da Silva', 'Hubert', 'Rivière', 'Le Gall',
  'Guillaume', 'Ménard', 'Fleury', 'Deschamps', 'Prévost', 'Carré', 'Rémy', "N'Diaye",
  "d'Almeida", "N'Guessan", 'Diallo', 'Traoré', 'Koné', 'Ben Ali', 'Haddad', 'Trần', 'Lecœur',
  "L'Hôte", 'Desprès', 'Le Bihan', 'Kerhervé', 'Çelik', 'Saint-Just',
] as const;
const DUPONTS: ReadonlyArray<[string, 'M.' | 'Mme']> = [
  ['Martin', 'M.'],
  ['Camille', 'Mme'],
  ['Camille', 'M.'],
];
const MAIL_DOMAINS = ['gmail.com', 'laposte.net', 'orange.fr', 'free.fr', 'outlook.fr', 'yahoo.fr', 'proton.me'];
const ENTITIES_STUDENT = ['UFR-SCI', 'UFR-LET', 'UFR-DROIT', 'UFR-MED', 'IUT-INFO', 'UFR-STAPS'];
const ENTITIES_STAFF = ['DSI', 'BU', 'SCOL', 'DRH', 'DAF', 'UFR-SCI', 'UFR-LET', 'COMM'];
const QUESTIONS: ReadonlyArray<[string, readonly string[]]> = [
  ['Nom de votre premier animal de compagnie ?', ['Médor', 'Félix', 'Caramel', 'Noisette', 'Réglisse']],
  ['Ville de naissance de votre mère ?', ['Saint-Étienne', 'Brest', 'Besançon', 'Lille', "L'Haÿ-les-Roses"]],
  ['Nom de votre école primaire ?', ['Jules Ferry', 'Les Tilleuls', 'Jean Jaurès', 'Pierre et Marie Curie']],
  ['Prénom de votre meilleur ami d’enfance ?', ['Benoît', 'Zoé', 'Maël', 'Anaïs']],
];

// ----------------------------------------------------------------------------- named cases

interface NamedSpec {
  key: NamedKey;
  login: string;
  given: string;
  family: string;
  civility: 'M.' | 'Mme';
  affiliation: Affiliation;
  state: AccountState;
  dateOfBirth: string;
}

/** Fixed logins of the named cases. */
export const NAMED_LOGINS: Readonly<Record<NamedKey, string>> = {
  active: 'jbernard1',
  neverActivated: 'tpetit2',
  preCreated: 'crobert3',
  locked: 'hrichard4',
  resetPending: 'edurand5',
  redListed: 'ldubois6',
  expired: 'mmoreau7',
  suspended: 'nlaurent8',
  noMobile: 'isimon9',
  noPersonalMail: 'lmichel10',
  twoStudentNumbers: 'sgarcia11',
  staff: 'pleroy12',
  faculty: 'aroux13',
  external: 'kndiaye14',
  homonymA: 'mdupont15',
  homonymB: 'mdupont16',
  accented: 'elefevre17',
};

const NAMED_SPECS_RAW: ReadonlyArray<Omit<NamedSpec, 'login'>> = [
  { key: 'active', given: 'Julie', family: 'Bernard', civility: 'Mme', affiliation: 'student', state: 'active', dateOfBirth: '20040315' },
  { key: 'neverActivated', given: 'Thomas', family: 'Petit', civility: 'M.', affiliation: 'student', state: 'neverActivated', dateOfBirth: '20070921' },
  { key: 'preCreated', given: 'Chloé', family: 'Robert', civility: 'Mme', affiliation: 'student', state: 'preCreated', dateOfBirth: '20080102' },
  { key: 'locked', given: 'Hugo', family: 'Richard', civility: 'M.', affiliation: 'student', state: 'locked', dateOfBirth: '20030707' },
  { key: 'resetPending', given: 'Emma', family: 'Durand', civility: 'Mme', affiliation: 'student', state: 'resetPending', dateOfBirth: '20051130' },
  { key: 'redListed', given: 'Lucas', family: 'Dubois', civility: 'M.', affiliation: 'student', state: 'active', dateOfBirth: '20040229' },
  { key: 'expired', given: 'Manon', family: 'Moreau', civility: 'Mme', affiliation: 'student', state: 'expired', dateOfBirth: '20000512' },
  { key: 'suspended', given: 'Nathan', family: 'Laurent', civility: 'M.', affiliation: 'student', state: 'suspended', dateOfBirth: '20010818' },
  { key: 'noMobile', given: 'Inès', family: 'Simon', civility: 'Mme', affiliation: 'student', state: 'active', dateOfBirth: '20060404' },
  { key: 'noPersonalMail', given: 'Louis', family: 'Michel', civility: 'M.', affiliation: 'student', state: 'active', dateOfBirth: '20050623' },
  { key: 'twoStudentNumbers', given: 'Sarah', family: 'Garcia', civility: 'Mme', affiliation: 'student', state: 'active', dateOfBirth: '19991224' },
  { key: 'staff', given: 'Pascal', family: 'Leroy', civility: 'M.', affiliation: 'staff', state: 'active', dateOfBirth: '19750210' },
  { key: 'faculty', given: 'Anne', family: 'Roux', civility: 'Mme', affiliation: 'faculty', state: 'active', dateOfBirth: '19680930' },
  { key: 'external', given: 'Khadija', family: "N'Diaye", civility: 'Mme', affiliation: 'affiliate', state: 'active', dateOfBirth: '19881105' },
  { key: 'homonymA', given: 'Martin', family: 'Dupont', civility: 'M.', affiliation: 'student', state: 'active', dateOfBirth: '20040101' },
  { key: 'homonymB', given: 'Martin', family: 'Dupont', civility: 'M.', affiliation: 'student', state: 'active', dateOfBirth: '20060606' },
  { key: 'accented', given: 'Éloïse', family: "Lefèvre-N'Guessan", civility: 'Mme', affiliation: 'student', state: 'active', dateOfBirth: '20031009' },
];
const NAMED_SPECS: readonly NamedSpec[] = NAMED_SPECS_RAW.map((s) => ({ ...s, login: NAMED_LOGINS[s.key] }));

// ------------------------------------------------------------------------------- helpers

/** ASCII lower-case letters only: "Lefèvre-N'Guessan" -> "lefevrenguessan". */
export function asciiLetters(s: string): string {
  return foldAccents(s).toLowerCase().replace(/[^a-z]/g, '');
}

const foldCache = new Map<string, string>();

/** Strip diacritics and expand ligatures (memoised: names repeat a lot). */
function foldAccents(s: string): string {
  let r = foldCache.get(s);
  if (r === undefined) {
    r = s
      .replace(/œ/g, 'oe').replace(/Œ/g, 'Oe').replace(/æ/g, 'ae').replace(/Æ/g, 'Ae')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '');
    if (foldCache.size < 10_000) foldCache.set(s, r);
  }
  return r;
}

/** Alias part: lower-case ASCII, hyphens kept, spaces and apostrophes dropped. */
function aliasPart(s: string): string {
  return foldAccents(s).toLowerCase().replace(/[^a-z-]/g, '');
}

/** Normalisation applied to a secret answer before hashing: no accents, lower case, single spaces. */
export function normalizeSecretAnswer(answer: string): string {
  return foldAccents(answer).toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, ' ').trim();
}

/** `{SSHA256}` base64(sha256(normalized answer + salt) + salt). */
export function hashSecretAnswer(answer: string, salt: Buffer): string {
  const digest = createHash('sha256').update(normalizeSecretAnswer(answer), 'utf8').update(salt).digest();
  return '{SSHA256}' + Buffer.concat([digest, salt]).toString('base64');
}

export function verifySecretAnswer(answer: string, stored: string): boolean {
  if (!stored.startsWith('{SSHA256}')) return false;
  const raw = Buffer.from(stored.slice('{SSHA256}'.length), 'base64');
  if (raw.length <= 32) return false;
  return hashSecretAnswer(answer, raw.subarray(32)) === stored;
}

/** RFC 2307 `{SSHA}`: base64(sha1(password + salt) + salt). */
export function sshaHash(password: string, salt: Buffer): string {
  const digest = createHash('sha1').update(password, 'utf8').update(salt).digest();
  return '{SSHA}' + Buffer.concat([digest, salt]).toString('base64');
}

export function verifySsha(password: string, stored: string): boolean {
  if (!stored.startsWith('{SSHA}')) return false;
  const raw = Buffer.from(stored.slice(6), 'base64');
  return sshaHash(password, raw.subarray(20)) === stored;
}

/** INE: 10 digits + 1 letter, or 9 digits + 2 letters. */
export const INE_PATTERN = /^(\d{10}[A-Z]|\d{9}[A-Z]{2})$/;

// ----------------------------------------------------------------------------- generation

const YEAR_START = '20260901';
const YEAR_END = '20270831';

interface Registry {
  logins: Set<string>;
  loginCounters: Map<string, number>;
  aliases: Set<string>;
  aliasCounters: Map<string, number>;
  studentIds: Set<string>;
  ines: Set<string>;
  staffIds: Set<string>;
  uniqueIds: Set<string>;
}

function uniqueOf(set: Set<string>, make: () => string): string {
  for (;;) {
    const v = make();
    if (!set.has(v)) {
      set.add(v);
      return v;
    }
  }
}

function makeLogin(reg: Registry, rng: Rng, given: string, family: string): string {
  const base = (asciiLetters(given).slice(0, 1) + asciiLetters(family)).slice(0, 9) || 'x';
  for (let i = 0; i < 3; i++) {
    const login = base + rng.int(1, 99);
    if (!reg.logins.has(login)) {
      reg.logins.add(login);
      return login;
    }
  }
  let n = reg.loginCounters.get(base) ?? 100;
  while (reg.logins.has(base + n)) n++;
  reg.loginCounters.set(base, n + 1);
  reg.logins.add(base + n);
  return base + n;
}

function makeAlias(reg: Registry, given: string, family: string): string {
  const base = `${aliasPart(given)}.${aliasPart(family)}`;
  if (!reg.aliases.has(base)) {
    reg.aliases.add(base);
    return base;
  }
  let n = reg.aliasCounters.get(base) ?? 2;
  while (reg.aliases.has(base + n)) n++;
  reg.aliasCounters.set(base, n + 1);
  reg.aliases.add(base + n);
  return base + n;
}

function makeIne(reg: Registry, rng: Rng): string {
  return uniqueOf(reg.ines, () => (rng.chance(0.5) ? rng.digits(10) + rng.letters(1) : rng.digits(9) + rng.letters(2)));
}

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

interface Draft {
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

function buildPerson(d: Draft, rng: Rng, reg: Registry, baseDn: string): FixturePerson {
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

function pickAffiliation(rng: Rng): Affiliation {
  const r = rng.next();
  return r < 0.7 ? 'student' : r < 0.85 ? 'staff' : r < 0.95 ? 'faculty' : 'affiliate';
}

function pickState(rng: Rng): AccountState {
  const r = rng.next();
  if (r < 0.86) return 'active';
  if (r < 0.93) return 'neverActivated';
  if (r < 0.95) return 'preCreated';
  if (r < 0.97) return 'expired';
  if (r < 0.98) return 'suspended';
  if (r < 0.99) return 'locked';
  return 'resetPending';
}

function newRegistry(): Registry {
  return {
    logins: new Set(),
    loginCounters: new Map(),
    aliases: new Set(),
    aliasCounters: new Map(),
    studentIds: new Set(),
    ines: new Set(),
    staffIds: new Set(),
    uniqueIds: new Set(),
  };
}

/** Agent accounts (staff, in ou=people) with their intended rights. */
export type AgentKind = 'agent' | 'supervisor' | 'not-agent' | 'locked-agent';
export interface AgentPerson extends FixturePerson {
  kind: AgentKind;
}

const AGENT_SPECS: ReadonlyArray<{ login: string; given: string; family: string; civility: 'M.' | 'Mme'; kind: AgentKind }> = [
  { login: 'agent.accueil', given: 'Agnès', family: 'Accueil', civility: 'Mme', kind: 'agent' },
  { login: 'superviseur.dsi', given: 'Sylvain', family: 'Superviseur', civility: 'M.', kind: 'supervisor' },
  { login: 'stagiaire.dsi', given: 'Stéphanie', family: 'Stagiaire', civility: 'Mme', kind: 'not-agent' },
  { login: 'agent.bloque', given: 'Bruno', family: 'Bloqué', civility: 'M.', kind: 'locked-agent' },
];

/**
 * The named cases (always, first, fixed logins) followed by `count` generated people.
 * Deterministic for (count, seed, baseDn); the first N generated people do not depend on count.
 */
export function generatePeople(count: number, seed: number, baseDn = DEFAULT_BASE_DN, today = todayUtc()): FixturePerson[] {
  return Array.from(iteratePeople(count, seed, baseDn, today));
}

/** Same people as generatePeople(), one at a time (lets the fixture overlap generation and slapadd). */
export function* iteratePeople(count: number, seed: number, baseDn = DEFAULT_BASE_DN, today = todayUtc()): Generator<FixturePerson> {
  const lifecycle = lifecycleDates(mulberry32((seed ^ 0x11fec7c1) >>> 0), today);
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

// ------------------------------------------------------------------------------------ LDIF

/**
 * RFC 2849 SAFE-STRING: ASCII without NUL, LF and CR, not starting with space, ':' or '<'.
 * A trailing space is also sent as base64 (it would be lost by many readers).
 */
function isSafeString(value: string): boolean {
  const n = value.length;
  if (n === 0) return true;
  const first = value.charCodeAt(0);
  if (first === 0x20 || first === 0x3a || first === 0x3c || value.charCodeAt(n - 1) === 0x20) return false;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c === 0 || c === 0x0a || c === 0x0d || c > 0x7f) return false;
  }
  return true;
}

/** One `attr: value` (or `attr:: base64`) line, folded at 76 columns, with its newline. */
export function ldifLine(attr: string, value: string | Buffer): string {
  const line =
    typeof value === 'string' && isSafeString(value)
      ? `${attr}: ${value}`
      : `${attr}:: ${(typeof value === 'string' ? Buffer.from(value, 'utf8') : value).toString('base64')}`;
  if (line.length <= 76) return line + '\n';
  let out = line.slice(0, 76);
  for (let i = 76; i < line.length; i += 75) out += '\n ' + line.slice(i, i + 75);
  return out + '\n';
}

/** An entry from (attribute, value) pairs, ending with a blank line. */
export function ldifEntry(dn: string, attrs: ReadonlyArray<readonly [string, string | Buffer | readonly string[] | undefined]>): string {
  let s = ldifLine('dn', dn);
  for (const [name, v] of attrs) {
    if (v === undefined) continue;
    if (typeof v === 'string' || Buffer.isBuffer(v)) s += ldifLine(name, v);
    else for (const x of v) s += ldifLine(name, x);
  }
  return s + '\n';
}

/** LDIF of one person (inetOrgPerson + eduPerson + supannPerson + SCHAC + guichetAccount). */
export function personToLdif(p: FixturePerson): string {
  const oidcDate = `${p.dateOfBirth.slice(0, 4)}-${p.dateOfBirth.slice(4, 6)}-${p.dateOfBirth.slice(6, 8)}`;
  return ldifEntry(p.dn, [
    ['objectClass', ['inetOrgPerson', 'eduPerson', 'supannPerson', 'schacPersonalCharacteristics', 'guichetAccount']],
    ['uid', p.login],
    ['cn', p.commonName],
    ['sn', p.familyName],
    ['givenName', p.givenName],
    ['displayName', p.displayName],
    ['mail', p.mail],
    ['supannCivilite', p.civility],
    ['eduPersonAffiliation', p.affiliations],
    ['eduPersonPrimaryAffiliation', p.affiliation],
    ['eduPersonPrincipalName', p.principalName],
    ['eduPersonUniqueId', p.uniqueId],
    ['supannAliasLogin', p.alias],
    ['supannEtuId', p.studentIds],
    ['supannCodeINE', p.ine],
    ['supannEtuAnneeInscription', p.affiliation === 'student' ? '2026' : undefined],
    ['supannEmpId', p.staffId],
    ['supannRefId', p.refId],
    ['supannEtablissement', ESTABLISHMENT],
    ['supannEntiteAffectationPrincipale', p.entity],
    ['schacDateOfBirth', p.dateOfBirth],
    ['supannOIDCDateDeNaissance', oidcDate],
    ['supannMailPerso', p.personalMail],
    ['mobile', p.mobile],
    ['supannListeRouge', p.redListed ? 'TRUE' : 'FALSE'],
    ['supannConsentement', p.consents],
    ['supannRessourceEtat', p.resourceState],
    ['supannRessourceEtatDate', p.resourceStateDate],
    ['guichetSecretQuestion', p.secretQuestion],
    ['guichetSecretAnswerHash', p.secretAnswer !== undefined ? hashSecretAnswer(p.secretAnswer, p.answerSalt) : undefined],
    ['guichetCharterAcceptance', p.charterAcceptance],
    ['userPassword', p.password !== null ? sshaHash(p.password, p.passwordSalt) : undefined],
    ['pwdChangedTime', p.pwdChangedTime],
    ['pwdFailureTime', p.pwdFailureTimes],
    ['pwdAccountLockedTime', p.pwdAccountLockedTime],
    ['pwdReset', p.pwdReset ? 'TRUE' : undefined],
    ['authTimestamp', p.authTimestamp],
    ['jpegPhoto', p.jpegPhoto],
  ]);
}

/** LDIF of the people entries only (the fixture adds the tree, groups and policy). */
export function toLdif(people: readonly FixturePerson[]): string {
  let s = '';
  for (const p of people) s += personToLdif(p);
  return s;
}
