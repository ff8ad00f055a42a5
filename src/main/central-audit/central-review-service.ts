/**
 * The supervisors' review across desks ("tous les postes"): pages, one event and the charts
 * read from the central store through the read-only role of `audit.central.reader`. Each
 * opening is recorded in this desk's own trail (audit-viewed, central-review) before anything
 * is shown; a centre that does not answer is CENTRAL_UNAVAILABLE, the desk's own review untouched.
 */
import { join } from 'node:path';
import pg from 'pg';
import type { DetailsOf } from '../../shared/audit-events';
import type { AuditEventDetail, AuditStats, CentralAuditPage, CentralExportDone, ExportProgress, LoginSuggestion } from '../../shared/contract/audit';
import { GuichetError } from '../../shared/result';
import { filterSummary } from '../audit/audit-export';
import type { AuditStore } from '../audit/audit-store';
import type { Logger } from '../logger';
import type { SessionStore } from '../session/session-store';
import type { CentralFilter } from './central-filter';
import { centralEvent, centralPage, decodeCursor, deskStandings } from './central-review-queries';
import { centralStats } from './central-stats';
import { centralSuggestions } from './central-suggest';
import { writeEveryDeskExport } from './central-export';
import type { CsvSeparator } from '../audit/audit-csv';

export interface CentralReviewDeps {
  /** The reader's connection settings, or null when no reader is configured (the review stays on this desk). */
  clientConfig: (() => pg.ClientConfig) | null;
  store: Pick<AuditStore, 'append' | 'beginIntent' | 'settle'>;
  session: Pick<SessionStore, 'require'>;
  logger: Logger;
  /** Where an export's folder goes (the desk's exports folder). */
  exportsDir: string;
  now?: () => Date;
}

const PAGE = 200;

const stamp = (date: Date): string => date.toISOString().replace(/[-:]/g, '').replace('T', '-').replace(/\.(\d{3})Z$/, '-$1');

export class CentralReview {
  private pool: pg.Pool | null = null;
  private progress: ExportProgress = { running: false, written: 0, total: 0, path: null };

  constructor(private readonly deps: CentralReviewDeps) {}

  /** Whether the screen may offer "tous les postes". */
  available(): boolean {
    return this.deps.clientConfig !== null;
  }

  async query(request: { filter: CentralFilter; cursor?: string | undefined; pinnedAt?: string | undefined; limit?: number | undefined; opening?: boolean | undefined }): Promise<CentralAuditPage> {
    const session = this.who();
    if (request.cursor !== undefined && (!decodeCursor(request.cursor) || request.pinnedAt === undefined))
      throw new GuichetError('INVALID_REQUEST', 'cursor: not one this review gave');
    const page = await this.read((client) => centralPage(client, request.filter, { cursor: request.cursor, pinnedAt: request.pinnedAt, limit: request.limit ?? PAGE }));
    const desks = request.cursor === undefined ? await this.read(deskStandings) : [];
    if (request.opening === true && request.cursor === undefined) {
      const details: DetailsOf<'audit-viewed'> = { view: 'central-review', filter: filterSummary(request.filter) as DetailsOf<'audit-viewed'>['filter'] };
      // Recorded before anything is shown: a review that cannot be on record shows nothing.
      this.deps.store.append({ action: 'audit-viewed', outcome: 'success', agent: { login: session.login, displayName: session.displayName }, details });
    }
    return { ...page, desks };
  }

  async event(desk: string, seq: number): Promise<AuditEventDetail> {
    this.who();
    const detail = await this.read((client) => centralEvent(client, desk, seq));
    if (!detail) throw new GuichetError('NOT_FOUND', 'no such central audit event');
    return detail;
  }

  async stats(filter: CentralFilter, pinnedAt: string): Promise<AuditStats> {
    this.who();
    return this.read((client) => centralStats(client, filter, pinnedAt));
  }

