/**
 * Finding a person (directory:search) and opening their card (account:open), both under the
 * signed-in agent's own bind. A card is shown only once its view is on record.
 */
import type { Entry } from 'ldapts';
import type { AccountCard, AccountSummary, SearchKey } from '../../shared/account';
import type { SearchResponse } from '../../shared/contract/directory';
import { assertRecordableTarget } from '../../shared/audit-events';
import type { MailboxRules } from '../../shared/mail-address';
import type { AuditTrail } from '../audit/audit-trail';
import type { AttributeMap, GuichetConfig } from '../config/schema';
import type { SessionStore } from '../session/session-store';
import { cardAttributes, compareSummaries, first, summaryAttributes, toCard, toSummary, values } from './account-entry';
import type { DirectoryReader } from './agent-directory';
import { readEntry } from './entry-read';
import { assertPeopleDn } from './identity-check';
import { buildSearchFilter } from './search-filter';
import { nameMatches, nameTokens, recogniseQuery, type RecognisedQuery } from './search-key';

/** How many more entries a name search asks for, the second time, than it shows. */
const NAME_FETCH_FACTOR = 4;
/** A refresh within this time of the agent's last recorded view of the account is not a new view. */
const VIEW_REFRESH_WINDOW_MS = 10 * 60_000;

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

export interface DirectoryDeps {
  session: Pick<SessionStore, 'require'>;
  directory: DirectoryReader;
  trail: Pick<AuditTrail, 'record' | 'recentActions'>;
  config: GuichetConfig['directory'];
  /** How the card judges the addresses it masks (the relay's SMTPUTF8). */
  mailbox: MailboxRules;
  now: () => Date;
}

export class DirectoryService {
  private readonly studentIdPattern: RegExp;
  /** When each agent's view of each account was last recorded (this session): a refresh right after an action adds nothing. */
  private readonly recordedViews = new Map<string, number>();

  constructor(private readonly deps: DirectoryDeps) {
    this.studentIdPattern = compileStudentIdPattern(deps.config.studentIdPattern);
  }

  async search(text: string, key: SearchKey): Promise<SearchResponse> {
    const { config: directory, session } = this.deps;
    const attrs = directory.attributes;
    session.require({ online: true });
    const query = recogniseQuery(text, key, this.studentIdPattern);
    const filter = buildSearchFilter(query, attrs);
    const sizeLimit = directory.sizeLimit;
    if (!filter) return { key: query.key, results: [], truncated: false, sizeLimit };
    const attributes = summaryAttributes(attrs);
    // sizeLimit + 1: one more than shown tells "more than N" without fetching them all
    // (ldapts hands back the entries of a sizeLimitExceeded (4) answer instead of an error).
    // A name search gets a superset from the server, narrowed here (see search-filter.ts):
    // when the narrowing of a full name (two words or more) left fewer than shown while the
    // server hit the limit, it is asked again for more, so that a precise full name is not
    // drowned by near-homonyms. A single word is still being typed: "refine" is the answer.
    const run = async (fetch: number) => {
      const { searchEntries } = await this.deps.directory.read((client) =>
        client.search(directory.peopleBase, { scope: 'sub', filter, attributes, sizeLimit: fetch }),
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
  }

  /** `refresh`: the card read again after an action on it (a new view only after ten minutes). */
  async openAccount(dn: string, refresh: boolean): Promise<AccountCard> {
    const { config: directory, session, trail } = this.deps;
    const attrs = directory.attributes;
    const agent = session.require({ online: true });
    assertPeopleDn(dn, directory);
    const entry = await this.deps.directory.read((client) => readEntry(client, dn, cardAttributes(attrs)));
    const login = first(entry, attrs.login) ?? '(none)';
    assertRecordableTarget({ login, dn: entry.dn });
    const viewer = { login: agent.login, role: agent.role };
    const recent = trail.recentActions(login, viewer, 10);
    // The card is shown only once its view is on record; a refresh after an action is a new
    // view only when this agent's last recorded one is older than ten minutes.
    const viewKey = `${agent.login}\n${agent.signedInAt}\n${entry.dn.toLowerCase()}`;
    const now = this.deps.now().getTime();
    const lastRecorded = this.recordedViews.get(viewKey);
    if (!refresh || lastRecorded === undefined || now - lastRecorded > VIEW_REFRESH_WINDOW_MS) {
      trail.record(
        {
          action: 'account-viewed',
          outcome: 'success',
          agent: { login: agent.login, displayName: agent.displayName },
          target: { login, dn: entry.dn },
          details: {},
        },
        { required: true },
      );
      if (this.recordedViews.size > 1_000) this.recordedViews.clear();
      this.recordedViews.set(viewKey, now);
    }
    return toCard(entry, directory, recent, this.deps.mailbox);
  }
}
