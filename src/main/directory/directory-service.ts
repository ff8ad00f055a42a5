/**
 * Finding a person (directory:search, see search-people.ts), opening their card
 * (account:open) with the password policy that applies (password-policy-read.ts), and the
 * directory photo when the agent asks (account:photo), all under the signed-in agent's own
 * bind. A card, and a photo, are shown only once their view is on record (never the photo).
 */
import type { AccountCard, SearchKey } from '../../shared/account';
import type { DirectoryPhoto, SearchResponse } from '../../shared/contract/directory';
import type { WorklistId } from '../../shared/contract/worklists';
import { GuichetError } from '../../shared/result';
import { assertRecordableTarget } from '../../shared/audit-events';
import type { MailboxRules } from '../../shared/mail-address';
import type { AuditTrail } from '../audit/audit-trail';
import type { GuichetConfig } from '../config/schema';
import type { SessionStore } from '../session/session-store';
import { cardAttributes, first, toCard } from './account-entry';
import type { DirectoryReader } from './agent-directory';
import { readEntry } from './entry-read';
import { assertPeopleDn } from './identity-check';
import { peopleSearch, type PeopleSearch } from './search-people';
import { tokenAttributes, tokenStateOf } from '../second-factor/token-entry';
import { PasswordPolicies } from './password-policy-read';
import { photoOf } from './directory-photo';

/** A refresh within this time of the agent's last recorded view of the account is not a new view. */
const VIEW_REFRESH_WINDOW_MS = 10 * 60_000;

export interface DirectoryDeps {
  session: Pick<SessionStore, 'require'>;
  directory: DirectoryReader;
  trail: Pick<AuditTrail, 'record' | 'recentActions'>;
  config: GuichetConfig['directory'];
  /** How the card judges the addresses it masks (the relay's SMTPUTF8). */
  mailbox: MailboxRules;
  /** Whether the card says what second factor the person has. */
  secondFactorEnabled: boolean;
  now: () => Date;
}

export class DirectoryService {
  private readonly people: PeopleSearch;
  private readonly policies: PasswordPolicies;
  /** When each agent's view of each account was last recorded (this session): a refresh right after an action adds nothing. */
  private readonly recordedViews = new Map<string, number>();

  constructor(private readonly deps: DirectoryDeps) {
    this.people = peopleSearch(deps.directory, deps.config);
    this.policies = new PasswordPolicies({ defaultDn: deps.config.passwordPolicyDn ?? null, now: deps.now });
  }

  async search(text: string, key: SearchKey): Promise<SearchResponse> {
    this.deps.session.require({ online: true });
    return this.people.search(text, key);
  }

  /** `refresh`: the card read again after an action on it (a new view only after ten minutes); `fromWorklist`: the list it was opened from, on record. */
  async openAccount(dn: string, refresh: boolean, fromWorklist: WorklistId | null = null): Promise<AccountCard> {
    const { config: directory, session, trail } = this.deps;
    const attrs = directory.attributes;
    const agent = session.require({ online: true });
    assertPeopleDn(dn, directory);
    const withToken = this.deps.secondFactorEnabled;
    const { entry, secondFactor, policy } = await this.deps.directory.read(async (client) => {
      const read = await readEntry(client, dn, [...cardAttributes(attrs), ...(withToken ? tokenAttributes(attrs) : [])]);
      return {
        entry: read,
        secondFactor: withToken ? (await tokenStateOf(client, read, attrs)).status : null,
        policy: await this.policies.readFor(client, read),
      };
    });
    const login = this.recordableLogin(entry);
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
          details: fromWorklist ? { source: 'worklist', list: fromWorklist } : {},
        },
        { required: true },
      );
      if (this.recordedViews.size > 1_000) this.recordedViews.clear();
      this.recordedViews.set(viewKey, now);
    }
    return toCard(entry, directory, recent, this.deps.mailbox, { secondFactor, passwordPolicy: policy.facts, passwordHistory: policy.historyCount });
  }

  /**
   * The directory's photo, read when the agent asks on the open card: judged before it goes
   * (photoOf: a JPEG, not too large), its view recorded first (account-viewed, source photo),
   * never the photo itself; nothing of it is kept or logged here.
   */
  async photo(dn: string): Promise<DirectoryPhoto> {
    const { config: directory, session, trail } = this.deps;
    const agent = session.require({ online: true });
    assertPeopleDn(dn, directory);
    const attribute = directory.attributes.photo;
    if (!attribute) throw new GuichetError('NOT_FOUND', 'the directory keeps no photo', { reason: 'photo-not-kept' });
    const entry = await this.deps.directory.read((client) => readEntry(client, dn, [directory.attributes.login, attribute], [attribute]));
    const photo = photoOf(entry, attribute);
    trail.record(
      {
        action: 'account-viewed',
        outcome: 'success',
        agent: { login: agent.login, displayName: agent.displayName },
        target: { login: this.recordableLogin(entry), dn: entry.dn },
        details: { source: 'photo' },
      },
      { required: true },
    );
    return photo;
  }

  private recordableLogin(entry: Parameters<typeof first>[0]): string {
    const login = first(entry, this.deps.config.attributes.login) ?? '(none)';
    assertRecordableTarget({ login, dn: entry.dn });
    return login;
  }
}
