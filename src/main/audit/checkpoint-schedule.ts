/** When the signed checkpoint follows the chain's head (within a second or 256 events), and what it refuses to overwrite. */
import type Database from 'better-sqlite3';
import type { Logger } from '../logger';
import type { AppendedEvent } from './chain-appender';
import { CheckpointWriter, readCheckpoint } from './checkpoint';

export interface CheckpointScheduleOptions {
  checkpointPath: string;
  /** null (the CLI on a copy without the key): the checkpoint is left alone. */
  signingKey: Buffer | null;
  logger: Logger;
  /** The checkpoint is written this long after the first event it does not pin yet (0: after every commit). */
  delayMs: number;
  /** ...or as soon as this many events are not pinned yet. */
  every: number;
}

/**
 * The checkpoint follows the head within a second or 256 events, and on close, verify and
 * export. Writing it after every commit was measured at +1.5 ms per event on ext4 (the
 * journal commit of the WAL's fsync then also flushes the checkpoint's page), halving the
 * append rate. The head to pin comes from memory (what this process committed), so a
 * truncation made meanwhile is still caught. Only a crash can leave the newest events of
 * that last second unpinned; they are still chained.
 */
export class CheckpointSchedule {
  private readonly statements;
  private readonly checkpointPath: string;
  private readonly signingKey: Buffer | null;
  private readonly logger: Logger;
  private readonly delayMs: number;
  private readonly every: number;
  private writer: CheckpointWriter | null = null;
  private warned = false;
  private unpinnedHead: AppendedEvent | null = null;
  private unpinnedCount = 0;
  /** The highest seq this process committed: the database head must never fall below it. */
  private committedSeq = 0;
  private pinnedOnce = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database.Database,
    options: CheckpointScheduleOptions,
  ) {
    this.checkpointPath = options.checkpointPath;
    this.signingKey = options.signingKey;
    this.logger = options.logger;
    this.delayMs = options.delayMs;
    this.every = options.every;
    this.statements = {
      anchor: db.prepare('SELECT seq, hash FROM chain_anchor WHERE id = 1'),
      hashAt: db.prepare('SELECT hash FROM events WHERE seq = ?').pluck(),
    };
  }

  /** After a commit of this process (events in chain order, at least one). */
  pinCommitted(written: readonly AppendedEvent[]): void {
    const last = written.at(-1)!;
    if (written[0]!.seq <= this.committedSeq) {
      // The head went backwards: events were deleted behind our back. Pin what we had
      // committed before the new events take those numbers, so verify can report it.
      this.logger.log({ level: 'error', event: 'audit-head-regressed', note: `${written[0]!.seq} <= ${this.committedSeq}` });
      this.flush();
    }
    this.committedSeq = Math.max(this.committedSeq, last.seq);
    this.pin(last, written.length);
  }

  /** `count` more events up to `head` are waiting to be pinned. */
  pin(head: AppendedEvent, count: number): void {
    this.unpinnedHead = head;
    this.unpinnedCount += count;
    // The very first checkpoint is written at once: from then on its absence is suspicious.
    if (this.delayMs <= 0 || this.unpinnedCount >= this.every || !this.pinnedOnce) return this.flush();
    this.timer ??= setTimeout(() => this.flush(), this.delayMs);
    this.timer.unref?.();
  }

  /** Writes the pending checkpoint now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const head = this.unpinnedHead;
    this.unpinnedHead = null;
    this.pinnedOnce ||= head !== null;
    this.unpinnedCount = 0;
    if (head && this.db.open) this.refresh(head);
  }

  /** Closes the checkpoint file (after the last flush). */
  close(): void {
    this.writer?.close();
  }

  /**
   * Signs the new head, unless the current checkpoint is already further (another process)
   * or is contradicted by the database (truncation, rewrite): then it is kept as evidence
   * for verify and never overwritten.
   */
  private refresh(head: AppendedEvent): void {
    if (!this.signingKey) return;
    try {
      // The file as this process last wrote it (nobody touched it since): no need to read and check it again.
      const own = this.writer?.untouchedSinceWrite();
      const current = own ? ({ status: 'ok', checkpoint: own } as const) : readCheckpoint(this.checkpointPath, this.signingKey);
      if (current.status === 'ok') {
        if (current.checkpoint.seq >= head.seq) return;
        if (!this.isAttested(current.checkpoint.seq, current.checkpoint.headHash)) return this.warn('contradicted');
      } else if (current.status !== 'absent') {
        return this.warn(current.status);
      }
      this.writer ??= new CheckpointWriter(this.checkpointPath, this.signingKey);
      // `at` is the pinned event's own time: rows stamped later were written after it.
      this.writer.write({ seq: head.seq, headHash: head.hash, at: head.at });
    } catch {
      this.warn('write-failed');
    }
  }

  private isAttested(seq: number, headHash: string): boolean {
    const stored = this.statements.hashAt.get(seq) as Buffer | undefined;
    if (stored) return stored.toString('hex') === headHash;
    const anchor = this.statements.anchor.get() as { seq: number } | undefined;
    return anchor !== undefined && seq <= anchor.seq;
  }

  private warn(note: string): void {
    if (this.warned) return;
    this.warned = true;
    this.logger.log({ level: 'error', event: 'audit-checkpoint', code: 'AUDIT_UNAVAILABLE', note });
  }
}
