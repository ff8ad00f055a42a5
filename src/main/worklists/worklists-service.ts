/**
 * The worklists (the home screen's counts and lists), under the signed-in agent's own bind:
 * counts taken on demand and dated, one page of a list (each opening on record, shown only
 * once recorded), a list's export to CSV (on record). A list the directory hides from the
 * agent (its ACL: no search access to what the filter reads) says so instead of "none".
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { basename, dirname, join } from 'node:path';
import type { Entry } from 'ldapts';
import {
  WORKLISTS,
  type WorklistCount,
  type WorklistCounts,
  type WorklistExport,
  type WorklistId,
  type WorklistPage,
  type WorklistParams,
  type WorklistProblem,
  type WorklistRow,
} from '../../shared/contract/worklists';
import { GuichetError } from '../../shared/result';
import { localDay } from '../activation/activation-plan';
import type { AuditTrail } from '../audit/audit-trail';
import { EXPORTS_FOLDER, type ExportFiles } from '../audit/audit-service';
import type { CsvSeparator } from '../audit/audit-csv';
import type { GuichetConfig } from '../config/schema';
import { compareSummaries } from '../directory/account-entry';
import type { DetachedReader, DirectoryReader } from '../directory/agent-directory';
import type { ReadableClient } from '../directory/client-access';
import { classifyLdapError } from '../directory/ldap-errors';
import type { AgentSession, SessionStore } from '../session/session-store';
import { nextTermStart, readableProbe, worklistQuery, type WorklistClock, type WorklistQuery } from './worklist-filters';
import { rowAttributes, rowOf, worklistCsv } from './worklist-rows';
import { allMatches, canSearch, countBy, countMatches, offeredControls, policyMaxAge, sortedSlice, sortedWindow } from './worklist-search';

export interface WorklistsDeps {
  session: Pick<SessionStore, 'require'>;
  directory: DirectoryReader & DetachedReader;
  trail: Pick<AuditTrail, 'record' | 'beginIntent' | 'settle'>;
  config: Pick<GuichetConfig, 'directory' | 'worklists' | 'mail'>;
  dataDir: string;
  /** The shell's save dialog; `<dataDir>/exports` without it. */
  exportFiles: ExportFiles | null;
  now: () => Date;
}

/** What the directory offers, read once per session: its sort and virtual list view controls, the policy's maximum age. */
interface DirectoryTraits {
  serverSort: boolean;
  virtualListView: boolean;
  maxAgeSeconds: number | null;
}

/** Failures of the whole directory session: every list would give the same, so the call fails. */
const SESSION_WIDE = new Set(['NOT_SIGNED_IN', 'DIRECTORY_UNAVAILABLE', 'DIRECTORY_TIMEOUT', 'SESSION_LOCKED']);

const directoryCodeOf = (error: unknown): number | null => {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'number' && Number.isInteger(code) && code >= 0 && code <= 65_535 ? code : null;
};

export class WorklistsService {
  private traits: { key: string; value: Promise<DirectoryTraits> } | null = null;

  constructor(private readonly deps: WorklistsDeps) {}

  async counts(lists: readonly WorklistId[] = WORKLISTS): Promise<WorklistCounts> {
    const agent = this.deps.session.require({ online: true });
    const clock = await this.clock(agent);
    const counts = await Promise.all([...new Set(lists)].map((list) => this.countOne(list, clock)));
    return { takenAt: clock.now.toISOString(), counts };
  }

