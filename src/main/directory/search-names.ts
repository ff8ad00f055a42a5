/**
 * Name rules of the search, pure: accent folding, the words of a name query and whether a
 * person's names match them (the LDAP filters are built in search-filter.ts, the key of a
 * query is recognised in shared/search-query.ts).
 */
import { cleanQuery } from '../../shared/search-query';

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

/** The folded tails of a name value, by value: the same names come back in answer after answer (bounded). */
const tailsCache = new Map<string, readonly string[]>();
const TAILS_CACHED = 10_000;

/** "Éloïse Lefèvre-N'Guessan" -> eloiselefevrenguessan, lefevrenguessan, nguessan, guessan. */
function tailsOf(name: string): readonly string[] {
  let tails = tailsCache.get(name);
  if (tails) return tails;
  const words = foldName(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
  tails = words.map((_, i) => words.slice(i).join(''));
  if (tailsCache.size >= TAILS_CACHED) tailsCache.clear();
  tailsCache.set(name, tails);
  return tails;
}

/**
 * Does a person match every token? A token must start a word of one of the names
 * (words may be glued: "ndiaye" matches "N'Diaye", "dasilva" matches "Da Silva"),
 * whatever the accents on either side. Order free: "lefevre eloise" works too. The names
 * are read one by one until every token is found (usually in the family and given names).
 */
export function nameMatches(tokens: readonly NameToken[], names: Iterable<string>): boolean {
  let left = tokens.map((t) => t.letters);
  if (left.length === 0) return true;
  for (const name of names) {
    const tails = tailsOf(name);
    left = left.filter((token) => !tails.some((tail) => tail.startsWith(token)));
    if (left.length === 0) return true;
  }
  return false;
}

/** A name without accents, case or separators: "Clémence Clément" and "clemence-clement" are the same. */
const glued = (name: string): string => tailsOf(name)[0] ?? '';

/**
 * How close a person is to a full name typed (the order of a name search, before family
 * and given names): 0 when a name attribute holds it or it is the given then the family
 * name, 1 when it is the family then the given name, 2 otherwise. Accents, case and
 * separators aside.
 */
export function fullNameRank(query: string, given: string | null | undefined, family: string | null | undefined, names: Iterable<string>): 0 | 1 | 2 {
  const typed = glued(query);
  if (typed === '') return 2;
  const [g, f] = [glued(given ?? ''), glued(family ?? '')];
  if (g + f === typed) return 0;
  for (const name of names) if (glued(name) === typed) return 0;
  return f + g === typed ? 1 : 2;
}
