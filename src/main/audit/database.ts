/** Opening the audit database (WAL, synchronous FULL) and applying its migrations in order. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, LATEST_SCHEMA_VERSION } from './migrations';
import type { Migration } from './migrations/migration';

export class AuditDatabaseError extends Error {
  /** `newer`: written by a later Guichet (the start says to update, not to repair). */
  constructor(
    message: string,
    readonly reason: 'newer' | 'older' | 'other' = 'other',
  ) {
    super(message);
    this.name = 'AuditDatabaseError';
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies the missing steps, each in its own IMMEDIATE transaction with its version bump.
 * The version is read again inside each transaction, so two processes opening a fresh
 * file at once do not both apply the same step.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const refuseNewer = (current: number) => {
    if (current > migrations.length)
      throw new AuditDatabaseError(
        `La base d'audit est au schéma ${current}, plus récent que celui de cette version de Guichet (${migrations.length}) : mettez Guichet à jour.`,
        'newer',
      );
  };
  refuseNewer(schemaVersion(db));
  const step = db.transaction(() => {
    const current = schemaVersion(db);
    refuseNewer(current);
    const migration = migrations[current];
    if (!migration) return false;
    migration.up(db);
    db.pragma(`user_version = ${migration.version}`);
    return true;
  });
  while (step.immediate()) {
    // one step per transaction
  }
  return schemaVersion(db);
}

/** Opens (creating if needed) the audit database: WAL, synchronous=FULL, foreign keys on. */
export function openAuditDatabase(
  path: string,
  options: { readonly?: boolean; busyTimeoutMs?: number; cacheSizeKiB?: number } = {},
): Database.Database {
  if (!options.readonly) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 2000))}`);
    // Room for the hot index pages of a million-event trail (SQLite's default is 2 MiB).
    db.pragma(`cache_size = -${Math.max(256, Math.trunc(options.cacheSizeKiB ?? 65_536))}`);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    // Sorts and temporary indexes stay in memory: no event (names, logins) spills into a
    // temp file that outlives the process or escapes the data folder's protection.
    db.pragma('temp_store = MEMORY');
    if (!options.readonly) {
      migrate(db);
      // Planner statistics (STAT4: skewed columns like outcome), refreshed when stale.
      db.pragma('analysis_limit = 5000');
      db.pragma('optimize = 0x10002');
    }
    else if (schemaVersion(db) > LATEST_SCHEMA_VERSION) migrate(db);
    else if (schemaVersion(db) < LATEST_SCHEMA_VERSION)
      throw new AuditDatabaseError(
        `La base d'audit est au schéma ${schemaVersion(db)}, plus ancien que celui de cette version (${LATEST_SCHEMA_VERSION}) : ouvrez-la une fois avec Guichet pour la mettre à jour.`,
        'older',
      );
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
