/** The local audit store: the writer plus the review side (query, stats, history), verification, retention purge and export. */
import { timingSafeEqual } from 'node:crypto';
import { basename } from 'node:path';
import type { AgentRef, AuditFilter } from '../../shared/audit-events';
import type {
  AuditEventDetail,
  AuditPage,
  AuditStats,
  ExportResult,
  IntegrityAlarm,
  IntegrityBreak,
  LoginSuggestion,
  VerificationRun,
  VerifyResult,
} from '../../shared/contract/audit';
import { GuichetError } from '../../shared/result';
import { guardWrite } from './audit-errors';
import { exportEvents, filterSummary } from './audit-export';
import { usesTextIndex, type Viewer } from './audit-filter';
import { accountHistory, eventDetail, eventStats, queryEvents } from './audit-query';
import { suggestLogins } from './audit-suggest';
import type { CsvColumnLanguage } from './export-csv-layout';
import { alarmOf, verifyDatabase } from './audit-verify';
import { AuditWriter, type AppendedEvent, type AuditStoreOptions } from './audit-writer';
import { canonicalJson } from './canonical-json';
import { hmac, type PinKeys } from './checkpoint';
import { compactPinLog, pinLogPathFor } from './pin-log';
import type { CsvSeparator } from './audit-csv';
import { openAuditDatabase } from './database';
import { rebuildCountsSql } from './migrations/0009-hour-month-counts';

export interface PurgeResult {
  count: number;
  cutoff: string;
  /** The last purged event, from which the chain now starts; null when nothing was old enough. */
  anchorSeq: number | null;
  /** The retention-purge event itself. */
  event: AppendedEvent | null;
}

export interface StoreExportOptions {
  filter: AuditFilter;
  /** null: everything (CLI, supervisor tooling); otherwise the role rule applies. */
  viewer: Viewer | null;
  /** Recorded as the agent of the audit-exported event. */
  agent: AgentRef | null;
  via: 'console' | 'cli';
  format: 'csv' | 'jsonl';
  separator?: CsvSeparator;
  outPath: string;
  onProgress?: (progress: { written: number; total: number }) => void;
  columns?: CsvColumnLanguage;
  timeZone?: string;
}

interface VerifyRunRow {
  at: string;
  mode: 'full' | 'incremental';
  intact: number;
  from_seq: number;
  head_seq: number;
  head_hash: string | null;
  events: number;
  first_bad_seq: number | null;
  reason: IntegrityBreak | null;
  sig: Buffer | null;
}

const DAY_MS = 86_400_000;
/** Verify and export read each page once, in order: a small cache keeps their memory flat. */
const STREAM_CACHE_KIB = 4_096;

/**
 * The local audit store: the writer (append, intents, checkpoint) plus the review side
 * (query, stats, history), verification, retention and export. Verify and export read
 * through their own read-only connection, so appends go on while they stream.
 */
export class AuditStore extends AuditWriter {
  query(filter: AuditFilter, viewer: Viewer, page: { after?: number; limit?: number } = {}): AuditPage {
    if (usesTextIndex(filter)) this.textIndex.catchUp();
    return queryEvents(this.db, filter, viewer, page);
  }

  history(login: string, viewer: Viewer, page: { after?: number; limit?: number } = {}): AuditPage {
    return accountHistory(this.db, login, viewer, page);
  }

  /** Logins of the trail for the agent and account filters, as they are typed. */
  suggest(field: 'agent' | 'target', typed: string, viewer: Viewer): LoginSuggestion[] {
    return suggestLogins(this.db, field, typed, viewer);
  }

  event(seq: number, viewer: Viewer): AuditEventDetail | null {
    return eventDetail(this.db, seq, viewer);
  }

  stats(filter: AuditFilter, viewer: Viewer): AuditStats {
    if (usesTextIndex(filter)) this.textIndex.catchUp();
    return eventStats(this.db, filter, viewer);
  }

  /**
   * Incremental by default: from the last intact run (its record is signed, so it cannot
   * be forged to skip tampered rows), else from the anchor. Each run is recorded.
   */
  async verify(options: { full?: boolean } = {}): Promise<VerifyResult> {
    this.flushCheckpoint();
    const from = options.full ? null : this.lastIntactPoint();
    const reader = openAuditDatabase(this.path, { readonly: true, cacheSizeKiB: STREAM_CACHE_KIB });
    let outcome;
    try {
      outcome = await verifyDatabase(reader, { keys: this.pinKeys(), checkpointPath: this.checkpointPath, from });
    } finally {
      reader.close();
    }
    this.recordRun(outcome.result, outcome.headHash);
    return outcome.result;
  }