  async suggest(field: 'agent' | 'target', typed: string): Promise<LoginSuggestion[]> {
    this.who();
    return this.read((client) => centralSuggestions(client, field, typed));
  }

  /**
   * Every desk's events of the list (its filter, as of its pin), one file per desk in a new
   * folder, each in the local export format (`guichet-audit verify` checks each desk's chain).
   * Recorded in this desk's trail: an audit-exported intent before the first byte, its
   * outcome (rows written) once every file is complete.
   */
  async export(request: { filter: CentralFilter; pinnedAt: string; format: 'csv' | 'jsonl'; separator?: CsvSeparator | undefined }): Promise<CentralExportDone> {
    const session = this.who();
    if (this.progress.running) throw new GuichetError('CONFLICT', 'an export is already running');
    const folderName = `guichet-audit-centre-${stamp((this.deps.now ?? (() => new Date()))())}`;
    const folder = join(this.deps.exportsDir, folderName);
    this.progress = { running: true, written: 0, total: 0, path: folder };
    const agent = { login: session.login, displayName: session.displayName };
    const details = { via: 'console', format: request.format, fileName: folderName, filter: filterSummary(request.filter) } as DetailsOf<'audit-exported'>;
    const handle = this.deps.store.beginIntent({ action: 'audit-exported', agent, details });
    try {
      const done = await this.read(async (client) => {
        const desks = (await deskStandings(client)).map((d) => d.desk);
        const total = await centralStats(client, request.filter, request.pinnedAt);
        this.progress = { ...this.progress, total: total.total };
        const files = await writeEveryDeskExport(client, desks, folder, {
          format: request.format,
          separator: request.separator ?? ';',
          filter: request.filter,
          receivedUpTo: request.pinnedAt,
          onProgress: (written) => {
            this.progress = { ...this.progress, written };
          },
        });
        return { files, operations: total.total };
      });
      const count = done.files.reduce((sum, f) => sum + f.count, 0);
      this.deps.store.settle(handle, 'success', { details: { ...details, count } });
      return { folder, format: request.format, desks: done.files, count, operations: done.operations };
    } catch (error) {
      try {
        this.deps.store.settle(handle, 'failure');
      } catch {
        // The trail keeps the intent (read as unknown); the export's own error is what the agent sees.
      }
      throw error;
    } finally {
      this.progress = { ...this.progress, running: false };
    }
  }

  exportProgress(): ExportProgress {
    this.who();
    return this.progress;
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.end().catch(() => undefined);
  }

  // -------------------------------------------------------------------------------------

  /** Supervisors only: the centre holds every agent of every desk. */
  private who() {
    const session = this.deps.session.require({ role: 'supervisor' });
    if (!this.deps.clientConfig) throw new GuichetError('CENTRAL_UNAVAILABLE', 'no central reader is configured');
    return session;
  }

  private async read<T>(work: (client: pg.ClientBase) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      this.pool ??= this.newPool();
      client = await this.pool.connect();
    } catch (error) {
      throw this.unavailable(error);
    }
    try {
      const value = await work(client);
      client.release();
      return value;
    } catch (error) {
      // A failed connection is not given back to the pool.
      client.release(true);
      throw this.unavailable(error);
    }
  }

  private newPool(): pg.Pool {
    const pool = new pg.Pool({ ...this.deps.clientConfig!(), max: 2, idleTimeoutMillis: 30_000 });
    // An idle connection the server dropped: the next read opens another.
    pool.on('error', () => undefined);
    return pool;
  }

  private unavailable(error: unknown): GuichetError {
    if (error instanceof GuichetError) return error;
    const code = (error as { code?: string }).code;
    this.deps.logger.log({ level: 'warn', event: 'central-review', code: 'CENTRAL_UNAVAILABLE', note: typeof code === 'string' ? code : undefined });
    return new GuichetError('CENTRAL_UNAVAILABLE', 'the central audit store did not answer');
  }
}
