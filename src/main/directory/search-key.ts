/**
 * What did the agent type in the one search box? Pure functions: recognition of the key,
 * accent folding and the name matching rules (the LDAP filters are built in search-filter.ts).
 */
import type { ResolvedSearchKey, SearchKey } from '../../shared/account';

export interface RecognisedQuery {
  key: ResolvedSearchKey;
  /** The query cleaned of control characters and surrounding/duplicate spaces. */
  value: string;
  /**
   * For a single bare word recognised as a name: it could also be a login or an alias,
   * so the search adds exact login/alias matches.
   */
  alsoLoginOrAlias: boolean;
}

/** INE (national student id): 10 digits + 1 letter, or 9 digits + 2 letters. */
const INE = /^(?:\d{10}[A-Za-z]|\d{9}[A-Za-z]{2})$/;
/** supannRefId: `{SOURCE}value`. */
const REF_ID = /^\{[A-Za-z0-9:._-]+\}\S+$/;
/**
 * eduPersonUniqueId local part: opaque, alphanumeric only (at most 64). Told from a mail's
 * local part ("ifournier38") by its length (16+) or by being hexadecimal with a digit. Either
 * way the search looks in every address-like attribute: only the label depends on this.
 */
const UNIQUE_ID_LOCAL = /^(?:[A-Za-z0-9]{16,64}|(?=[0-9a-fA-F]*\d)[0-9a-fA-F]{10,64})$/;
const MAIL_LIKE = /^[^\s@]+@[^\s@]+$/;
/** Characters a login or alias can hold (uid / supannAliasLogin). */
const LOGIN_CHARS = /^[A-Za-z0-9._-]+$/;

/** Drops C0/C1 controls (NUL included) and collapses whitespace. */
export function cleanQuery(raw: string): string {
  // eslint-disable-next-line no-control-regex
  return raw.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').replace(/\s+/g, ' ').trim();
}

export function isLoginLike(value: string): boolean {
  return LOGIN_CHARS.test(value);
}

/**
 * Recognises the key of a query, or applies the forced one. Order matters: a student
 * number also is digits, an INE also starts with digits, a refId may contain '@'.
 */
export function recogniseQuery(raw: string, forced: SearchKey, studentIdPattern: RegExp): RecognisedQuery {
  const value = cleanQuery(raw);
  if (forced !== 'auto') return { key: forced, value, alsoLoginOrAlias: false };
  if (value === '') return { key: 'name', value, alsoLoginOrAlias: false };
  if (studentIdPattern.test(value)) return { key: 'studentId', value, alsoLoginOrAlias: false };
  if (INE.test(value)) return { key: 'ine', value, alsoLoginOrAlias: false };
  if (REF_ID.test(value)) return { key: 'uniqueId', value, alsoLoginOrAlias: false };
  if (MAIL_LIKE.test(value)) {
    const local = value.slice(0, value.indexOf('@'));
    return { key: UNIQUE_ID_LOCAL.test(local) ? 'uniqueId' : 'mail', value, alsoLoginOrAlias: false };
  }
  if (/^\d+$/.test(value)) return { key: 'staffId', value, alsoLoginOrAlias: false };
  if (/\s/.test(value)) return { key: 'name', value, alsoLoginOrAlias: false };
  // A name has no digit, dot or underscore; a login or alias usually does (jbernard1, julie.bernard).
  if (isLoginLike(value) && /[\d._]/.test(value)) return { key: 'loginOrAlias', value, alsoLoginOrAlias: false };
  return { key: 'name', value, alsoLoginOrAlias: isLoginLike(value) };
}

// ------------------------------------------------------------------------- accent folding

