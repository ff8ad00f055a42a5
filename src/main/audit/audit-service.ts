/**
 * The audit review of the console: search, an account's history, one event, statistics,
 * verification and export. Each needs a signed-in, unlocked agent (an offline sign-in is
 * enough: the trail is local). Supervisors see every event, agents only their own.
 * Looking at the trail is itself recorded: each opening of the review and each account's
 * history writes an audit-viewed event, and an export an audit-exported one. If that record
 * cannot be written, nothing is shown. Exports go where the agent chooses when the shell can
 * ask (a save dialog), else to the data folder. Also the retention purge run at start-up.
 */
import { join } from 'node:path';
import type { AuditFilter, DetailsOf } from '../../shared/audit-events';
import type {
  AuditEventDetail,
  AuditPage,
  AuditStats,
  ExportDone,
  ExportProgress,
  LoginSuggestion,
  VerificationRun,
  VerifyResult,
} from '../../shared/contract/audit';
import { GuichetError } from '../../shared/result';
import type { Logger } from '../logger';
import type { SessionStore } from '../session/session-store';
import type { CsvSeparator } from './audit-csv';
import { filterSummary } from './audit-export';
import type { Viewer } from './audit-filter';
import type { AuditStore } from './audit-store';
import { knownTimeZone, type CsvColumnLanguage } from './export-csv-layout';

export const EXPORTS_FOLDER = 'exports';

/** Where an export goes when the shell can ask: the agent's choice, and a way to show the file (src/main/shell/export-files.ts). */
export interface ExportFiles {
  /** The path the agent chose for a file named `fileName`, or null when they closed the dialog. */
  choosePath(fileName: string, format: 'csv' | 'jsonl'): Promise<string | null>;
  /** Shows the file in the system's file manager. */
  reveal(path: string): void;
}

const exportStamp = (date: Date): string => date.toISOString().replace(/[-:]/g, '').replace('T', '-').replace(/\.(\d{3})Z$/, '-$1');

type Page = { after?: number | undefined; limit?: number | undefined };

export interface AuditReviewDeps {
  store: Pick<AuditStore, 'append' | 'query' | 'history' | 'event' | 'stats' | 'suggest' | 'verify' | 'lastVerification' | 'export'>;
  session: Pick<SessionStore, 'require'>;
  dataDir: string;
  now: () => Date;
  /** Without it (the Chromium host, tests) exports go to `<dataDir>/exports` and the console says where. */
  exportFiles?: ExportFiles | null;
}

export class AuditReview {
  private progress: ExportProgress = { running: false, written: 0, total: 0, path: null };
  /** The session whose reading of the review is on record (its sign-in), and the file the last export wrote. */
  private viewedIn: string | null = null;
  private lastExport: string | null = null;

  constructor(private readonly deps: AuditReviewDeps) {}

  /**
   * One audit-viewed event per opening of the screen (its first page), not per filter
   * change; and whatever the page says, the first read of a session is always on record.
   */
  query(request: { filter: AuditFilter; opening?: boolean | undefined } & Page): AuditPage {
    const { viewer, agent, sessionKey } = this.who();
    const read = () => this.deps.store.query(request.filter, viewer, { after: request.after, limit: request.limit });
    const opening = (request.opening === true && request.after === undefined) || this.viewedIn !== sessionKey;
    const page = this.viewed(agent, { view: 'review', filter: summary(request.filter) }, null, read, opening);
    if (opening) this.viewedIn = sessionKey;
    return page;
  }

  suggest(request: { field: 'agent' | 'target'; typed: string }): LoginSuggestion[] {
    const { viewer } = this.who();
    return this.deps.store.suggest(request.field, request.typed, viewer);
  }

  history(request: { login: string } & Page): AuditPage {
    const { viewer, agent } = this.who();
    const read = () => this.deps.store.history(request.login, viewer, { after: request.after, limit: request.limit });
    if (request.after !== undefined) return read();
    return this.viewed(agent, { view: 'account-history' }, { login: request.login, dn: null }, read);
  }

  event(seq: number): AuditEventDetail {
    const { viewer } = this.who();
    const detail = this.deps.store.event(seq, viewer);
    if (!detail) throw new GuichetError('NOT_FOUND', 'no such audit event');
    return detail;
  }

  stats(filter: AuditFilter): AuditStats {
    const { viewer } = this.who();
    return this.deps.store.stats(filter, viewer);
  }

