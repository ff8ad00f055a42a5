/**
 * LDAP filters for a recognised query, built only from ldapts filter objects: the typed
 * value travels as a raw assertion value, so "*", "(", "\" or NUL are never syntax.
 */
import { AndFilter, EqualityFilter, OrFilter, SubstringFilter, type Filter } from 'ldapts';
import type { AttributeMap, GuichetConfig } from '../config/schema';
import type { RecognisedQuery } from '../../shared/search-query';
import { accentVariants, isAccentable, nameTokens, type NameToken } from './search-names';

const eq = (attribute: string, value: string): Filter => new EqualityFilter({ attribute, value });
const anyOf = (filters: Filter[]): Filter => (filters.length === 1 ? filters[0]! : new OrFilter({ filters }));
const allOf = (filters: Filter[]): Filter => (filters.length === 1 ? filters[0]! : new AndFilter({ filters }));
const unique = (values: string[]): string[] => [...new Set(values)];

/** The attribute map, and the attributes a name is searched in. */
export interface SearchAttributes {
  map: AttributeMap;
  names: readonly string[];
}

/** The configured name attributes, or the mapped family, given, display and common names. */
export function searchAttributesOf(directory: Pick<GuichetConfig['directory'], 'attributes' | 'nameAttributes'>): SearchAttributes {
  const map = directory.attributes;
  const names = directory.nameAttributes ?? [map.familyName, map.givenName, map.displayName, map.commonName];
  const seen = new Set<string>();
  return { map, names: names.filter((a) => !seen.has(a.toLowerCase()) && seen.add(a.toLowerCase())) };
}

/** Where a word can start in a name: the start of the value, or after a space, hyphen or apostrophe. */
const WORD_STARTS = [' ', '-', "'"] as const;

/**
 * Elided family names (D'Almeida, L'Hôte, N'Diaye, O'Brien) are often typed without the
 * apostrophe: "ndiaye" must reach "N'Diaye".
 */
const ELISION_LETTERS = new Set(['d', 'l', 'n', 'o']);

/** Spellings of a word start, by token prefix: agents type the same starts all day (memoised, bounded). */
const spellingCache = new Map<string, string[]>();

/**
 * How the first three letters of a word may be written in the directory: every accented
 * spelling of them, the elided spelling ("n'di" for "ndi"), and as typed (pasting "Trần"
 * works whatever the table).
 */
function wordStartSpellings(token: NameToken): string[] {
  const typed = token.raw.replace(/’/g, "'").slice(0, 3);
  const folded = token.folded.replace(/’/g, "'").slice(0, 3);
  const letters = token.letters.slice(0, 3);
  const cacheKey = `${letters}\n${folded}\n${typed}`;
  const cached = spellingCache.get(cacheKey);
  if (cached) return cached;
  const prefixes = [letters, folded];
  if (ELISION_LETTERS.has(letters[0]!) && letters.length > 1) prefixes.push(`${letters[0]}'${letters.slice(1)}`);
  const spellings = unique([...prefixes.flatMap(accentVariants), typed]);
  if (spellingCache.size >= 2_000) spellingCache.clear();
  spellingCache.set(cacheKey, spellings);
  return spellings;
}

/** slapd's default `index_substr_any_len`: a substring of this many bytes (UTF-8) or more is looked up in the index. */
const INDEXED_ANY_BYTES = 4;

/**
 * Where a spelling starts a word, as indexed assertions on one attribute. An accented
 * spelling is at least 4 bytes: one `*élo*` anywhere in the value is indexed and covers
 * every word start (the few matches inside a word are narrowed away). A plain one is 3
 * bytes, too short for the index anywhere: it is asked at the start of the value and after
 * each separator (`élo*` is no help, `elo*`, `* elo*`, `*-elo*`, `*'elo*` are indexed).
 */
function wordStarts(attribute: string, spelling: string, out: Filter[]): void {
  if (Buffer.byteLength(spelling, 'utf8') >= INDEXED_ANY_BYTES) {
    out.push(new SubstringFilter({ attribute, any: [spelling] }));
    return;
  }
  out.push(new SubstringFilter({ attribute, initial: spelling }));
  for (const sep of WORD_STARTS) out.push(new SubstringFilter({ attribute, any: [sep + spelling] }));
}