  async page(list: WorklistId, page: number, affiliation: string | null): Promise<WorklistPage> {
    const { config, trail } = this.deps;
    const attrs = config.directory.attributes;
    const agent = this.deps.session.require({ online: true });
    const clock = await this.clock(agent);
    const traits = await this.traitsOf(agent);
    const query = worklistQuery(list, attrs, config.worklists, clock, affiliation);
    const params = this.params(list, query, clock, affiliation);
    const pageSize = config.worklists.pageSize;
    const base = { list, page, pageSize, params, takenAt: clock.now.toISOString() };
    const agentRef = { login: agent.login, displayName: agent.displayName };
    const viewed = (count: number | null) => ({ list, page, count, ...this.auditParams(params) });
    if (!query) {
      trail.record({ action: 'worklist-viewed', outcome: 'success', agent: agentRef, directoryCode: null, details: viewed(null) }, { required: true });
      return { ...base, count: null, problem: 'no-max-age', rows: [], sortedBy: 'console' };
    }
    const from = (page - 1) * pageSize;
    const peopleBase = config.directory.peopleBase;
    const attributes = rowAttributes(list, attrs);
    // Any page by its offset, in one search that also gives the list's size (on a connection of
    // its own, which frees sssvlv's slot as it closes): neither the k pages before it nor every
    // match's DN for the count cross the wire. No virtual list view: the first k pages, sorted
    // by the directory where it can. sssvlv busy (its server-wide slots all taken by other
    // sorted lists): the whole list, sorted here, rather than no list.
    const byOffset = () =>
      this.deps.directory.readAlone(async (client) => {
        const slice = await sortedSlice(client, peopleBase, query.filter, attributes, { offset: from + 1, count: pageSize }, attrs);
        return slice && { ...slice, windowStart: 0, hidden: slice.count === 0 && !(await this.allSearchable(client, query)) };
      });
    const byWindow = (serverSort: boolean) =>
      this.deps.directory.read(async (client) => {
        const [count, entries] = await Promise.all([
          countMatches(client, peopleBase, query.filter),
          serverSort ? sortedWindow(client, peopleBase, query.filter, attributes, page * pageSize, attrs) : allMatches(client, peopleBase, query.filter, attributes),
        ]);
        return { count, entries, windowStart: from, serverSort, hidden: count === 0 && !(await this.allSearchable(client, query)) };
      });
    const reading = (async () => {
      if (!traits.virtualListView) return byWindow(traits.serverSort);
      const sliced = await byOffset();
      return sliced ? { ...sliced, serverSort: true } : byWindow(false);
    })();
    // Dropped unread when the opening cannot be recorded: its failure then is no one's to hear.
    reading.catch(() => undefined);
    // The opening goes on record (a synchronous commit) while the directory searches: once the
    // search has left (the next turn of the event loop), the disk's wait and the directory's
    // overlap. Nothing is shown unless the opening is on record; the outcome, with the count,
    // settles it (see settle below).
    await nextTurn();
    const opened = trail.beginIntent({ action: 'worklist-viewed', agent: agentRef, details: viewed(null) });
    const settle = (outcome: 'success' | 'denied' | 'failure', count: number | null, directoryCode: number | null = null) =>
      trail.settle(opened, outcome, { details: viewed(count), directoryCode });
    let read: Awaited<typeof reading>;
    try {
      read = await reading;
    } catch (error) {
      const code = classifyLdapError(error);
      settle(code === 'FORBIDDEN' ? 'denied' : 'failure', null, directoryCodeOf(error));
      throw error instanceof GuichetError ? error : new GuichetError(code, 'the directory did not give the list', { list });
    }
    if (read.hidden) {
      settle('denied', null);
      return { ...base, count: null, problem: 'hidden', rows: [], sortedBy: 'console' };
    }
    const rows = this.rowsOf(read.entries, list, traits, !read.serverSort).slice(read.windowStart, read.windowStart + pageSize);
    // The list is on screen once the opening is on record; its outcome is written just after the
    // answer has gone (a crash in between leaves the opening reading "unknown", as any intent).
    const count = read.count;
    setImmediate(() => settle('success', count));
    return { ...base, count, problem: null, rows, sortedBy: read.serverSort ? 'directory' : 'console' };
  }