  /** Full (supervisors) or from the last verified point; `statusOnly` reads when it last ran. */
  async verify(request: { full?: boolean | undefined; statusOnly?: boolean | undefined }): Promise<{ result: VerifyResult | null; lastRun: VerificationRun | null }> {
    const { store, session } = this.deps;
    if (request.full) session.require({ role: 'supervisor' });
    else this.who();
    if (request.statusOnly) return { result: null, lastRun: store.lastVerification() };
    const result = await store.verify({ full: request.full ?? false });
    return { result, lastRun: store.lastVerification() };
  }

  async export(request: {
    filter: AuditFilter;
    format: 'csv' | 'jsonl';
    separator?: CsvSeparator | undefined;
    columns?: CsvColumnLanguage | undefined;
    timeZone?: string | undefined;
  }): Promise<ExportDone> {
    const { viewer, agent } = this.who();
    if (request.timeZone !== undefined && !knownTimeZone(request.timeZone)) throw new GuichetError('INVALID_REQUEST', 'timeZone: unknown zone');
    if (this.progress.running) throw new GuichetError('CONFLICT', 'an export is already running');
    const fileName = `guichet-audit-${exportStamp(this.deps.now())}.${request.format === 'csv' ? 'csv' : 'jsonl'}`;
    const files = this.deps.exportFiles ?? null;
    this.progress = { running: true, written: 0, total: 0, path: null };
    try {
      const outPath = files ? await files.choosePath(fileName, request.format) : join(this.deps.dataDir, EXPORTS_FOLDER, fileName);
      if (outPath === null) throw new GuichetError('CANCELLED', 'the save dialog was closed');
      this.who();
      this.progress = { running: true, written: 0, total: 0, path: outPath };
      const result = await this.deps.store.export({
        filter: request.filter,
        viewer,
        agent,
        via: 'console',
        format: request.format,
        separator: request.separator,
        outPath,
        columns: request.columns,
        timeZone: request.timeZone,
        onProgress: ({ written, total }) => {
          this.progress = { running: true, written, total, path: outPath };
        },
      });
      this.lastExport = result.path;
      // Counted as the list counts (the same events: the file holds nothing after its last number).
      const upToSeq = request.filter.upToSeq ?? result.toSeq;
      const operations = upToSeq === null ? 0 : this.deps.store.stats({ ...request.filter, upToSeq }, viewer).total;
      return { ...result, operations, revealable: files !== null };
    } finally {
      this.progress = { ...this.progress, running: false };
    }
  }

  exportProgress(): ExportProgress {
    this.who();
    return this.progress;
  }

  /** Only the file this console last wrote can be shown: the page names no path. */
  revealExport(): { revealed: boolean } {
    this.who();
    const files = this.deps.exportFiles;
    if (!files || !this.lastExport) return { revealed: false };
    files.reveal(this.lastExport);
    return { revealed: true };
  }

  // -------------------------------------------------------------------------------------

  private who() {
    const session = this.deps.session.require();
    const viewer: Viewer = { login: session.login, role: session.role };
    return { viewer, agent: { login: session.login, displayName: session.displayName }, sessionKey: `${session.login}\n${session.signedInAt}` };
  }

  /** Reads, then records the viewing when `record` says so; a read the role rule refused is always recorded (denied). */
  private viewed<T>(
    agent: { login: string; displayName: string },
    details: DetailsOf<'audit-viewed'>,
    target: { login: string; dn: null } | null,
    read: () => T,
    record = true,
  ): T {
    const { store } = this.deps;
    let value: T;
    try {
      value = read();
    } catch (error) {
      if (error instanceof GuichetError && error.code === 'FORBIDDEN') store.append({ action: 'audit-viewed', outcome: 'denied', agent, target, details });
      throw error;
    }
    if (record) store.append({ action: 'audit-viewed', outcome: 'success', agent, target, details });
    return value;
  }
}

const summary = (filter: AuditFilter) => filterSummary(filter) as DetailsOf<'audit-viewed'>['filter'];

/** Retention runs once per start; the purge is itself an audit event. A failure is logged, the console starts. */
export function purgeExpiredAtStart(store: Pick<AuditStore, 'purgeExpired'>, retentionDays: number, logger: Logger): void {
  try {
    const purged = store.purgeExpired({ retentionDays });
    if (purged.count > 0) logger.log({ level: 'info', event: 'audit-retention-purge', note: `${purged.count}` });
  } catch (error) {
    logger.log({ level: 'error', event: 'audit-retention-purge', code: error instanceof GuichetError ? error.code : 'INTERNAL' });
  }
}