/**
 * One name word, accent-insensitive yet indexed. slapd's caseIgnoreMatch folds case, not
 * accents, and its substring index holds keys of 2-4 bytes. So the server is asked for a
 * superset, which nameMatches() then narrows to the exact folded rule: the word's first 3
 * letters in every spelling (see wordStartSpellings) at a word start of any name attribute
 * (see wordStarts), and the word's skeleton (the rest of its letters that never carry an
 * accent, in order) in one of them. The skeleton comes first: one unindexed test per
 * attribute turns most near misses away before the long list of spellings is tried (a
 * skeleton inside each spelling's assertion was measured 2 to 4 times slower in slapd).
 * Plain spellings come first in that list: slapd stops at the first branch that holds.
 * A word whose start another word of the query shares also asks for its distinguishing
 * window (see distinguishingWindow), in every spelling.
 */
function tokenFilter(token: NameToken, names: readonly string[], window: Window | null): Filter {
  const starts: Filter[] = [];
  for (const spelling of wordStartSpellings(token)) for (const attribute of names) wordStarts(attribute, spelling, starts);
  const skeleton = [...token.letters.slice(3)].filter((ch) => !isAccentable(ch));
  const parts = skeleton.length > 0 ? [anyOf(names.map((attribute) => new SubstringFilter({ attribute, any: skeleton })))] : [];
  parts.push(anyOf(starts));
  if (window) {
    const spellings = unique([...accentVariants(window.folded), ...(window.typed ? [window.typed] : [])]);
    parts.push(anyOf(spellings.flatMap((spelling) => names.map((attribute) => new SubstringFilter({ attribute, any: [spelling] })))));
  }
  return allOf(parts);
}

/** Four letters of a word, folded and as typed (when typing kept their positions). */
interface Window {
  folded: string;
  typed: string | null;
}

