/**
 * LDAP filters for a recognised query, built only from ldapts filter objects: the typed
 * value travels as a raw assertion value, so "*", "(", "\" or NUL are never syntax.
 */
import { AndFilter, EqualityFilter, OrFilter, SubstringFilter, type Filter } from 'ldapts';
import type { AttributeMap } from '../config/schema';
import { accentVariants, isAccentable, nameTokens, type NameToken, type RecognisedQuery } from './search-key';

const eq = (attribute: string, value: string): Filter => new EqualityFilter({ attribute, value });
const anyOf = (filters: Filter[]): Filter => (filters.length === 1 ? filters[0]! : new OrFilter({ filters }));
const allOf = (filters: Filter[]): Filter => (filters.length === 1 ? filters[0]! : new AndFilter({ filters }));
const unique = (values: string[]): string[] => [...new Set(values)];

/** Where a word can start in a name: the start of the value, or after a space, hyphen or apostrophe. */
const WORD_STARTS = [' ', '-', "'"] as const;

/**
 * Elided family names (D'Almeida, L'Hôte, N'Diaye, O'Brien) are often typed without the
 * apostrophe: "ndiaye" must reach "N'Diaye".
 */
const ELISION_LETTERS = new Set(['d', 'l', 'n', 'o']);

/**
 * One name word, accent-insensitive yet indexed. slapd's caseIgnoreMatch folds case, not
 * accents, and its substring index holds keys of 2-4 characters. So the server is asked for
 * a superset, which nameMatches() then narrows to the exact folded rule: the word's first 3
 * letters in every accented spelling (and as typed: pasting "Trần" works whatever the
 * table) at a word start of the full name (`cn=élo*`, `cn=* élo*`, `cn=*-élo*`,
 * `cn=*'élo*`: all indexed), ANDed with the word's skeleton (the rest of its letters that
 * never carry an accent, in order) to keep the false positives few.
 */
function tokenFilter(token: NameToken, attrs: AttributeMap): Filter {
  const cn = attrs.commonName;
  const prefixes = [token.letters.slice(0, 3), token.folded.replace(/’/g, "'").slice(0, 3)];
  if (ELISION_LETTERS.has(token.letters[0]!)) prefixes.push(`${token.letters[0]}'${token.letters.slice(1, 3)}`);
  const starts: Filter[] = [];
  const spellings = [...prefixes.flatMap(accentVariants), token.raw.replace(/’/g, "'").slice(0, 3)];
  for (const variant of unique(spellings)) {
    starts.push(new SubstringFilter({ attribute: cn, initial: variant }));
    for (const sep of WORD_STARTS) starts.push(new SubstringFilter({ attribute: cn, any: [sep + variant] }));
  }
  const skeleton = [...token.letters.slice(3)].filter((ch) => !isAccentable(ch));
  const parts = [anyOf(starts)];
  if (skeleton.length > 0) parts.push(new SubstringFilter({ attribute: cn, any: skeleton }));
  return allOf(parts);
}

/** Short tokens (1-2 letters) alone: start of the full, family or given name, indexed as subinitial. */
function shortTokenFilter(token: NameToken, attrs: AttributeMap): Filter {
  const starts: Filter[] = [];
  for (const variant of accentVariants(token.letters))
    for (const attribute of [attrs.commonName, attrs.familyName, attrs.givenName])
      starts.push(new SubstringFilter({ attribute, initial: variant }));
  return anyOf(starts);
}

/**
 * A name query: every word of 3+ letters must start a word of the full name. Words of 1-2
 * letters are checked afterwards (in nameMatches) unless they are all there is; a single
 * letter alone would need an unindexed scan of the whole directory and is not searched.
 */
export function nameFilter(query: string, attrs: AttributeMap): Filter | null {
  const tokens = nameTokens(query);
  const long = tokens.filter((t) => t.letters.length >= 3);
  if (long.length > 0) return allOf(long.map((t) => tokenFilter(t, attrs)));
  const short = tokens.filter((t) => t.letters.length === 2);
  if (short.length > 0) return allOf(short.map((t) => shortTokenFilter(t, attrs)));
  return null;
}

/** Alias is caseExact: ask the typed form and the usual lower-case form. */
function aliasFilter(value: string, attrs: AttributeMap): Filter {
  return anyOf(unique([value, value.toLowerCase()]).map((v) => eq(attrs.alias, v)));
}

/**
 * The filter of a recognised (or forced) query; null when the query cannot match anyone
 * (nothing searchable was typed), in which case the search answers no result at once.
 */
export function buildSearchFilter(query: RecognisedQuery, attrs: AttributeMap): Filter | null {
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
      // caseExact and multi-valued: either number of a person with two finds them.
      return anyOf([eq(attrs.studentId, v), eq(attrs.staffId, v)]);
    case 'staffId':
      return anyOf([eq(attrs.staffId, v), eq(attrs.studentId, v)]);
    case 'ine':
      return eq(attrs.ine, v.toUpperCase());
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
      const names = nameFilter(v, attrs);
      const exact = query.alsoLoginOrAlias ? [eq(attrs.login, v), aliasFilter(v, attrs)] : [];
      if (!names) return exact.length > 0 ? anyOf(exact) : null;
      return anyOf([...exact, names]);
    }
  }
}
