import type Database from 'better-sqlite3';
import {
  auditIntentInputSchema,
  DETAIL_SCHEMAS,
  type AuditAction,
  type AuditEventInput,
  type AuditIntentInput,
  type AuditOutcome,
  type ParsedAuditIntentInput,
} from '../../shared/audit-events';
import { GuichetError } from '../../shared/result';
import { silentLogger, type Logger } from '../logger';
import { chainHashHex, GENESIS_HASH, type ChainRecord } from './audit-chain';
import { guardWrite, isAuditUnavailable } from './audit-errors';
import { canonicalJson } from './canonical-json';
import { CheckpointWriter, loadSigningKey, readCheckpoint } from './checkpoint';
import { openAuditDatabase } from './database';
import type { Keystore } from './keystore';
import { assertNoSecrets } from './secret-scrubber';
import { checkAuditEvent } from './event-envelope';
import { searchTextOf } from './search-text';

export interface AuditStoreOptions {
  /** The SQLite file. The checkpoint and the sealed signing key sit next to it. */
  path: string;
  workstation: string;
  /** The first available one seals a new signing key; an existing key is opened by the one that sealed it. */
  keystores: readonly Keystore[];
  /** Actions that must carry a comment (config `audit.requireComment`). */
  requireComment?: readonly AuditAction[];
  now?: () => Date;
  busyTimeoutMs?: number;
  logger?: Logger;
  /** false (the CLI on a copy): never make a signing key; without one the checkpoint is left alone. */
  createSigningKey?: boolean;
  /** The checkpoint is written this long after the first event it does not pin yet (0: after every commit). */
  checkpointDelayMs?: number;
  /** ...or as soon as this many events are not pinned yet. */
  checkpointEvery?: number;
}

/** What an append returns: where the event sits in the chain. */
export interface AppendedEvent {
  seq: number;
  at: string;
  hash: string;
}

/** Returned by beginIntent; hand it to settle once the directory has answered. */
export interface IntentHandle {
  readonly seq: number;
  readonly action: AuditAction;
  readonly intent: ParsedAuditIntentInput;
}

export interface SettleInfo {
  /** The outcome's details (same schema as the intent's action); the intent's details when absent. */
  details?: unknown;
  directoryCode?: number | null;
}

/** An event ready for the chain: validated, scrubbed, serialised; only seq and time missing. */
export interface PreparedEvent extends Omit<ChainRecord, 'seq' | 'at'> {
  opensIntent: boolean;
  closesIntent: number | null;
}

interface Head {
  seq: number;
  at: string;
  hash: Buffer;
  /** The same hash in hex: what the next event's hash is computed from. */
  hex: string;
}

export const checkpointPathFor = (dbPath: string): string => `${dbPath}.checkpoint.json`;
const INDEX_BATCH = 5_000;
const INDEX_EVERY = 2_000;
export const keyPathFor = (dbPath: string): string => `${dbPath}.key`;

function describeIssue(error: { issues: ReadonlyArray<{ path: PropertyKey[]; code: string }> }): string {
  const issue = error.issues[0];
  // Path and kind only: zod messages can quote the refused value.
  return issue ? `${issue.path.map(String).join('.') || '(event)'}: ${issue.code}` : 'invalid';
}

/**
 * The write side of the audit trail. Every write is one IMMEDIATE transaction that reads
 * the head and inserts after it, so two processes appending at once still build one
 * chain; the signed checkpoint follows the head (see `pin`).
 */