const WINDOW = 4;
const SEPARATORS = /['’-]/;
/** Four vowels in a row have hundreds of spellings: past this many, the word goes without a window (as many as a word start of three vowels). */
const MAX_WINDOW_SPELLINGS = 160;

/** "oe" and "ae" may be one letter in the directory (Lecœur, Lætitia): a window never holds half of one. */
const splitsLigature = (piece: string, j: number): boolean =>
  (/[oa]/.test(piece[j - 1] ?? '') && piece[j] === 'e') || (/[oa]/.test(piece[j + WINDOW - 1]!) && piece[j + WINDOW] === 'e');

/**
 * Two words of a query that start with the same three letters ("Clémence Clément") both
 * find their start in the same word of every near-homonym: the server's answer is then
 * mostly people named Clément, cut at the size limit in the server's order before the
 * narrowing finds the one person. So such a word also asks for 4 letters of its own, next
 * to each other, that the other words do not hold ("menc" for clemence, "ment" for
 * clement): 4 letters are 4 bytes or more, looked up in the substring index, in every
 * accented spelling. The 4 letters lie after the first three and inside one piece of what
 * was typed, so a particle typed glued ("benali" for "Ben Ali") or a hyphen ("Marie-Claire")
 * never puts a separator between them; among those, the one with the fewest spellings.
 * None (or only windows of too many spellings): null, the word keeps the filter of any other word.
 */
function distinguishingWindow(token: NameToken, others: readonly NameToken[]): Window | null {
  const foldedPieces = token.folded.split(SEPARATORS);
  const typedPieces = token.raw.replace(/’/g, "'").split(SEPARATORS);
  const aligned = typedPieces.length === foldedPieces.length;
  let best: Window | null = null;
  let bestCost = Infinity;
  let offset = 0;
  foldedPieces.forEach((piece, p) => {
    const typed = aligned && typedPieces[p]!.length === piece.length ? typedPieces[p]! : null;
    for (let j = Math.max(0, 3 - offset); j + WINDOW <= piece.length; j++) {
      const folded = piece.slice(j, j + WINDOW);
      if (others.some((o) => o.letters.includes(folded)) || splitsLigature(piece, j)) continue;
      const cost = accentVariants(folded).length;
      if (cost < bestCost && cost <= MAX_WINDOW_SPELLINGS) {
        best = { folded, typed: typed?.slice(j, j + WINDOW) ?? null };
        bestCost = cost;
      }
    }
    offset += piece.length;
  });
  return best;
}

/** Short tokens (1-2 letters) alone: the start of a name attribute, indexed as subinitial. */
function shortTokenFilter(token: NameToken, names: readonly string[]): Filter {
  const starts: Filter[] = [];
  for (const variant of accentVariants(token.letters)) for (const attribute of names) starts.push(new SubstringFilter({ attribute, initial: variant }));
  return anyOf(starts);
}

/**
 * A name query: every word of 3+ letters must start a word of one of the name attributes.
 * Words of 1-2 letters are checked afterwards (in nameMatches) unless they are all there
 * is; a single letter alone would need an unindexed scan of the whole directory and is not
 * searched.
 */
export function nameFilter(query: string, names: readonly string[]): Filter | null {
  const tokens = nameTokens(query);
  // The same word twice asks the same thing twice: once is enough (the narrowing still reads every word).
  const long = tokens.filter((t, i) => t.letters.length >= 3 && tokens.findIndex((u) => u.letters === t.letters) === i);
  if (long.length > 0) {
    return allOf(
      long.map((t) => {
        const alike = long.filter((o) => o !== t && o.letters.slice(0, 3) === t.letters.slice(0, 3));
        return tokenFilter(t, names, alike.length > 0 ? distinguishingWindow(t, alike) : null);
      }),
    );
  }
  const short = tokens.filter((t) => t.letters.length === 2);
  if (short.length > 0) return allOf(short.map((t) => shortTokenFilter(t, names)));
  return null;
}

/** Alias is caseExact: ask the typed form and the usual lower-case form. */
function aliasFilter(value: string, attrs: AttributeMap): Filter {
  return anyOf(unique([value, value.toLowerCase()]).map((v) => eq(attrs.alias, v)));
}

/**
 * A number key: the number without its group separators, and as typed when it had some;
 * caseExact and multi-valued, so either number of a person with a student and a staff
 * number finds them.
 */
function numberFilter(query: RecognisedQuery, attributes: string[]): Filter {
  return anyOf(unique([query.value, query.typed]).flatMap((v) => attributes.map((a) => eq(a, v))));
}

/**
 * The filter of a recognised (or forced) query; null when the query cannot match anyone
 * (nothing searchable was typed), in which case the search answers no result at once.
 */
export function buildSearchFilter(query: RecognisedQuery, search: SearchAttributes): Filter | null {
  const attrs = search.map;
  const v = query.value;
  if (v === '') return null;
  switch (query.key) {
    case 'login':
      return eq(attrs.login, v);
    case 'alias':
      return aliasFilter(v, attrs);
    case 'loginOrAlias':
      return anyOf([eq(attrs.login, v), aliasFilter(v, attrs)]);
    case 'studentId':
      return numberFilter(query, [attrs.studentId, attrs.staffId]);
    case 'staffId':
      return numberFilter(query, [attrs.staffId, attrs.studentId]);
    case 'ine':
      return anyOf(unique([v, query.typed]).map((x) => eq(attrs.ine, x.toUpperCase())));
    case 'mail':
      if (v.includes('@'))
        return anyOf([eq(attrs.mail, v), eq(attrs.personalMail, v), eq(attrs.principalName, v), eq(attrs.uniqueId, v)]);
      return anyOf([eq(attrs.mail, v), eq(attrs.personalMail, v)]);
    case 'uniqueId':
      return anyOf([
        eq(attrs.uniqueId, v),
        eq(attrs.principalName, v),
        ...unique([v, v.toUpperCase()]).map((x) => eq(attrs.refId, x)),
        ...(v.includes('@') ? [eq(attrs.mail, v), eq(attrs.personalMail, v)] : []),
      ]);
    case 'name': {
      const names = nameFilter(v, search.names);
      const exact = query.alsoLoginOrAlias ? [eq(attrs.login, v), aliasFilter(v, attrs)] : [];
      if (!names) return exact.length > 0 ? anyOf(exact) : null;
      return anyOf([...exact, names]);
    }
  }
}
