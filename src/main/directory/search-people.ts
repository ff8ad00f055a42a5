/**
 * Finding a person (directory:search) under the signed-in agent's own bind: the key of the
 * query, its filter, one search, the name narrowing and the summaries the result list shows.
 */
import type { Entry, Filter } from 'ldapts';
import type { AccountSummary, SearchKey } from '../../shared/account';
import type { SearchResponse } from '../../shared/contract/directory';
import { recogniseQuery, type RecognisedQuery } from '../../shared/search-query';
import type { GuichetConfig } from '../config/schema';
import { compareSummaries, first, summaryAttributes, toSummary, values } from './account-entry';
import type { DirectoryReader } from './agent-directory';
import { buildSearchFilter, searchAttributesOf, type SearchAttributes } from './search-filter';
import { fullNameRank, nameMatches, nameTokens, type NameToken } from './search-names';

/**
 * How many more entries a full-name search asks for than it shows. The server answers a
 * superset of the names (see search-filter.ts), narrowed here: asking for a few times the
 * limit at once keeps a precise full name from being drowned by near-homonyms without a
 * second round trip (asking again after the narrowing cost 1.7 times the bare search at
 * 500,000 people).
 */
const FULL_NAME_FETCH_FACTOR = 4;

export function compileStudentIdPattern(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch {
    return /^[0-9]{8}$/;
  }
}

/** A name search asks the server for a little more than the words typed (see search-filter.ts): keep the true matches. */
function keepsNameMatch(entry: Entry, query: RecognisedQuery, search: SearchAttributes, tokens: readonly NameToken[]): boolean {
  if (query.alsoLoginOrAlias) {
    const v = query.value;
    if (values(entry, search.map.login).some((l) => l.toLowerCase() === v.toLowerCase())) return true;
    if (values(entry, search.map.alias).some((a) => a === v || a === v.toLowerCase())) return true;
  }
  return nameMatches(tokens, namesOf(entry, search.names));
}

/** The entry's names, attribute by attribute, read only as far as the matching needs. */
function* namesOf(entry: Entry, attributes: readonly string[]): Generator<string> {
  for (const attribute of attributes) yield* values(entry, attribute);
}

/**
 * What the order of the results needs, read before the summaries are built (only for those
 * shown): for a full name, the people it is exactly first (see fullNameRank).
 */
function sortable(entry: Entry, search: SearchAttributes, fullName: string | null) {
  const attrs = search.map;
  const familyName = first(entry, attrs.familyName);
  const givenName = first(entry, attrs.givenName);
  const rank = fullName === null ? 0 : fullNameRank(fullName, givenName, familyName, namesOf(entry, search.names));
  return { entry, rank, familyName, givenName, login: first(entry, attrs.login) ?? '' };
}

const byRankThenName = (a: ReturnType<typeof sortable>, b: ReturnType<typeof sortable>): number => a.rank - b.rank || compareSummaries(a, b);

/** The one LDAP search a query starts with (the benchmark's floor sends the same one bare). */
export interface SearchPlan {
  query: RecognisedQuery;
  /** The words of a name query (none for the other keys). */
  tokens: NameToken[];
  /** null: nothing searchable was typed, no one can match. */
  filter: Filter | null;
  attributes: string[];
  /** How many entries are asked for. */
  sizeLimit: number;
}

export interface PeopleSearch {
  plan(text: string, key: SearchKey): SearchPlan;
  search(text: string, key: SearchKey): Promise<SearchResponse>;
}

export function peopleSearch(directory: DirectoryReader, config: GuichetConfig['directory']): PeopleSearch {
  const studentIdPattern = compileStudentIdPattern(config.studentIdPattern);
  const search = searchAttributesOf(config);
  const attributes = [...new Set([...summaryAttributes(search.map), ...search.names])];
  const sizeLimit = config.sizeLimit;
  const plan = (text: string, key: SearchKey): SearchPlan => {
    const query = recogniseQuery(text, key, studentIdPattern);
    const tokens = query.key === 'name' ? nameTokens(query.value) : [];
    // One more than shown tells "more than N" without fetching them all (ldapts hands back
    // the entries of a sizeLimitExceeded (4) answer instead of an error). A single word is
    // still being typed: "refine" is the answer to more than N.
    const fetch = tokens.length > 1 ? sizeLimit * FULL_NAME_FETCH_FACTOR + 1 : sizeLimit + 1;
    return { query, tokens, filter: buildSearchFilter(query, search), attributes, sizeLimit: fetch };
  };
  return {
    plan,
    async search(text, key) {
      const { query, tokens, filter, sizeLimit: fetch } = plan(text, key);
      const answered = { key: query.key, searched: query.value, sizeLimit };
      if (!filter) return { ...answered, results: [], truncated: false };
      const { searchEntries } = await directory.read((client) =>
        client.search(config.peopleBase, { scope: 'sub', filter, attributes, sizeLimit: fetch }),
      );
      const kept = query.key === 'name' ? searchEntries.filter((e) => keepsNameMatch(e, query, search, tokens)) : searchEntries;
      const ordered = kept.map((e) => sortable(e, search, tokens.length > 1 ? query.value : null));
      if (ordered.length > 1) ordered.sort(byRankThenName);
      const results: AccountSummary[] = ordered.slice(0, sizeLimit).map((s) => toSummary(s.entry, search.map));
      return { ...answered, results, truncated: searchEntries.length >= fetch || kept.length > sizeLimit };
    },
  };
}
