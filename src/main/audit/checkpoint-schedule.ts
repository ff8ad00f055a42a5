/** When the signed checkpoint follows the chain's head (within a second or 256 events), what it refuses to overwrite, and what it finds at start. */
import { existsSync, renameSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { DetailsOf } from '../../shared/audit-events';
import type { Logger } from '../logger';
import type { AppendedEvent } from './chain-appender';
import { CheckpointWriter, readCheckpoint, type Checkpoint, type PinKeys } from './checkpoint';
import type { PinSigner } from './checkpoint-pin';
import type { Ed25519Signer } from './ed25519';
import { newestValidPin, pinLogPathFor } from './pin-log';

/** What the desk found wrong with its checkpoint when it opened the trail (recorded as an integrity-alarm event). */
export type CheckpointFinding = DetailsOf<'integrity-alarm'>;

export interface CheckpointScheduleOptions {
  checkpointPath: string;
  /** The desk's Ed25519 key; null (the CLI on a copy without the key): the checkpoint is left alone. */
  signer: (PinSigner & Pick<Ed25519Signer, 'verifyKey'>) | null;
  /** Checks the old-format (HMAC) pins of trails written before Ed25519. */
  hmacKey: Buffer | null;
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
  private readonly logPath: string;
  private readonly signer: CheckpointScheduleOptions['signer'];
  private readonly keys: PinKeys;
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
  /** An absent file may be created: a fresh trail, or one whose damaged checkpoint was recorded and moved aside. */
  private mayCreate: boolean;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database.Database,
    options: CheckpointScheduleOptions,
  ) {
    this.checkpointPath = options.checkpointPath;
    this.logPath = pinLogPathFor(options.checkpointPath);
    this.signer = options.signer;
    this.keys = { hmac: options.hmacKey, publicKey: options.signer?.verifyKey ?? null };
    this.logger = options.logger;
    this.delayMs = options.delayMs;
    this.every = options.every;
    this.statements = {
      anchor: db.prepare('SELECT seq, hash FROM chain_anchor WHERE id = 1'),
      hashAt: db.prepare('SELECT hash FROM events WHERE seq = ?').pluck(),
      headSeq: db.prepare('SELECT coalesce((SELECT max(seq) FROM events), (SELECT seq FROM chain_anchor WHERE id = 1), 0)').pluck(),
    };
    this.mayCreate = !existsSync(this.checkpointPath) && this.statements.headSeq.get() === 0;
  }

  /**
   * Before this process pins anything: does the checkpoint still vouch for the trail as
   * found? A blank, torn or missing checkpoint on a trail that has events is moved aside
   * (kept for inspection) and may then be written afresh; the caller records the finding in
   * the chain first, so the gap it leaves is on record for good. A forged or contradicted
   * pin stays where it is, as evidence.
   */
  inspectAtStart(): CheckpointFinding | null {
    if (!this.signer) return null;
    const headSeq = this.statements.headSeq.get() as number;
    const read = readCheckpoint(this.checkpointPath, this.keys);
    if (read.status === 'bad-signature' || read.status === 'unsigned')
      return { kind: 'checkpoint-forged', vouchedSeq: 0, headSeq, pinnedSeq: read.checkpoint.seq };
    if (read.status === 'ok') return this.contradiction(read.checkpoint, headSeq);
    if (read.status === 'absent' && headSeq === 0) return null;
    // Damaged or missing: the newest pin still readable, in a slot or in the pin log.
    const logged = newestValidPin(this.logPath, this.keys);
    const vouched = [read.status === 'damaged' ? read.vouched : null, logged]
      .filter((c): c is Checkpoint => c !== null)
      .sort((a, b) => b.seq - a.seq)[0];
    if (vouched) {
      const contradicted = this.contradiction(vouched, headSeq);
      if (contradicted) return contradicted;
    }
    this.moveAside();
    this.mayCreate = true;
    return { kind: read.status === 'absent' ? 'checkpoint-missing' : 'checkpoint-damaged', vouchedSeq: vouched?.seq ?? 0, headSeq };
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
    if (!this.signer) return;
    try {
      // The file as this process last wrote it (nobody touched it since): no need to read and check it again.
      const own = this.writer?.untouchedSinceWrite();
      const current = own ? ({ status: 'ok', checkpoint: own, complete: true } as const) : readCheckpoint(this.checkpointPath, this.keys);
      let bothSlots = true;
      if (current.status === 'ok') {
        if (current.checkpoint.seq >= head.seq) return;
        if (!this.isAttested(current.checkpoint.seq, current.checkpoint.headHash)) return this.warn('contradicted');
        // An old-format file, or a slot never written yet: both slots get this pin.
        bothSlots = !current.complete;
      } else if (current.status !== 'absent' || !this.mayCreate) {
        // Damaged, forged or gone while this process runs: left as found; the next start records it.
        return this.warn(current.status);
      }
      this.writer ??= new CheckpointWriter(this.checkpointPath, this.signer, this.logPath);
      // `at` is the pinned event's own time: rows stamped later were written after it.
      this.writer.write({ seq: head.seq, headHash: head.hash, at: head.at }, { bothSlots });
      this.mayCreate = false;
    } catch {
      this.warn('write-failed');
    }
  }

  /** A pin the database does not hold (a head further than the chain, or another hash at that number). */
  private contradiction(pin: Checkpoint, headSeq: number): CheckpointFinding | null {
    if (pin.seq <= headSeq && this.isAttested(pin.seq, pin.headHash)) return null;
    return { kind: 'checkpoint-contradicted', vouchedSeq: 0, headSeq, pinnedSeq: pin.seq };
  }

  private moveAside(): void {
    if (!existsSync(this.checkpointPath)) return;
    try {
      renameSync(this.checkpointPath, `${this.checkpointPath}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    } catch {
      // Overwritten in place instead; the finding is on record in the chain.
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
