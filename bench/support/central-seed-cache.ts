/**
 * bench:central's seeded centre, kept between runs: loading 10,000,000 events takes minutes,
 * starting from a copy of the loaded cluster's data folder takes about one. The rows are
 * deterministic, so the key is what they are made from (count, desks, the generator's and the
 * loader's sources, the postgres binary); an entry also records the migrations it was made
 * at, and a newer schema starts from it and migrates forward (then kept in its place).
 * GUICHET_FIXTURE_CACHE moves the cache (the fixtures' own root) or turns it off ("off").
 * Only the newest entry is kept: each is several gigabytes.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PG_BIN, startPostgres, type PostgresFixture, type PostgresFixtureOptions, type SavedCluster } from '../../resources/central/postgres-fixture';
import { CENTRAL_MIGRATIONS } from '../../src/main/central-audit/migrations';
import { seedCentre } from './central-seed';
import { HOUR_MONTH_TABLES, hourMonthCountsFillSql } from '../../src/main/central-audit/migrations/0008-hour-month-counts';
import { round } from './report';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SOURCES = ['generated-events.ts', 'central-seed.ts', 'central-copy.ts'];
const cacheRoot = () => process.env['GUICHET_FIXTURE_CACHE'] ?? path.join(os.tmpdir(), 'guichet-fixture-cache');

interface Entry {
  dir: string;
  saved: SavedCluster;
  migrations: string[];
}

function dataKey(events: number, desks: number): string {
  const hash = createHash('sha256').update(JSON.stringify([events, desks]));
  for (const file of SOURCES) hash.update(file).update(readFileSync(path.join(HERE, file)));
  const postgres = statSync(path.join(PG_BIN, 'postgres'));
  return hash.update(`${postgres.size}:${postgres.mtimeMs}`).digest('hex').slice(0, 24);
}

const migrationDigests = () => CENTRAL_MIGRATIONS.map((m) => createHash('sha256').update(m.sql).digest('hex').slice(0, 16));

function entries(root: string, key: string): Entry[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => name.startsWith(`central-${key}-`) && !name.endsWith('.partial'))
    .flatMap((name) => {
      try {
        const dir = path.join(root, name);
        const meta = JSON.parse(readFileSync(path.join(dir, 'cluster.json'), 'utf8')) as { adminPassword: string; ownerPassword: string; migrations: string[] };
        return [{ dir, saved: { dataDir: path.join(dir, 'data'), adminPassword: meta.adminPassword, ownerPassword: meta.ownerPassword }, migrations: meta.migrations }];
      } catch {
        return [];
      }
    });
}

/** Keeps the running cluster as the only central entry (written under a temporary name, then renamed). */
async function keep(pgf: PostgresFixture, root: string, key: string, migrations: string[]): Promise<void> {
  mkdirSync(root, { recursive: true });
  const name = `central-${key}-${createHash('sha256').update(migrations.join()).digest('hex').slice(0, 12)}`;
  const partial = path.join(root, `${name}.partial`);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { mode: 0o700 });
  const saved = await pgf.save(path.join(partial, 'data'));
  writeFileSync(path.join(partial, 'cluster.json'), JSON.stringify({ adminPassword: saved.adminPassword, ownerPassword: saved.ownerPassword, migrations }), { mode: 0o600 });
  for (const other of readdirSync(root).filter((n) => n.startsWith('central-') && n !== `${name}.partial`)) rmSync(path.join(root, other), { recursive: true, force: true });
  renameSync(partial, path.join(root, name));
}

/**
 * A running centre holding `events` seeded rows from `desks` desks at the current schema:
 * from the cache when it has them, otherwise loaded (and kept). `how` says which, with the load's steps.
 */
export async function seededCentre(
  events: number,
  desks: number,
  options: Pick<PostgresFixtureOptions, 'settings' | 'durable'>,
): Promise<{ pgf: PostgresFixture; how: string }> {
  const root = cacheRoot();
  const cached = root !== 'off';
  const key = dataKey(events, desks);
  const current = migrationDigests();
  const base = cached
    ? entries(root, key)
        .filter((e) => e.migrations.length <= current.length && e.migrations.every((m, i) => m === current[i]))
        .sort((x, y) => y.migrations.length - x.migrations.length)[0]
    : undefined;
  if (base) {
    const t = performance.now();
    const pgf = await startPostgres({ ...options, from: base.saved });
    if (base.migrations.length === current.length) return { pgf, how: `copie en cache (${round((performance.now() - t) / 1000)} s)` };
    await pgf.admin('ANALYZE guichet.events');
    const how = `copie en cache au schéma ${base.migrations.length}, migrée au schéma ${current.length} (${round((performance.now() - t) / 1000)} s)`;
    await keep(pgf, root, key, current);
    return { pgf, how };
  }
  const pgf = await startPostgres(options);
  try {
    const steps = await seedCentre(pgf, events, desks);
    // The seed's COPY fires no trigger and fills 0006's tables only: the hour and month tables (0008) from the seeded rows.
    const t = performance.now();
    await pgf.admin(`${hourMonthCountsFillSql().join(';\n')}; ANALYZE ${HOUR_MONTH_TABLES.map((n) => `guichet.${n}`).join(', ')}`);
    steps['hour and month counts'] = round((performance.now() - t) / 1000);
    if (cached) await keep(pgf, root, key, current);
    return { pgf, how: `chargé : ${Object.entries(steps).map(([k, v]) => `${k} ${v} s`).join(', ')}` };
  } catch (error) {
    await pgf.stop();
    throw error;
  }
}
