/**
 * A cache of loaded fixture databases: a large directory (10,000 people and more by default)
 * is loaded with slapadd once, and each later start with the same people copies its mdb file
 * (holes kept: `cp --sparse=always`, under a second for 100,000 people) instead of loading
 * it again. The people are deterministic (count, seed), so the key is what the database is
 * made from: the count, the seed, the base DN, the name indexes, the lifecycle day, the password
 * lifetime, every source of this folder and the schema, and the slapd binary. Any failure to read or fill the cache falls back to
 * a fresh load; entries are written under a temporary name and renamed, so a parallel start
 * never reads half a file, and only the few most recent are kept.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where loaded databases are kept (GUICHET_FIXTURE_CACHE overrides; "off" disables the cache). */
const cacheRoot = () => process.env['GUICHET_FIXTURE_CACHE'] ?? path.join(os.tmpdir(), 'guichet-fixture-cache');
/** Sizes below this load in a second or two: not worth a copy on disk. */
export const CACHED_FROM_PEOPLE = 10_000;
/** 500,000 people take about 3 GB: only the most recently used few are kept. */
const KEPT = 3;

const HERE = fileURLToPath(new URL('./', import.meta.url));
/** Every source of this folder: any of them may shape the entries (generators, lifecycle dates, institution shapes). */
const sources = () => readdirSync(HERE).filter((f) => f.endsWith('.ts')).sort();
const SLAPD = '/usr/sbin/slapd';

export interface LoadedKey {
  people: number;
  seed: number;
  baseDn: string;
  nameIndexes: readonly string[];
  /** The day the generated lifecycle dates are relative to: another day, other entries. */
  today: string;
  /** The default policy's pwdMaxAge (written in the policy entry). */
  passwordMaxAgeDays: number | null;
}

function sourcesDigest(): string {
  const hash = createHash('sha256');
  const schemaDir = path.join(HERE, 'schema');
  const files = [...sources().map((f) => path.join(HERE, f)), ...readdirSync(schemaDir).sort().map((f) => path.join(schemaDir, f))];
  for (const file of files) hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  const slapd = statSync(SLAPD);
  hash.update(`${slapd.size}:${slapd.mtimeMs}`);
  return hash.digest('hex');
}

function keyOf(key: LoadedKey): string {
  return createHash('sha256')
    .update(JSON.stringify([key.people, key.seed, key.baseDn, [...key.nameIndexes], key.today, key.passwordMaxAgeDays, sourcesDigest()]))
    .digest('hex')
    .slice(0, 32);
}

const copySparse = (from: string, to: string) => execFileSync('cp', ['--sparse=always', from, to], { stdio: ['ignore', 'ignore', 'pipe'] });

export interface LoadedCache {
  /** Copies the cached database into `dbDir`; false when there is none (or it could not be read). */
  restore(dbDir: string): boolean;
  /** Keeps a copy of the database just loaded into `dbDir` (best effort). */
  store(dbDir: string): void;
}

/** The cache for these people, or null when it is off (small sizes, GUICHET_FIXTURE_CACHE=off, or asked off). */
export function loadedCache(key: LoadedKey, wanted: boolean | undefined): LoadedCache | null {
  const root = cacheRoot();
  if (root === 'off' || wanted === false || (wanted === undefined && key.people < CACHED_FROM_PEOPLE)) return null;
  let entry: string;
  try {
    entry = path.join(root, keyOf(key));
  } catch {
    return null;
  }
  return {
    restore(dbDir) {
      const cached = path.join(entry, 'data.mdb');
      if (!existsSync(cached)) return false;
      try {
        copySparse(cached, path.join(dbDir, 'data.mdb'));
        const now = new Date();
        utimesSync(entry, now, now);
        return true;
      } catch {
        rmSync(path.join(dbDir, 'data.mdb'), { force: true });
        return false;
      }
    },
    store(dbDir) {
      const partial = `${entry}.partial-${process.pid}`;
      try {
        mkdirSync(partial, { recursive: true });
        copySparse(path.join(dbDir, 'data.mdb'), path.join(partial, 'data.mdb'));
        if (existsSync(entry)) rmSync(partial, { recursive: true, force: true });
        else renameSync(partial, entry);
        prune(root);
      } catch {
        rmSync(partial, { recursive: true, force: true });
      }
    },
  };
}

/** Keeps the KEPT most recently used entries (and drops partial copies older than an hour). */
function prune(root: string): void {
  const entries = readdirSync(root).map((name) => {
    const full = path.join(root, name);
    return { full, partial: name.includes('.partial-'), mtime: statSync(full).mtimeMs };
  });
  const complete = entries.filter((e) => !e.partial).sort((a, b) => b.mtime - a.mtime);
  for (const old of complete.slice(KEPT)) rmSync(old.full, { recursive: true, force: true });
  for (const stale of entries.filter((e) => e.partial && Date.now() - e.mtime > 3_600_000)) rmSync(stale.full, { recursive: true, force: true });
}
