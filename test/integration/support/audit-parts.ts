/** The audit writer's parts on their own, over a real migrated SQLite file in a temporary folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { LogRecord, Logger } from '../../../src/main/logger';
import { ChainAppender } from '../../../src/main/audit/chain-appender';
import { openAuditDatabase } from '../../../src/main/audit/database';
import { EventPreparer, type PreparedEvent } from '../../../src/main/audit/event-preparer';
import { AGENT, TARGET } from '../../support/audit-inputs';

export interface AuditParts {
  dir: string;
  path: string;
  db: Database.Database;
  preparer: EventPreparer;
  chain: ChainAppender;
  /** What the parts logged. */
  records: LogRecord[];
  logger: Logger;
  /** Another connection to the same file (another process, as far as SQLite can tell). */
  connect(): Database.Database;
  cleanup(): void;
}

export function auditParts(options: { now?: () => Date; busyTimeoutMs?: number } = {}): AuditParts {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-audit-parts-'));
  const path = join(dir, 'audit.sqlite');
  const db = openAuditDatabase(path, { busyTimeoutMs: options.busyTimeoutMs });
  const records: LogRecord[] = [];
  const connections: Database.Database[] = [db];
  return {
    dir,
    path,
    db,
    preparer: new EventPreparer('GUICHET-TEST-01'),
    chain: new ChainAppender(db, options.now ?? (() => new Date())),
    records,
    logger: { path: null, log: (record) => records.push(record) },
    connect() {
      const other = openAuditDatabase(path, { busyTimeoutMs: options.busyTimeoutMs });
      connections.push(other);
      return other;
    },
    cleanup() {
      for (const c of connections) if (c.open) c.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An account-viewed event with a comment, ready for the chain. */
export function viewed(preparer: EventPreparer, comment: string | null = null): PreparedEvent {
  return preparer.event({ action: 'account-viewed', outcome: 'success', agent: AGENT, target: TARGET, comment, details: { source: 'search' } });
}

/** Holds the write lock on the file (as another process would) while `during` runs. */
export function whileLocked<T>(path: string, during: () => T): T {
  const other = new Database(path);
  other.exec('BEGIN EXCLUSIVE');
  try {
    return during();
  } finally {
    other.exec('ROLLBACK');
    other.close();
  }
}