  async export(request: { list: WorklistId; affiliation?: string | undefined; separator: CsvSeparator; columns: 'fr' | 'en' }): Promise<WorklistExport> {
    const { config, trail } = this.deps;
    const attrs = config.directory.attributes;
    const { list } = request;
    const affiliation = request.affiliation ?? null;
    const agent = this.deps.session.require({ online: true });
    const clock = await this.clock(agent);
    const traits = await this.traitsOf(agent);
    const query = worklistQuery(list, attrs, config.worklists, clock, affiliation);
    if (!query) throw new GuichetError('INVALID_REQUEST', 'the password policy sets no maximum age', { list, reason: 'no-max-age' });
    const params = this.params(list, query, clock, affiliation);
    const read = await this.deps.directory.read(async (client) => {
      const entries = await allMatches(client, config.directory.peopleBase, query.filter, rowAttributes(list, attrs));
      return { entries, hidden: entries.length === 0 && !(await this.allSearchable(client, query)) };
    });
    if (read.hidden) throw new GuichetError('FORBIDDEN', 'the directory hides this list from the agent', { list, reason: 'hidden' });
    const rows = this.rowsOf(read.entries, list, traits, true);
    const stamp = clock.now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
    const suggested = `guichet-liste-${list}-${stamp}.csv`;
    const files = this.deps.exportFiles;
    const path = files ? await files.choosePath(suggested, 'csv') : join(this.deps.dataDir, EXPORTS_FOLDER, suggested);
    if (path === null) throw new GuichetError('CANCELLED', 'no file chosen');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, worklistCsv(rows, request), { mode: 0o600 });
    const fileName = basename(path).slice(0, 255);
    try {
      trail.record(
        {
          action: 'worklist-exported',
          outcome: 'success',
          agent: { login: agent.login, displayName: agent.displayName },
          details: { list, count: rows.length, fileName, ...this.auditParams(params) },
        },
        { required: true },
      );
    } catch (error) {
      // An export that is not on record does not leave the desk.
      rmSync(path, { force: true });
      throw error;
    }
    return { fileName, path, count: rows.length };
  }

  private async countOne(list: WorklistId, clock: WorklistClock): Promise<WorklistCount> {
    const { config } = this.deps;
    const attrs = config.directory.attributes;
    const query = worklistQuery(list, attrs, config.worklists, clock);
    const params = this.params(list, query, clock, null);
    const none = (problem: WorklistProblem): WorklistCount => ({ list, count: null, problem, params, byAffiliation: null });
    if (!query) return none('no-max-age');
    const base = config.directory.peopleBase;
    try {
      const measured = await this.deps.directory.read(async (client) => {
        // Never activated: the split by affiliation comes with the count, from the same search.
        let count: number;
        let split: WorklistCount['byAffiliation'] = null;
        if (list === 'never-activated') {
          const tally = await countBy(client, base, query.filter, attrs.primaryAffiliation);
          count = tally.count;
          split = config.worklists.affiliations.map((affiliation) => ({ affiliation, count: tally.by.get(affiliation.toLowerCase()) ?? 0 }));
        } else count = await countMatches(client, base, query.filter);
        return { count, split, hidden: count === 0 && !(await this.allSearchable(client, query)) };
      });
      if (measured.hidden) return none('hidden');
      return { list, count: measured.count, problem: null, params, byAffiliation: measured.split };
    } catch (error) {
      const code = classifyLdapError(error);
      if (SESSION_WIDE.has(code)) throw error instanceof GuichetError ? error : new GuichetError(code, 'the directory did not answer');
      return none(code);
    }
  }

  private rowsOf(entries: Entry[], list: WorklistId, traits: DirectoryTraits, sortHere: boolean): WorklistRow[] {
    const rows = entries.map((entry) => rowOf(entry, list, this.deps.config.directory.attributes, traits.maxAgeSeconds));
    if (sortHere) rows.sort((a, b) => compareSummaries(a.account, b.account));
    return rows;
  }

  /** false when the directory lets the agent search none of the people by one of the attributes the filter reads. */
  private async allSearchable(client: ReadableClient, query: WorklistQuery): Promise<boolean> {
    const base = this.deps.config.directory.peopleBase;
    const answers = await Promise.all(query.reads.map((attribute) => canSearch(client, base, readableProbe(attribute))));
    return answers.every(Boolean);
  }

  private params(list: WorklistId, query: WorklistQuery | null, clock: WorklistClock, affiliation: string | null): WorklistParams {
    const days = query?.days ?? (list === 'password-expiring' ? this.deps.config.worklists.passwordExpiringDays : null);
    return { days, termStart: list === 'never-activated' ? nextTermStart(clock.today, this.deps.config.worklists.termStart) : null, affiliation };
  }

  private auditParams(params: WorklistParams): { days?: number; affiliation?: string } {
    return { ...(params.days !== null ? { days: params.days } : {}), ...(params.affiliation !== null ? { affiliation: params.affiliation } : {}) };
  }

  private async clock(agent: AgentSession): Promise<WorklistClock> {
    const now = this.deps.now();
    const { maxAgeSeconds } = await this.traitsOf(agent);
    return { now, today: localDay(now, this.deps.config.mail.timeZone), maxAgeSeconds };
  }

  private traitsOf(agent: AgentSession): Promise<DirectoryTraits> {
    const key = `${agent.login}\n${agent.signedInAt}`;
    if (this.traits?.key === key) return this.traits.value;
    const policyDn = this.deps.config.directory.passwordPolicyDn ?? null;
    const value = this.deps.directory.read(async (client) => {
      const [controls, maxAgeSeconds] = await Promise.all([
        offeredControls(client),
        policyDn ? policyMaxAge(client, policyDn).catch(() => null) : Promise.resolve(null),
      ]);
      return { ...controls, maxAgeSeconds };
    });
    this.traits = { key, value };
    // A failed read is not kept: the next call asks again.
    value.catch(() => {
      if (this.traits?.value === value) this.traits = null;
    });
    return value;
  }
}