  /** The desk's own keys: its Ed25519 public key, and the HMAC key for the pins of trails from before. */
  pinKeys(): PinKeys {
    return { hmac: this.signingKey, publicKey: this.deskKey?.verifyKey ?? null };
  }

  /**
   * When verify last ran and what it found, with the latest integrity alarm (the integrity
   * badge). An alarm recorded after the last run (the desk found its checkpoint wrong when it
   * started) stands for a run until the next one.
   */
  lastVerification(): VerificationRun | null {
    const row = this.db.prepare('SELECT * FROM verify_runs ORDER BY id DESC LIMIT 1').get() as VerifyRunRow | undefined;
    const alarm = this.latestAlarm();
    if (alarm && (!row || alarm.at > row.at)) return { ...startCheckRun(alarm), alarm };
    if (!row) return null;
    return {
      at: row.at,
      mode: row.mode,
      intact: row.intact === 1 && this.runSignatureValid(row),
      headSeq: row.head_seq,
      firstBadSeq: row.first_bad_seq,
      reason: row.reason,
      alarm,
    };
  }

  private latestAlarm(): IntegrityAlarm | null {
    const row = this.db.prepare("SELECT seq, at, details FROM events WHERE action = 'integrity-alarm' ORDER BY seq DESC LIMIT 1").get() as
      | { seq: number; at: string; details: string }
      | undefined;
    return row ? alarmOf(row.seq, row.at, row.details) : null;
  }

  /**
   * Deletes the events older than the retention period, oldest first, in one transaction
   * that opens the purge gate, moves the chain anchor to the last purged event, closes the
   * gate and appends the retention-purge event naming that anchor: the chain still verifies.
   */
  purgeExpired(options: { retentionDays: number; now?: Date }): PurgeResult {
    const now = options.now ?? this.now();
    const cutoff = new Date(now.getTime() - options.retentionDays * DAY_MS).toISOString();
    const db = this.db;
    const purge = db.transaction((): PurgeResult => {
      const last = db.prepare('SELECT seq, hash FROM events WHERE at < ? ORDER BY at DESC LIMIT 1').get(cutoff) as
        | { seq: number; hash: Buffer }
        | undefined;
      if (!last) return { count: 0, cutoff, anchorSeq: null, event: null };
      db.prepare('UPDATE purge_gate SET open = 1 WHERE id = 1').run();
      const count = db.prepare('DELETE FROM events WHERE seq <= ?').run(last.seq).changes;
      db.prepare(
        `INSERT INTO chain_anchor (id, seq, hash, purged_at) VALUES (1, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, purged_at = excluded.purged_at`,
      ).run(last.seq, last.hash, now.toISOString());
      db.prepare('UPDATE purge_gate SET open = 0 WHERE id = 1').run();
      // The charts' counts of the days the purge reached, from what is left of them.
      const beforeDay = new Date(Date.parse(cutoff) + DAY_MS).toISOString().slice(0, 10);
      for (const sql of rebuildCountsSql()) db.prepare(sql).run(beforeDay);
      const prepared = this.preparer.event({
        action: 'retention-purge',
        outcome: 'success',
        agent: null,
        details: {
          retentionDays: options.retentionDays,
          cutoff,
          count,
          anchorSeq: last.seq,
          anchorHash: last.hash.toString('hex'),
        },
      });
      const [event] = this.chain.insertAfterHead([prepared]);
      return { count, cutoff, anchorSeq: last.seq, event: event! };
    });
    this.chain.forgetHead();
    const result = guardWrite(() => purge.immediate());
    if (result.event) this.checkpoints.pin(result.event, 1);
    if (result.anchorSeq !== null) compactPinLog(pinLogPathFor(this.checkpointPath), result.anchorSeq);
    return result;
  }

