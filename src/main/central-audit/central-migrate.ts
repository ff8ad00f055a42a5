/** Applies the central store's migrations (as the owner role) and reads the schema version (as anyone). */
import type { ClientBase } from 'pg';
import { CENTRAL_MIGRATIONS } from './migrations';
import type { CentralMigration } from './migrations/migration';

export class CentralSchemaError extends Error {
  constructor(
    message: string,
    readonly found: number,
    readonly expected: number,
  ) {
    super(message);
    this.name = 'CentralSchemaError';
  }
}

/** Taken in every migration transaction: two owners migrating at once apply each step once. */
const MIGRATION_LOCK = 0x6775_6963; // "guic"

const tooNew = (found: number, expected: number) =>
  new CentralSchemaError(
    `Le centre d'audit est au schéma ${found}, plus récent que celui de cette version de Guichet (${expected}) : mettez Guichet à jour.`,
    found,
    expected,
  );

/** The version the centre is at; 0 when the schema was never created (or cannot be read by this role). */
export async function centralSchemaVersion(client: ClientBase): Promise<number> {
  const exists = await client.query<{ ok: boolean }>(
    "SELECT to_regclass('guichet.schema_migrations') IS NOT NULL AS ok",
  );
  if (!exists.rows[0]?.ok) return 0;
  const result = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM guichet.schema_migrations');
  return Number(result.rows[0]?.version ?? 0);
}

/** Refuses a centre newer than this app (it may hold rows this version would misread), or one not migrated yet. */
export async function assertCentralSchema(client: ClientBase, expected = CENTRAL_MIGRATIONS.length): Promise<number> {
  const found = await centralSchemaVersion(client);
  if (found > expected) throw tooNew(found, expected);
  if (found < expected)
    throw new CentralSchemaError(
      `Le centre d'audit est au schéma ${found}, attendu ${expected} : l'équipe informatique doit lancer « guichet-audit central-migrate ».`,
      found,
      expected,
    );
  return found;
}

/**
 * Brings the schema to the latest version, one transaction per step with its version row;
 * the version is read again under the lock inside each transaction. Returns the version.
 */
export async function migrateCentral(client: ClientBase, migrations: readonly CentralMigration[] = CENTRAL_MIGRATIONS): Promise<number> {
  const inTransaction = async <T>(work: () => Promise<T>): Promise<T> => {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const value = await work();
      await client.query('COMMIT');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  };
  await inTransaction(async () => {
    await client.query(`
      CREATE SCHEMA IF NOT EXISTS guichet;
      CREATE TABLE IF NOT EXISTS guichet.schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      );`);
  });
  for (;;) {
    const applied = await inTransaction(async () => {
      const current = await centralSchemaVersion(client);
      if (current > migrations.length) throw tooNew(current, migrations.length);
      const step = migrations[current];
      if (!step) return false;
      await client.query(step.sql);
      await client.query('INSERT INTO guichet.schema_migrations (version, name) VALUES ($1, $2)', [step.version, step.name]);
      return true;
    });
    if (!applied) return centralSchemaVersion(client);
  }
}
