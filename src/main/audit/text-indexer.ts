/** Brings the free-text index up to the chain's head after commits, in batches, behind a watermark. */
import type Database from 'better-sqlite3';
import type { Logger } from '../logger';
import { guardWrite } from './audit-errors';
import { searchTextOf } from './search-text';

export interface TextIndexerOptions {
  logger: Logger;
  /** Events per indexing transaction. */
  batch?: number;
  /** Index at once when this many events wait... */
  every?: number;
  /** ...else this long after the first of them. */
  delayMs?: number;
}

/**
 * No index write inside the one-event transaction: the index is caught up a second after
 * writes, at once every 2,000 events, and before any free-text query (so a search always
 * sees every event).
 */
export class TextIndexer {
  private readonly statements;
  private readonly indexTx;
  private readonly logger: Logger;
  private readonly batch: number;
  private readonly every: number;
  private readonly delayMs: number;
  private unindexed = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database.Database,
    options: TextIndexerOptions,
  ) {
    this.logger = options.logger;
    this.batch = options.batch ?? 5_000;
    this.every = options.every ?? 2_000;
    this.delayMs = options.delayMs ?? 1_000;
    this.statements = {
      indexText: db.prepare('INSERT INTO events_fts (rowid, body) VALUES (?, ?)'),
      watermark: db.prepare('SELECT seq FROM fts_watermark WHERE id = 1').pluck(),
      toIndex: db
        .prepare('SELECT seq, details, comment, agent_login, agent_name, target_login, target_dn FROM events WHERE seq > ? ORDER BY seq LIMIT ?')
        .raw(true),
      moveWatermark: db.prepare('UPDATE fts_watermark SET seq = ? WHERE id = 1'),
    };
    this.indexTx = db.transaction((limit: number) => this.indexBatch(limit));
  }

  /** Indexes everything up to the head now, one transaction per batch. Returns how many events were indexed. */
  indexPending(): number {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.unindexed = 0;
    let total = 0;
    for (;;) {
      const done = guardWrite(() => this.indexTx.immediate(this.batch));
      total += done;
      if (done < this.batch) return total;
    }
  }

  /** As indexPending, but a trail that cannot be written now is logged, not thrown (a search then sees the events indexed so far). */
  catchUp(): void {
    try {
      this.indexPending();
    } catch {
      this.logger.log({ level: 'warn', event: 'audit-index', code: 'AUDIT_UNAVAILABLE' });
    }
  }

  /** `count` more events were committed. */
  schedule(count: number): void {
    this.unindexed += count;
    if (this.unindexed >= this.every) return this.catchUp();
    this.timer ??= setTimeout(() => {
      this.timer = null;
      if (this.db.open) this.catchUp();
    }, this.delayMs);
    this.timer.unref?.();
  }

  private indexBatch(limit: number): number {
    const from = this.statements.watermark.get() as number;
    const rows = this.statements.toIndex.all(from, limit) as Array<[number, string, string | null, string | null, string | null, string | null, string | null]>;
    for (const [seq, details, comment, agentLogin, agentName, targetLogin, targetDn] of rows) {
      const text = searchTextOf(JSON.parse(details), comment, { agentLogin, agentName, targetLogin, targetDn });
      if (text) this.statements.indexText.run(seq, text);
    }
    if (rows.length > 0) this.statements.moveWatermark.run(rows.at(-1)![0]);
    return rows.length;
  }
}