export class AuditWriter {
  readonly db: Database.Database;
  readonly path: string;
  readonly checkpointPath: string;
  readonly workstation: string;
  readonly signingKey: Buffer | null;
  protected readonly logger: Logger;
  protected readonly now: () => Date;
  private readonly requireComment: ReadonlySet<AuditAction>;
  private readonly deferred: Array<{ handle: IntentHandle; outcome: AuditOutcome; info: SettleInfo }> = [];
  private warnedCheckpoint = false;
  private checkpoint: CheckpointWriter | null = null;
  private unpinnedHead: AppendedEvent | null = null;
  private unpinnedCount = 0;
  /** The highest seq this process committed: the database head must never fall below it. */
  private committedSeq = 0;
  private pinnedOnce = false;
  private checkpointTimer: NodeJS.Timeout | null = null;
  private readonly checkpointDelayMs: number;
  private readonly checkpointEvery: number;
  private readonly statements;
  private readonly writeTx;
  private readonly indexTx;
  private unindexed = 0;
  private indexTimer: NodeJS.Timeout | null = null;
  /** The head this connection last committed, valid while `data_version` says nobody else wrote. */
  private knownHead: { head: Head; dataVersion: number } | null = null;
  private headInTransaction: { head: Head; dataVersion: number } | null = null;

