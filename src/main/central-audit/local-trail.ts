/** The desk's own trail as forwarding reads it: events after a target's watermark, the head, and the watermark itself. */
import type Database from 'better-sqlite3';
import type { HashedRecord } from '../audit/audit-chain';

export type ForwardTarget = 'central' | 'syslog';

export interface LocalHead {
  seq: number;
  hash: string;
}

/** What the trail holds at a seq: its hash, or why there is none. */
export type HashAt = { hash: string } | { missing: 'purged' | 'absent' };

const RECORD_COLUMNS = `seq, at, action, outcome, intent_seq AS intentSeq, agent_login AS agentLogin, agent_name AS agentName,
  workstation, target_login AS targetLogin, target_dn AS targetDn, evidence, directory_code AS directoryCode, details, comment,
  lower(hex(prev_hash)) AS prevHash, lower(hex(hash)) AS hash`;

/**
 * Reads through the store's own connection (the forwarder runs in the same thread, between
 * desk actions, never inside one); every read is one index range, a batch at most.
 */
export class LocalTrail {
  private readonly statements;

  constructor(
    private readonly db: Database.Database,
    readonly target: ForwardTarget,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.statements = {
      after: db.prepare(`SELECT ${RECORD_COLUMNS} FROM events WHERE seq > ? ORDER BY seq LIMIT ?`),
      head: db.prepare('SELECT seq, lower(hex(hash)) AS hash FROM events ORDER BY seq DESC LIMIT 1'),
      anchor: db.prepare('SELECT seq, lower(hex(hash)) AS hash FROM chain_anchor WHERE id = 1'),
      hashAt: db.prepare('SELECT lower(hex(hash)) FROM events WHERE seq = ?').pluck(),
      watermark: db.prepare('SELECT seq FROM forward_watermarks WHERE target = ?').pluck(),
      setWatermark: db.prepare(
        `INSERT INTO forward_watermarks (target, seq, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (target) DO UPDATE SET seq = excluded.seq, updated_at = excluded.updated_at`,
      ),
    };
  }

  /** Up to `limit` events after `seq`, in order. */
  after(seq: number, limit: number): HashedRecord[] {
    return this.statements.after.all(seq, limit) as HashedRecord[];
  }

  /** The last event, or the purge anchor when every event was purged; null for an empty trail. */
  head(): LocalHead | null {
    return (this.statements.head.get() ?? this.statements.anchor.get() ?? null) as LocalHead | null;
  }

  hashAt(seq: number): HashAt {
    const hash = this.statements.hashAt.get(seq) as string | undefined;
    if (hash !== undefined) return { hash };
    const anchor = this.statements.anchor.get() as LocalHead | undefined;
    if (anchor && anchor.seq === seq) return { hash: anchor.hash };
    return { missing: anchor && seq < anchor.seq ? 'purged' : 'absent' };
  }

  /** Events after `seq` still to send: seq numbers follow each other, so no count(*) over a long tail. */
  pendingAfter(seq: number): number {
    return Math.max(0, (this.head()?.seq ?? 0) - seq);
  }

  watermark(): number {
    return (this.statements.watermark.get(this.target) as number | undefined) ?? 0;
  }

  setWatermark(seq: number): void {
    this.statements.setWatermark.run(this.target, seq, this.now().toISOString());
  }
}

/** The watermark is written at most once a second, and whenever forwarding catches up. */
export const WATERMARK_EVERY_MS = 1_000;

/**
 * When acknowledged batches reach the local watermark: not after every batch (each write is
 * a commit, with its fsync, on the desk's own file), but at most once a second and when
 * caught up. A crash in between only means that second's batches are sent again, and the
 * centre skips what it holds.
 */
export class WatermarkWrites {
  private pending: number | null = null;
  private lastWrite = 0;

  constructor(
    private readonly trail: LocalTrail,
    private written: number,
  ) {}

  delivered(seq: number, caughtUp: boolean): void {
    this.pending = seq;
    if (caughtUp || Date.now() - this.lastWrite >= WATERMARK_EVERY_MS) this.flush();
  }

  flush(): void {
    if (this.pending === null || this.pending === this.written) return;
    this.trail.setWatermark(this.pending);
    this.written = this.pending;
    this.lastWrite = Date.now();
  }

  /** At the end of a session: a trail that cannot be written now is written at the next one. */
  flushQuietly(): void {
    try {
      this.flush();
    } catch {
      // The next session resumes from the older watermark: a resend, skipped by the centre.
    }
  }
}
