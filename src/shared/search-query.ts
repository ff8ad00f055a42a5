/**
 * What the agent typed in the one search box: which key it is. Pure, used on both sides:
 * main searches with it, the renderer decides with it how long to wait and which other
 * keys to offer ("Chercher comme : …").
 */
import type { ResolvedSearchKey, SearchKey } from './account';

export interface RecognisedQuery {
  key: ResolvedSearchKey;
  /**
   * What is searched: the query cleaned of control characters and extra spaces; for a
   * number typed in groups ("2648 6152", "26.486.152"), without its separators.
   */
  value: string;
  /** The query cleaned, separators kept: a number key also tries it as typed. */
  typed: string;
  /**
   * For a single bare word recognised as a name: it could also be a login or an alias,
   * so the search adds exact login/alias matches.
   */
  alsoLoginOrAlias: boolean;
}

/** Keys whose values are numbers printed in groups on cards and letters. */
const NUMBER_KEYS: ReadonlySet<ResolvedSearchKey> = new Set(['studentId', 'staffId', 'ine']);

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
/**
 * How numbers are printed: groups of letters and digits separated by spaces (any width:
 * cleanQuery made them plain spaces), dots, hyphens or dashes ("2648 6152", "26.486.152",
 * "26-486-152", "123 456 789 0A").
 */
const GROUPS = /^[0-9A-Za-z]+(?:[ .\-\u2010-\u2015]+[0-9A-Za-z]+)+$/;
const SEPARATORS = /[ .\-\u2010-\u2015]+/g;

/** Drops C0/C1 controls (NUL included) and collapses whitespace. */
export function cleanQuery(raw: string): string {
  // eslint-disable-next-line no-control-regex
  return raw.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').replace(/\s+/g, ' ').trim();
}

export function isLoginLike(value: string): boolean {
  return LOGIN_CHARS.test(value);
}

/** The identifier without its group separators, when the query is groups holding a digit; null otherwise. */
export function compactIdentifier(value: string): string | null {
  if (!GROUPS.test(value) || !/\d/.test(value)) return null;
  return value.replace(SEPARATORS, '');
}

/** The key of an identifier printed in groups, read without its separators; null when it is none of the number keys. */
function numberKey(compact: string, studentIdPattern: RegExp): ResolvedSearchKey | null {
  if (studentIdPattern.test(compact)) return 'studentId';
  if (INE.test(compact)) return 'ine';
  if (/^\d+$/.test(compact)) return 'staffId';
  return null;
}

/**
 * Recognises the key of a query, or applies the forced one. Order matters: a student
 * number also is digits, an INE also starts with digits, a refId may contain '@'.
 */
export function recogniseQuery(raw: string, forced: SearchKey, studentIdPattern: RegExp): RecognisedQuery {
  const typed = cleanQuery(raw);
  const compact = compactIdentifier(typed);
  const is = (key: ResolvedSearchKey, value = typed, alsoLoginOrAlias = false): RecognisedQuery => ({ key, value, typed, alsoLoginOrAlias });
  if (forced !== 'auto') return is(forced, NUMBER_KEYS.has(forced) && compact ? compact : typed);
  if (typed === '') return is('name');
  const grouped = compact === null ? null : numberKey(compact, studentIdPattern);
  if (grouped) return is(grouped, compact!);
  if (studentIdPattern.test(typed)) return is('studentId');
  if (INE.test(typed)) return is('ine');
  if (REF_ID.test(typed)) return is('uniqueId');
  if (MAIL_LIKE.test(typed)) {
    const local = typed.slice(0, typed.indexOf('@'));
    return is(UNIQUE_ID_LOCAL.test(local) ? 'uniqueId' : 'mail');
  }
  if (/^\d+$/.test(typed)) return is('staffId');
  if (/\s/.test(typed)) return is('name');
  // A name has no digit, dot or underscore; a login or alias usually does (jbernard1, julie.bernard).
  if (isLoginLike(typed) && /[\d._]/.test(typed)) return is('loginOrAlias');
  return is('name', typed, isLoginLike(typed));
}

/**
 * The keys offered to search the same text as, besides the one recognised: the likely
 * mistakes first (a staff number read as a student number, a login read as a name).
 */
const OTHER_KEYS: Readonly<Record<ResolvedSearchKey, readonly SearchKey[]>> = {
  studentId: ['staffId', 'ine', 'login'],
  staffId: ['studentId', 'ine', 'login'],
  ine: ['studentId', 'staffId', 'login'],
  loginOrAlias: ['login', 'alias', 'name', 'studentId'],
  login: ['alias', 'name', 'studentId'],
  alias: ['login', 'name', 'mail'],
  mail: ['uniqueId', 'login', 'alias'],
  uniqueId: ['mail', 'login', 'alias'],
  name: ['login', 'alias', 'mail'],
};

/**
 * What "Chercher comme : …" offers for a search answered as `resolved`: the other likely
 * keys, and the automatic choice back when the agent forced one.
 */
export function searchKeyChoices(resolved: ResolvedSearchKey, forced: SearchKey): SearchKey[] {
  const others = OTHER_KEYS[resolved].filter((k) => k !== forced);
  return forced === 'auto' ? [...others] : ['auto', ...others];
}