/** Lower case, no diacritics, ligatures expanded: "Éloïse Lecœur" -> "eloise lecoeur". */
export function foldName(s: string): string {
  return s
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

/** Letters and digits only, folded: "N'Diaye" -> "ndiaye". */
export function foldedLetters(s: string): string {
  return foldName(s).replace(/[^\p{L}\p{N}]/gu, '');
}

/** Accented forms a folded letter usually stands for in a French directory (French first, then Latin-1). */
const ACCENTS: Readonly<Record<string, readonly string[]>> = {
  a: ['a', 'à', 'â', 'ä', 'á'],
  e: ['e', 'é', 'è', 'ê', 'ë'],
  i: ['i', 'î', 'ï', 'í'],
  o: ['o', 'ô', 'ö', 'ó'],
  u: ['u', 'ù', 'û', 'ü', 'ú'],
  y: ['y', 'ÿ'],
  c: ['c', 'ç'],
  n: ['n', 'ñ'],
};

/** Rarer forms (Latin Extended, Vietnamese): tried one position at a time, not in every combination. */
const RARE_ACCENTS: Readonly<Record<string, readonly string[]>> = {
  a: ['ã', 'å', 'ā', 'ă', 'ą', 'ạ', 'ả', 'ấ', 'ầ', 'ẩ', 'ẫ', 'ậ', 'ắ', 'ằ', 'ẳ', 'ẵ', 'ặ'],
  e: ['ē', 'ĕ', 'ė', 'ę', 'ě', 'ẹ', 'ẻ', 'ẽ', 'ế', 'ề', 'ể', 'ễ', 'ệ'],
  i: ['ì', 'ĩ', 'ī', 'ĭ', 'į', 'ỉ', 'ị'],
  o: ['ò', 'õ', 'ō', 'ŏ', 'ő', 'ơ', 'ọ', 'ỏ', 'ố', 'ồ', 'ổ', 'ỗ', 'ộ', 'ớ', 'ờ', 'ở', 'ỡ', 'ợ'],
  u: ['ũ', 'ū', 'ŭ', 'ů', 'ű', 'ų', 'ư', 'ụ', 'ủ', 'ứ', 'ừ', 'ử', 'ữ', 'ự'],
  y: ['ý', 'ŷ', 'ỳ', 'ỵ', 'ỷ', 'ỹ'],
  c: ['ć', 'č', 'ĉ', 'ċ'],
  n: ['ń', 'ň', 'ņ'],
};

/** Letters that may carry an accent in the directory: left out of a name's skeleton. */
export function isAccentable(letter: string): boolean {
  return Object.prototype.hasOwnProperty.call(ACCENTS, letter);
}

/**
 * Every spelling of a short folded prefix a directory may hold: "elo" -> elo, élo, èlo, ...
 * (slapd's caseIgnoreMatch folds case but not accents, so each is asked for). All
 * combinations of the common French forms, plus each rarer form at one position ("tra" ->
 * "trầ"); "oe"/"ae" also give the ligature.
 */
export function accentVariants(folded: string): string[] {
  let out = [''];
  for (let i = 0; i < folded.length; i++) {
    const ch = folded[i]!;
    const forms = ACCENTS[ch] ?? [ch];
    const next: string[] = [];
    for (const head of out) for (const f of forms) next.push(head + f);
    out = next;
  }
  for (let i = 0; i < folded.length; i++)
    for (const rare of RARE_ACCENTS[folded[i]!] ?? []) out.push(folded.slice(0, i) + rare + folded.slice(i + 1));
  const ligatures = out.filter((v) => /oe|ae/.test(v)).map((v) => v.replace('oe', 'œ').replace('ae', 'æ'));
  return [...new Set([...out, ...ligatures])];
}

// ---------------------------------------------------------------------------- name rules

export interface NameToken {
  /** As typed, lower case, separators kept ("n'dïaye"). */
  raw: string;
  /** Folded, separators kept ("n'diaye"). */
  folded: string;
  /** Folded letters and digits only ("ndiaye"). */
  letters: string;
}

/** The words of a name query; tokens without any letter (e.g. "*", "(") are dropped. */
export function nameTokens(query: string): NameToken[] {
  return cleanQuery(query)
    .split(' ')
    .map((t) => ({
      raw: t.toLowerCase().replace(/[^\p{L}\p{N}'’-]/gu, ''),
      folded: foldName(t).replace(/[^\p{L}\p{N}'’-]/gu, ''),
      letters: foldedLetters(t),
    }))
    .filter((t) => t.letters.length > 0);
}

/**
 * Does a person match every token? A token must start a word of one of the names
 * (words may be glued: "ndiaye" matches "N'Diaye", "dasilva" matches "Da Silva"),
 * whatever the accents on either side. Order free: "lefevre eloise" works too.
 */
export function nameMatches(tokens: readonly NameToken[], names: readonly string[]): boolean {
  const tails: string[] = [];
  for (const name of names) {
    const words = foldName(name)
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 0);
    for (let i = 0; i < words.length; i++) tails.push(words.slice(i).join(''));
  }
  return tokens.every((t) => tails.some((tail) => tail.startsWith(t.letters)));
}