  constructor(options: AuditStoreOptions) {
    this.path = options.path;
    this.checkpointPath = checkpointPathFor(options.path);
    this.workstation = options.workstation;
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? (() => new Date());
    this.requireComment = new Set(options.requireComment ?? []);
    this.checkpointDelayMs = options.checkpointDelayMs ?? 1_000;
    this.checkpointEvery = options.checkpointEvery ?? 256;
    this.db = openAuditDatabase(options.path, { busyTimeoutMs: options.busyTimeoutMs });
    try {
      this.signingKey = loadSigningKey(keyPathFor(options.path), options.keystores, options.createSigningKey ?? true);
    } catch (error) {
      this.db.close();
      throw error;
    }
    const db = this.db;
    this.statements = {
      head: db.prepare('SELECT seq, at, hash FROM events ORDER BY seq DESC LIMIT 1'),
      dataVersion: db.prepare('PRAGMA data_version').pluck(),
      anchor: db.prepare('SELECT seq, hash, purged_at AS at FROM chain_anchor WHERE id = 1'),
      hashAt: db.prepare('SELECT hash FROM events WHERE seq = ?').pluck(),
      insert: db.prepare(
        `INSERT INTO events (seq, at, action, outcome, intent_seq, agent_login, agent_name, workstation, target_login,
           target_dn, evidence, directory_code, details, comment, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      openIntent: db.prepare('INSERT INTO open_intents (seq) VALUES (?)'),
      indexText: db.prepare('INSERT INTO events_fts (rowid, body) VALUES (?, ?)'),
      watermark: db.prepare('SELECT seq FROM fts_watermark WHERE id = 1').pluck(),
      toIndex: db.prepare('SELECT seq, details, comment FROM events WHERE seq > ? ORDER BY seq LIMIT ?').raw(true),
      moveWatermark: db.prepare('UPDATE fts_watermark SET seq = ? WHERE id = 1'),
      closeIntent: db.prepare('DELETE FROM open_intents WHERE seq = ?'),
    };
    this.writeTx = db.transaction((events: PreparedEvent[]) => this.insertAfterHead(events));
    this.indexTx = db.transaction((limit: number) => this.indexBatch(limit));
  }

  /** A finished event (sign-in, view, notification...). Throws AUDIT_UNAVAILABLE when it cannot be written. */
  append(event: AuditEventInput): AppendedEvent {
    return this.write([this.prepareEvent(event)])[0]!;
  }

  /** Many finished events in one transaction (imports, benchmark fixtures): same validation and chain. */
  appendMany(events: readonly AuditEventInput[]): AppendedEvent[] {
    return this.write(events.map((event) => this.prepareEvent(event)));
  }

  /**
   * Records the intent (outcome pending) before the directory is touched. If this throws
   * (AUDIT_UNAVAILABLE, or a refused event), the caller must not perform the action.
   */
  beginIntent(intent: AuditIntentInput): IntentHandle {
    assertNoSecrets((intent as { details?: unknown }).details);
    const parsed = auditIntentInputSchema.safeParse(intent);
    if (!parsed.success) throw new GuichetError('INTERNAL', `audit intent refused: ${describeIssue(parsed.error)}`);
    const prepared = this.prepare(parsed.data, 'pending', null, true);
    const [written] = this.write([prepared]);
    return { seq: written!.seq, action: parsed.data.action, intent: parsed.data };
  }

  /**
   * Writes the outcome linked to its intent. When the trail is unavailable the outcome is
   * kept in memory and written before the next event; the intent meanwhile reads `unknown`.
   */
  settle(handle: IntentHandle, outcome: AuditOutcome, info: SettleInfo = {}): AppendedEvent {
    const prepared = this.prepareOutcome(handle, outcome, info);
    try {
      return this.write([prepared])[0]!;
    } catch (error) {
      if (isAuditUnavailable(error)) this.deferred.push({ handle, outcome, info });
      throw error;
    }
  }

  /** Outcomes waiting for the disk to come back (see settle). */
  get deferredOutcomes(): number {
    return this.deferred.length;
  }

  close(): void {
    if (!this.db.open) return;
    try {
      this.flushDeferred();
    } catch {
      // Left as unknown intents: nothing more can be done at shutdown.
    }
    this.flushCheckpoint();
    try {
      this.indexPending();
    } catch {
      // Caught up at the next start.
    }
    this.checkpoint?.close();
    try {
      this.db.pragma('optimize');
    } catch {
      // Statistics only.
    }
    this.db.close();
  }

  // -------------------------------------------------------------------------------------

  protected prepareEvent(event: AuditEventInput): PreparedEvent {
    assertNoSecrets((event as { details?: unknown }).details);
    // The rules of auditEventInputSchema, the envelope checked by hand (see event-envelope.ts).
    const checked = checkAuditEvent(event);
    if (!checked.ok) throw new GuichetError('INTERNAL', `audit event refused: ${checked.issue}`);
    return this.prepare(checked.event, checked.event.outcome, null, false);
  }

  private prepareOutcome(handle: IntentHandle, outcome: AuditOutcome, info: SettleInfo): PreparedEvent {
    let details: unknown = handle.intent.details;
    if (info.details !== undefined) {
      assertNoSecrets(info.details);
      const parsed = DETAIL_SCHEMAS[handle.action].safeParse(info.details);
      if (!parsed.success) throw new GuichetError('INTERNAL', `audit outcome refused: ${describeIssue(parsed.error)}`);
      details = parsed.data;
    }
    const directoryCode = info.directoryCode ?? null;
    if (directoryCode !== null && !(Number.isInteger(directoryCode) && directoryCode >= 0 && directoryCode <= 65_535))
      throw new GuichetError('INTERNAL', 'audit outcome refused: directoryCode');
    return this.prepare({ ...handle.intent, details, directoryCode } as ParsedAuditIntentInput, outcome, handle.seq, false);
  }

  private prepare(
    event: ParsedAuditIntentInput,
    outcome: AuditOutcome | 'pending',
    closesIntent: number | null,
    opensIntent: boolean,
  ): PreparedEvent {
    const comment = event.comment?.trim() ? event.comment.trim() : null;
    if (closesIntent === null && comment === null && event.agent !== null && this.requireComment.has(event.action))
      throw new GuichetError('INVALID_REQUEST', 'comment required for this action', {
        field: 'comment',
        reason: 'required',
        action: event.action,
      });
    return {
      action: event.action,
      outcome,
      intentSeq: closesIntent,
      agentLogin: event.agent?.login ?? null,
      agentName: event.agent ? event.agent.displayName : null,
      workstation: this.workstation,
      targetLogin: event.target?.login ?? null,
      targetDn: event.target ? event.target.dn : null,
      evidence: canonicalJson([...new Set(event.evidence)].sort()),
      directoryCode: event.directoryCode ?? null,
      details: canonicalJson(event.details),
      comment,
      opensIntent,
      closesIntent,
    };
  }

  protected write(events: PreparedEvent[]): AppendedEvent[] {
    if (this.deferred.length > 0) this.flushDeferred();
    const written = this.commit(events);
    const last = written.at(-1);
    if (!last) return written;
    if (written[0]!.seq <= this.committedSeq) {
      // The head went backwards: events were deleted behind our back. Pin what we had
      // committed before the new events take those numbers, so verify can report it.
      this.logger.log({ level: 'error', event: 'audit-head-regressed', note: `${written[0]!.seq} <= ${this.committedSeq}` });
      this.flushCheckpoint();
    }
    this.committedSeq = Math.max(this.committedSeq, last.seq);
    this.pin(last, written.length);
    this.scheduleIndexing(written.length);
    return written;
  }

  /**
   * The checkpoint follows the head within a second or 256 events, and on close, verify and
   * export. Writing it after every commit was measured at +1.5 ms per event on ext4 (the
   * journal commit of the WAL's fsync then also flushes the checkpoint's page), halving the
   * append rate. The head to pin comes from memory (what this process committed), so a
   * truncation made meanwhile is still caught. Only a crash can leave the newest events of
   * that last second unpinned; they are still chained.
   */
  protected pin(head: AppendedEvent, count: number): void {
    this.unpinnedHead = head;
    this.unpinnedCount += count;
    // The very first checkpoint is written at once: from then on its absence is suspicious.
    if (this.checkpointDelayMs <= 0 || this.unpinnedCount >= this.checkpointEvery || !this.pinnedOnce)
      return this.flushCheckpoint();
    this.checkpointTimer ??= setTimeout(() => this.flushCheckpoint(), this.checkpointDelayMs);
    this.checkpointTimer.unref?.();
  }

  /**
   * Brings the free-text index up to the head, in transactions of a few thousand events.
   * Runs a second after writes, at once every 2,000 events, and before any free-text query
   * (so a search always sees every event). Returns how many events were indexed.
   */
  indexPending(): number {
    if (this.indexTimer) clearTimeout(this.indexTimer);
    this.indexTimer = null;
    this.unindexed = 0;
    let total = 0;
    for (;;) {
      const done = guardWrite(() => this.indexTx.immediate(INDEX_BATCH));
      total += done;
      if (done < INDEX_BATCH) return total;
    }
  }

  private scheduleIndexing(count: number): void {
    this.unindexed += count;
    if (this.unindexed >= INDEX_EVERY) {
      try {
        this.indexPending();
      } catch {
        this.logger.log({ level: 'warn', event: 'audit-index', code: 'AUDIT_UNAVAILABLE' });
      }
      return;
    }
    this.indexTimer ??= setTimeout(() => {
      this.indexTimer = null;
      try {
        if (this.db.open) this.indexPending();
      } catch {
        this.logger.log({ level: 'warn', event: 'audit-index', code: 'AUDIT_UNAVAILABLE' });
      }
    }, 1_000);
    this.indexTimer.unref?.();
  }

  private indexBatch(limit: number): number {
    const from = this.statements.watermark.get() as number;
    const rows = this.statements.toIndex.all(from, limit) as Array<[number, string, string | null]>;
    for (const [seq, details, comment] of rows) {
      const text = searchTextOf(JSON.parse(details), comment);
      if (text) this.statements.indexText.run(seq, text);
    }
    if (rows.length > 0) this.statements.moveWatermark.run(rows.at(-1)![0]);
    return rows.length;
  }

  /** Writes the pending checkpoint now (close, verify, export do it). */
  flushCheckpoint(): void {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = null;
    const head = this.unpinnedHead;
    this.unpinnedHead = null;
    this.pinnedOnce ||= head !== null;
    this.unpinnedCount = 0;
    if (head && this.db.open) this.refreshCheckpoint(head);
  }

  private flushDeferred(): void {
    while (this.deferred.length > 0) {
      const { handle, outcome, info } = this.deferred[0]!;
      const prepared = this.prepareOutcome(handle, outcome, info);
      this.commit([prepared]);
      this.deferred.shift();
    }
  }

  /** One IMMEDIATE transaction; the head it leaves is remembered for the next one. */
  private commit(events: PreparedEvent[]): AppendedEvent[] {
    try {
      const written = guardWrite(() => this.writeTx.immediate(events));
      this.knownHead = this.headInTransaction;
      return written;
    } catch (error) {
      this.knownHead = null;
      throw error;
    } finally {
      this.headInTransaction = null;
    }
  }

  /** Any other write on this connection (the retention purge) must re-read the head. */
  protected forgetHead(): void {
    this.knownHead = null;
  }

  /** Inside the IMMEDIATE transaction: nobody else can move the head meanwhile. */
  protected insertAfterHead(events: PreparedEvent[]): AppendedEvent[] {
    const dataVersion = this.statements.dataVersion.get() as number;
    // `data_version` moves when another connection commits: until then the head is the one
    // this connection left, and reading it back (a Buffer per row) is skipped.
    let head = this.knownHead?.dataVersion === dataVersion ? this.knownHead.head : this.readHead();
    const written: AppendedEvent[] = [];
    for (const event of events) {
      if (event.closesIntent !== null && this.statements.closeIntent.run(event.closesIntent).changes !== 1)
        throw new GuichetError('CONFLICT', `intent ${event.closesIntent} is already settled`);
      // Times never go backwards along the chain (a clock stepped back is clamped), so a
      // date range is a seq range and the purge removes a prefix.
      const now = this.now().toISOString();
      const record: ChainRecord = { ...event, seq: head.seq + 1, at: now > head.at ? now : head.at };
      const hex = chainHashHex(head.hex, record);
      const hash = Buffer.from(hex, 'hex');
      this.statements.insert.run(
        record.seq,
        record.at,
        record.action,
        record.outcome,
        record.intentSeq,
        record.agentLogin,
        record.agentName,
        record.workstation,
        record.targetLogin,
        record.targetDn,
        record.evidence,
        record.directoryCode,
        record.details,
        record.comment,
        head.hash,
        hash,
      );
      if (event.opensIntent) this.statements.openIntent.run(record.seq);
      head = { seq: record.seq, at: record.at, hash, hex };
      written.push({ seq: record.seq, at: record.at, hash: hex });
    }
    this.headInTransaction = { head, dataVersion };
    return written;
  }

  protected readHead(): Head {
    const row = (this.statements.head.get() ?? this.statements.anchor.get()) as Omit<Head, 'hex'> | undefined;
    const head = row ?? { seq: 0, at: '', hash: GENESIS_HASH };
    return { ...head, hex: head.hash.toString('hex') };
  }

  /**
   * After each commit: sign the new head, unless the current checkpoint is already further
   * (another process) or is contradicted by the database (truncation, rewrite): then it
   * is kept as evidence for verify and never overwritten.
   */
  protected refreshCheckpoint(head: AppendedEvent): void {
    if (!this.signingKey) return;
    try {
      // The file as this process last wrote it (nobody touched it since): no need to read and check it again.
      const own = this.checkpoint?.untouchedSinceWrite();
      const current = own ? ({ status: 'ok', checkpoint: own } as const) : readCheckpoint(this.checkpointPath, this.signingKey);
      if (current.status === 'ok') {
        if (current.checkpoint.seq >= head.seq) return;
        if (!this.isAttested(current.checkpoint.seq, current.checkpoint.headHash)) return this.warnCheckpoint('contradicted');
      } else if (current.status !== 'absent') {
        return this.warnCheckpoint(current.status);
      }
      this.checkpoint ??= new CheckpointWriter(this.checkpointPath, this.signingKey);
      // `at` is the pinned event's own time: rows stamped later were written after it.
      this.checkpoint.write({ seq: head.seq, headHash: head.hash, at: head.at });
    } catch {
      this.warnCheckpoint('write-failed');
    }
  }

  private isAttested(seq: number, headHash: string): boolean {
    const stored = this.statements.hashAt.get(seq) as Buffer | undefined;
    if (stored) return stored.toString('hex') === headHash;
    const anchor = this.statements.anchor.get() as Head | undefined;
    return anchor !== undefined && seq <= anchor.seq;
  }

  private warnCheckpoint(note: string): void {
    if (this.warnedCheckpoint) return;
    this.warnedCheckpoint = true;
    this.logger.log({ level: 'error', event: 'audit-checkpoint', code: 'AUDIT_UNAVAILABLE', note });
  }
}
