/**
 * directory:search and account:open, both under the signed-in agent's own bind.
 */
import { PresenceFilter, type Client, type Entry } from 'ldapts';
import type { AccountSummary } from '../../shared/account';
import type { SearchResponse } from '../../shared/contract/directory';
import { assertRecordableTarget } from '../../shared/audit-events';
import { GuichetError } from '../../shared/result';
import type { Router } from '../router';
import type { Services } from '../services';
import { cardAttributes, compareSummaries, first, summaryAttributes, toCard, toSummary, values } from './account-entry';
import { assertPeopleDn } from './identity-check';
import { buildSearchFilter } from './search-filter';
import { nameMatches, nameTokens, recogniseQuery, type RecognisedQuery } from './search-key';
import type { AttributeMap } from '../config/schema';

/** How many more entries a name search asks for, the second time, than it shows. */
const NAME_FETCH_FACTOR = 4;

export function compileStudentIdPattern(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch {
    return /^[0-9]{8}$/;
  }
}

/** A name search asks the server for a little more than the words typed (see search-filter.ts): keep the true matches. */
function keepsNameMatch(entry: Entry, query: RecognisedQuery, attrs: AttributeMap, tokens: ReturnType<typeof nameTokens>): boolean {
  if (query.alsoLoginOrAlias) {
    const v = query.value;
    if (values(entry, attrs.login).some((l) => l.toLowerCase() === v.toLowerCase())) return true;
    if (values(entry, attrs.alias).some((a) => a === v || a === v.toLowerCase())) return true;
  }
  const names = [attrs.commonName, attrs.displayName, attrs.familyName, attrs.givenName].flatMap((a) => values(entry, a));
  return nameMatches(tokens, names);
}

/** A refresh within this time of the agent's last recorded view of the account is not a new view. */
const VIEW_REFRESH_WINDOW_MS = 10 * 60_000;

export function setupDirectory(router: Router, services: Services): void {
  const directory = services.config.directory;
  const attrs = directory.attributes;
  const studentIdPattern = compileStudentIdPattern(directory.studentIdPattern);
  const { agentDirectory } = services;
  const searchAttributes = summaryAttributes(attrs);
  const accountAttributes = cardAttributes(attrs);

  router.register('directory:search', async (request): Promise<SearchResponse> => {
    services.session.require({ online: true });
    const query = recogniseQuery(request.query, request.key, studentIdPattern);
    const filter = buildSearchFilter(query, attrs);
    const sizeLimit = directory.sizeLimit;
    if (!filter) return { key: query.key, results: [], truncated: false, sizeLimit };
    // sizeLimit + 1: one more than shown tells "more than N" without fetching them all
    // (ldapts hands back the entries of a sizeLimitExceeded (4) answer instead of an error).
    // A name search gets a superset from the server, narrowed here (see search-filter.ts):
    // when the narrowing of a full name (two words or more) left fewer than shown while the
    // server hit the limit, it is asked again for more, so that a precise full name is not
    // drowned by near-homonyms. A single word is still being typed: "refine" is the answer.
    const run = async (fetch: number) => {
      const { searchEntries } = await agentDirectory.read((client: Client) =>
        client.search(directory.peopleBase, { scope: 'sub', filter, attributes: searchAttributes, sizeLimit: fetch }),
      );
      const tokens = query.key === 'name' ? nameTokens(query.value) : [];
      const kept = query.key === 'name' ? searchEntries.filter((e) => keepsNameMatch(e, query, attrs, tokens)) : searchEntries;
      return { fetch, hitLimit: searchEntries.length >= fetch, kept };
    };
    let answer = await run(sizeLimit + 1);
    const fullName = query.key === 'name' && nameTokens(query.value).length > 1;
    if (fullName && answer.hitLimit && answer.kept.length <= sizeLimit) answer = await run(sizeLimit * NAME_FETCH_FACTOR + 1);
    const matches: AccountSummary[] = answer.kept.map((e) => toSummary(e, attrs));
    if (matches.length > 1) matches.sort(compareSummaries);
    return {
      key: query.key,
      results: matches.slice(0, sizeLimit),
      truncated: answer.hitLimit || matches.length > sizeLimit,
      sizeLimit,
    };
  });

  /** When each agent's view of each account was last recorded (this session): a refresh right after an action adds nothing. */
  const recordedViews = new Map<string, number>();
  router.register('account:open', async ({ dn, refresh }) => {
    const agent = services.session.require({ online: true });
    assertPeopleDn(dn, directory);
    let entry: Entry | undefined;
    try {
      const { searchEntries } = await agentDirectory.read((client: Client) =>
        client.search(dn, { scope: 'base', filter: new PresenceFilter({ attribute: 'objectClass' }), attributes: accountAttributes, sizeLimit: 1 }),
      );
      entry = searchEntries[0];
    } catch (error) {
      if (error instanceof GuichetError && error.code === 'NOT_FOUND') throw new GuichetError('NOT_FOUND', 'no such account');
      throw error;
    }
    if (!entry) throw new GuichetError('NOT_FOUND', 'no such account');
    const login = first(entry, attrs.login) ?? '(none)';
    assertRecordableTarget({ login, dn: entry.dn });
    const viewer = { login: agent.login, role: agent.role };
    const recent = agentDirectory.audit.recentActions(login, viewer, 10);
    // The card is shown only once its view is on record; a refresh after an action is a new
    // view only when this agent's last recorded one is older than ten minutes.
    const viewKey = `${agent.login}\n${agent.signedInAt}\n${entry.dn.toLowerCase()}`;
    const now = services.now().getTime();
    const lastRecorded = recordedViews.get(viewKey);
    if (!refresh || lastRecorded === undefined || now - lastRecorded > VIEW_REFRESH_WINDOW_MS) {
      agentDirectory.audit.record(
        {
          action: 'account-viewed',
          outcome: 'success',
          agent: { login: agent.login, displayName: agent.displayName },
          target: { login, dn: entry.dn },
          details: {},
        },
        { required: true },
      );
      if (recordedViews.size > 1_000) recordedViews.clear();
      recordedViews.set(viewKey, now);
    }
    return toCard(entry, directory, recent);
  });
}