  /**
   * Streams an export and records it: an audit-exported intent before the first byte, its
   * outcome (count, seq range, last hash) after the file is complete.
   */
  async export(options: StoreExportOptions): Promise<ExportResult> {
    if (usesTextIndex(options.filter)) this.textIndex.catchUp();
    const fileName = basename(options.outPath);
    const handle = this.beginIntent({
      action: 'audit-exported',
      agent: options.agent,
      details: { via: options.via, format: options.format, fileName, filter: filterSummary(options.filter) },
    });
    const reader = openAuditDatabase(this.path, { readonly: true, cacheSizeKiB: STREAM_CACHE_KIB });
    try {
      const result = await exportEvents({
        db: reader,
        filter: options.filter,
        viewer: options.viewer,
        format: options.format,
        separator: options.separator,
        outPath: options.outPath,
        exportedAt: this.now().toISOString(),
        signer: this.deskKey,
        workstation: this.workstation,
        onProgress: options.onProgress,
        columns: options.columns,
        timeZone: options.timeZone,
      });
      const { lastHash, ...exported } = result;
      this.settleQuietly(handle, 'success', {
        details: {
          ...handle.intent.details,
          count: exported.count,
          fromSeq: exported.fromSeq,
          toSeq: exported.toSeq,
          lastHash,
        },
      });
      return exported;
    } catch (error) {
      this.settleQuietly(handle, error instanceof GuichetError && error.code === 'FORBIDDEN' ? 'denied' : 'failure');
      throw error;
    } finally {
      reader.close();
    }
  }

  // -------------------------------------------------------------------------------------

  private settleQuietly(...args: Parameters<AuditWriter['settle']>): void {
    try {
      this.settle(...args);
    } catch {
      this.logger.log({ level: 'error', event: 'audit-settle', code: 'AUDIT_UNAVAILABLE' });
    }
  }

  private runSignature(row: Omit<VerifyRunRow, 'sig'>): Buffer | null {
    if (!this.signingKey) return null;
    return hmac(
      this.signingKey,
      canonicalJson({
          at: row.at,
          mode: row.mode,
          intact: row.intact,
          fromSeq: row.from_seq,
          headSeq: row.head_seq,
          headHash: row.head_hash,
          events: row.events,
          firstBadSeq: row.first_bad_seq,
          reason: row.reason,
        }),
    );
  }

  private runSignatureValid(row: VerifyRunRow): boolean {
    const expected = this.runSignature(row);
    return expected !== null && row.sig !== null && row.sig.length === expected.length && timingSafeEqual(row.sig, expected);
  }

  private lastIntactPoint(): { seq: number; hash: string } | null {
    const row = this.db.prepare('SELECT * FROM verify_runs WHERE intact = 1 ORDER BY id DESC LIMIT 1').get() as
      | VerifyRunRow
      | undefined;
    if (!row || !row.head_hash || !this.runSignatureValid(row)) return null;
    return { seq: row.head_seq, hash: row.head_hash };
  }

  private recordRun(result: VerifyResult, headHash: string | null): void {
    const row: Omit<VerifyRunRow, 'sig'> = {
      at: this.now().toISOString(),
      mode: result.mode,
      intact: result.intact ? 1 : 0,
      from_seq: result.intact ? result.fromSeq : 0,
      head_seq: result.intact ? result.headSeq : 0,
      head_hash: result.intact ? headHash : null,
      events: result.intact ? result.events : 0,
      first_bad_seq: result.intact ? null : result.firstBadSeq,
      reason: result.intact ? null : result.reason,
    };
    try {
      this.db
        .prepare(
          `INSERT INTO verify_runs (at, mode, intact, from_seq, head_seq, head_hash, events, first_bad_seq, reason, sig)
           VALUES (@at, @mode, @intact, @from_seq, @head_seq, @head_hash, @events, @first_bad_seq, @reason, @sig)`,
        )
        .run({ ...row, sig: this.runSignature(row) });
    } catch {
      this.logger.log({ level: 'warn', event: 'audit-verify-record', code: 'AUDIT_UNAVAILABLE' });
    }
  }
}

/** What the desk's check at start found, told as a verify run would tell it. */
function startCheckRun(alarm: IntegrityAlarm): Omit<VerificationRun, 'alarm'> {
  const base = { at: alarm.at, mode: 'incremental' as const, intact: false, headSeq: alarm.headSeq };
  const pinned = alarm.pinnedSeq ?? alarm.headSeq;
  switch (alarm.kind) {
    case 'checkpoint-damaged':
    case 'checkpoint-missing':
      return { ...base, firstBadSeq: alarm.vouchedSeq + 1, reason: 'checkpoint-unreadable' };
    case 'checkpoint-forged':
      return { ...base, firstBadSeq: pinned, reason: 'checkpoint-signature' };
    case 'checkpoint-contradicted':
      return pinned > alarm.headSeq
        ? { ...base, firstBadSeq: alarm.headSeq + 1, reason: 'truncated' }
        : { ...base, firstBadSeq: pinned, reason: 'altered' };
  }
}

export function createAuditStore(options: AuditStoreOptions): AuditStore {
  return new AuditStore(options);
}

export type { AuditStoreOptions };
