/**
 * The audit review of the console: search, an account's history, one event, statistics,
 * verification and export. Each needs a signed-in, unlocked agent (an offline sign-in is
 * enough: the trail is local). Supervisors see every event, agents only their own.
 * Looking at the trail is itself recorded: the first page of a search or of an account's
 * history writes an audit-viewed event, and an export an audit-exported one. If that record
 * cannot be written, nothing is shown. Also the retention purge run at start-up.
 */
import { join } from 'node:path';
import type { AuditFilter, DetailsOf } from '../../shared/audit-events';
import type { AuditEventDetail, AuditPage, AuditStats, ExportProgress, ExportResult, VerificationRun, VerifyResult } from '../../shared/contract/audit';
import { GuichetError } from '../../shared/result';
import type { Logger } from '../logger';
import type { SessionStore } from '../session/session-store';
import type { CsvSeparator } from './audit-csv';
import { filterSummary } from './audit-export';
import type { Viewer } from './audit-filter';
import type { AuditStore } from './audit-store';

export const EXPORTS_FOLDER = 'exports';

const exportStamp = (date: Date): string => date.toISOString().replace(/[-:]/g, '').replace('T', '-').replace(/\.(\d{3})Z$/, '-$1');

type Page = { after?: number | undefined; limit?: number | undefined };

export interface AuditReviewDeps {
  store: Pick<AuditStore, 'append' | 'query' | 'history' | 'event' | 'stats' | 'verify' | 'lastVerification' | 'export'>;
  session: Pick<SessionStore, 'require'>;
  dataDir: string;
  now: () => Date;
}

export class AuditReview {
  private progress: ExportProgress = { running: false, written: 0, total: 0, path: null };

  constructor(private readonly deps: AuditReviewDeps) {}

  query(request: { filter: AuditFilter } & Page): AuditPage {
    const { viewer, agent } = this.who();
    const read = () => this.deps.store.query(request.filter, viewer, { after: request.after, limit: request.limit });
    if (request.after !== undefined) return read();
    return this.viewed(agent, { view: 'review', filter: summary(request.filter) }, null, read);
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

  async export(request: { filter: AuditFilter; format: 'csv' | 'jsonl'; separator?: CsvSeparator | undefined }): Promise<ExportResult> {
    const { viewer, agent } = this.who();
    if (this.progress.running) throw new GuichetError('CONFLICT', 'an export is already running');
    const extension = request.format === 'csv' ? 'csv' : 'jsonl';
    const outPath = join(this.deps.dataDir, EXPORTS_FOLDER, `guichet-audit-${exportStamp(this.deps.now())}.${extension}`);
    this.progress = { running: true, written: 0, total: 0, path: outPath };
    try {
      return await this.deps.store.export({
        filter: request.filter,
        viewer,
        agent,
        via: 'console',
        format: request.format,
        separator: request.separator,
        outPath,
        onProgress: ({ written, total }) => {
          this.progress = { running: true, written, total, path: outPath };
        },
      });
    } finally {
      this.progress = { ...this.progress, running: false };
    }
  }

  exportProgress(): ExportProgress {
    this.who();
    return this.progress;
  }

  // -------------------------------------------------------------------------------------

  private who() {
    const session = this.deps.session.require();
    const viewer: Viewer = { login: session.login, role: session.role };
    return { viewer, agent: { login: session.login, displayName: session.displayName } };
  }

  /** Reads, then records the viewing (denied when the role rule refused it). */
  private viewed<T>(
    agent: { login: string; displayName: string },
    details: DetailsOf<'audit-viewed'>,
    target: { login: string; dn: null } | null,
    read: () => T,
  ): T {
    const { store } = this.deps;
    let value: T;
    try {
      value = read();
    } catch (error) {
      if (error instanceof GuichetError && error.code === 'FORBIDDEN') store.append({ action: 'audit-viewed', outcome: 'denied', agent, target, details });
      throw error;
    }
    store.append({ action: 'audit-viewed', outcome: 'success', agent, target, details });
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
