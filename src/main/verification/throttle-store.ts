/**
 * Failure counters and code-send counters per account and method, in a small SQLite file
 * of the data folder, so that restarting the console (or reloading the window) does not
 * reset a block or a daily code quota.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export interface ThrottleOptions {
  /** Failures within `windowMs` that block the method. Default 3. */
  maxFailures?: number;
  /** Default 15 minutes. */
  windowMs?: number;
  /** How long the method stays blocked after the failure that reached the limit. Default 15 minutes. */
  blockMs?: number;
  /** The window of `sendsToday`: a rolling 24 hours, so that midnight does not refill a quota. */
  sendWindowMs?: number;
  now?: () => Date;
}

export interface BlockState {
  blocked: boolean;
  /** When the block ends; null when not blocked. */
  until: Date | null;
  /** Failures still counting towards a block. */
  failures: number;
}

export interface ThrottleStore {
  recordFailure(account: string, method: string): BlockState;
  isBlocked(account: string, method: string): BlockState;
  /** Forgets the failures of a method, e.g. after it succeeded. Sends are kept. */
  clear(account: string, method: string): void;
  recordSend(account: string, channel: string): void;
  /** Sends in the last 24 hours (rolling). */
  sendsToday(account: string, channel: string): number;
  /** When the count of the last 24 hours falls below `limit` again; null if it already is. */
  sendsAllowedAgainAt(account: string, channel: string, limit: number): Date | null;
  close(): void;
}

export class ThrottleStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ThrottleStoreError';
  }
}

const MINUTE = 60_000;

// One step per schema version, as for the audit database.
const MIGRATIONS: ReadonlyArray<(db: Database.Database) => void> = [
  (db) => {
    db.exec(`
      CREATE TABLE attempts (
        account TEXT NOT NULL,
        method  TEXT NOT NULL,
        kind    TEXT NOT NULL CHECK (kind IN ('failure', 'send')),
        at      INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX attempts_by_account ON attempts (account, method, kind, at);
    `);
  },
];

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length)
    throw new ThrottleStoreError(
      `le fichier des limites de tentatives est au schéma ${current}, plus récent que celui de cette version de Guichet (${MIGRATIONS.length})`,
    );
  MIGRATIONS.slice(current).forEach((step, index) => {
    db.transaction(() => {
      step(db);
      db.pragma(`user_version = ${current + index + 1}`);
    })();
  });
}

/** Opens (creating if needed) the throttle file, e.g. `<dataDir>/throttle.sqlite`. */
export function openThrottleStore(path: string, options: ThrottleOptions = {}): ThrottleStore {
  const maxFailures = options.maxFailures ?? 3;
  const windowMs = options.windowMs ?? 15 * MINUTE;
  const blockMs = options.blockMs ?? 15 * MINUTE;
  const sendWindowMs = options.sendWindowMs ?? 24 * 60 * MINUTE;
  const now = options.now ?? (() => new Date());
  // Rows older than this can no longer count for anything.
  const horizonMs = Math.max(windowMs + blockMs, sendWindowMs);

  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('busy_timeout = 2000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }

  const insert = db.prepare<[string, string, string, number]>('INSERT INTO attempts (account, method, kind, at) VALUES (?, ?, ?, ?)');
  const since = db.prepare<[string, string, string, number], { at: number }>(
    'SELECT at FROM attempts WHERE account = ? AND method = ? AND kind = ? AND at > ? ORDER BY at',
  );
  const deleteFailures = db.prepare<[string, string]>("DELETE FROM attempts WHERE account = ? AND method = ? AND kind = 'failure'");
  const prune = db.prepare<[number]>('DELETE FROM attempts WHERE at <= ?');

  const nowMs = () => now().getTime();

  function blockState(account: string, method: string): BlockState {
    const t = nowMs();
    const times = since.all(account, method, 'failure', t - windowMs - blockMs).map((row) => row.at);
    let until = 0;
    // A block starts at each failure that completes `maxFailures` within `windowMs`.
    for (let i = maxFailures - 1; i < times.length; i += 1) {
      const last = times[i]!;
      if (last - times[i - maxFailures + 1]! <= windowMs) until = Math.max(until, last + blockMs);
    }
    const blocked = until > t;
    const failures = times.filter((at) => at > t - windowMs).length;
    return { blocked, until: blocked ? new Date(until) : null, failures };
  }

  function sendTimes(account: string, channel: string): number[] {
    return since.all(account, channel, 'send', nowMs() - sendWindowMs).map((row) => row.at);
  }

  prune.run(nowMs() - horizonMs);

  return {
    recordFailure(account, method) {
      insert.run(account, method, 'failure', nowMs());
      return blockState(account, method);
    },
    isBlocked: blockState,
    clear(account, method) {
      deleteFailures.run(account, method);
    },
    recordSend(account, channel) {
      const t = nowMs();
      insert.run(account, channel, 'send', t);
      prune.run(t - horizonMs);
    },
    sendsToday(account, channel) {
      return sendTimes(account, channel).length;
    },
    sendsAllowedAgainAt(account, channel, limit) {
      const times = sendTimes(account, channel);
      if (times.length < limit) return null;
      return new Date(times[times.length - limit]! + sendWindowMs);
    },
    close() {
      db.close();
    },
  };
}
