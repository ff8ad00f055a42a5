/**
 * Throw-away PostgreSQL 15 cluster for integration tests and benchmarks: initdb in a temp
 * folder, Debian's postgres on a free loopback port (TLS on, with a test CA), the roles of
 * resources/central/roles.sql, and the central schema migrated as its owner.
 *
 * PostgreSQL refuses to run as root (CI runs as root): then initdb and the server run as the
 * `postgres` user the package creates (folder owned by it, mode 700); a normal user runs them
 * directly. The server runs in its own process group, so kill() takes every backend with it,
 * as a crash would. A process 'exit' hook kills what is still running and removes the folder.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort, generateTestCa } from '../directory/fixture';
import { migrateCentral } from '../../src/main/central-audit/central-migrate';
import { trackThrowaway } from '../throwaway';

export const PG_BIN = '/usr/lib/postgresql/15/bin';
export const CENTRAL_DATABASE = 'guichet_audit';
const ADMIN = 'guichet_admin';
export const ROLES_SQL = path.join(path.dirname(fileURLToPath(import.meta.url)), 'roles.sql');

export interface PostgresFixtureOptions {
  /** Apply the central migrations as guichet_owner (default true). */
  migrate?: boolean;
  /** fsync on, as in production (benchmarks); off by default (tests). */
  durable?: boolean;
  /** Extra server settings (`name=value`). */
  settings?: string[];
  /** Start from a copy of a saved cluster (save()) instead of a new one; pending migrations still apply. */
  from?: SavedCluster;
}

/** A stopped cluster's data folder and the passwords it was made with (bench:central's seeded centre). */
export interface SavedCluster {
  dataDir: string;
  adminPassword: string;
  ownerPassword: string;
}

export interface LoginRole {
  role: string;
  password: string;
}

export interface PostgresFixture {
  host: string;
  port: number;
  dir: string;
  database: string;
  /** The test CA that signed the server's certificate (SAN localhost, 127.0.0.1). */
  caFile: string;
  owner: LoginRole;
  readonly pid: number;
  /** false after kill() or stop(), until restart(). */
  readonly running: boolean;
  /** A login role member of guichet_desk (roles.sql), with its password. */
  createDesk(role?: string): Promise<LoginRole>;
  /** A login role member of guichet_reader. */
  createReader(role?: string): Promise<LoginRole>;
  /** A client to the audit database as `who` (plain TCP unless `ssl` is given). */
  connect(who: LoginRole, options?: { ssl?: pg.ClientConfig['ssl']; host?: string; port?: number }): Promise<pg.Client>;
  /** Runs SQL as the superuser on the audit database. */
  admin<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
  /** A client to the audit database as the superuser, for bulk work (the caller ends it). */
  adminClient(): Promise<pg.Client>;
  /** Stops the server cleanly, copies its data folder to `to` (which must not exist), starts it again. */
  save(to: string): Promise<SavedCluster>;
  /** `postgres://role@127.0.0.1:port/guichet_audit?sslmode=...` */
  url(role: string, sslmode?: 'disable' | 'verify-full'): string;
  /** SIGKILL the server and every backend (a crash); restart() brings it back on the same port. */
  kill(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const alive = (child: ChildProcess | null): child is ChildProcess => !!child && child.exitCode === null && child.signalCode === null;

function killGroup(child: ChildProcess | null): void {
  if (!alive(child) || child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

const exited = (child: ChildProcess | null): Promise<void> =>
  !alive(child) ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));

/** Who runs the server: the `postgres` user when we are root, ourselves otherwise. */
function serverIdentity(): { uid: number; gid: number } | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

function chownTree(target: string, who: { uid: number; gid: number }): void {
  chownSync(target, who.uid, who.gid);
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) chownTree(full, who);
    else chownSync(full, who.uid, who.gid);
  }
}

/** The statements of roles.sql, comments removed (it holds no function bodies). */
export function rolesStatements(): string[] {
  return readFileSync(ROLES_SQL, 'utf8')
    .split('\n')
    .map((line) => line.replace(/--.*$/, ''))
    .join('\n')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const secret = () => `pw-${randomBytes(12).toString('base64url')}`;

export async function startPostgres(options: PostgresFixtureOptions = {}): Promise<PostgresFixture> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'guichet-pg-'));
  const who = serverIdentity();
  const spawnAs = who ? { uid: who.uid, gid: who.gid } : {};
  const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
  const entry: { child: ChildProcess | null } = { child: null };
  const untrack = trackThrowaway({ kill: () => killGroup(entry.child), dir });
  try {
    const data = path.join(dir, 'data');
    const pki = path.join(dir, 'pki');
    mkdirSync(pki);
    const certs = generateTestCa(pki, 'localhost');
    chmodSync(certs.keyFile, 0o600);
    const adminPassword = options.from?.adminPassword ?? secret();
    writeFileSync(path.join(dir, 'pw'), `${adminPassword}\n`, { mode: 0o600 });
    chmodSync(dir, 0o700);
    if (who) chownTree(dir, who);
    if (options.from) execFileSync('cp', ['-a', '--sparse=always', options.from.dataDir, data], { stdio: ['ignore', 'ignore', 'pipe'] });
    else
      execFileSync(
        path.join(PG_BIN, 'initdb'),
        ['-D', data, '-A', 'scram-sha-256', `--pwfile=${path.join(dir, 'pw')}`, '-U', ADMIN, '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions'],
        { ...spawnAs, env, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
      );
    rmSync(path.join(dir, 'pw'));
    const port = await freePort();
    const durable = options.durable ?? false;
    const settings = [
      `port=${port}`,
      'listen_addresses=127.0.0.1',
      `unix_socket_directories=${dir}`,
      'ssl=on',
      `ssl_cert_file=${certs.certFile}`,
      `ssl_key_file=${certs.keyFile}`,
      `ssl_ca_file=${certs.caFile}`,
      // No fsync in tests: a killed server loses nothing (the OS still has every write), only
      // a machine crash would. Commits stay synchronous: an asynchronous one is lost with the server.
      ...(durable ? [] : ['fsync=off', 'full_page_writes=off']),
      ...(options.settings ?? []),
    ];
    const logFile = path.join(dir, 'server.log');
    const launch = () => {
      const fd = openSync(logFile, 'a');
      try {
        entry.child = spawn(path.join(PG_BIN, 'postgres'), ['-D', data, ...settings.flatMap((s) => ['-c', s])], {
          ...spawnAs,
          env,
          cwd: dir,
          detached: true,
          stdio: ['ignore', fd, fd],
        });
      } finally {
        closeSync(fd);
      }
    };
    const adminClient = (database: string) =>
      new pg.Client({ host: '127.0.0.1', port, user: ADMIN, password: adminPassword, database, connectionTimeoutMillis: 2_000 });
    const waitReady = async () => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        if (!alive(entry.child))
          throw new Error(`postgres exited at start:\n${readFileSync(logFile, 'utf8').slice(-3000)}`);
        const client = adminClient('postgres');
        try {
          await client.connect();
          await client.end();
          return;
        } catch (error) {
          await client.end().catch(() => undefined);
          if (Date.now() > deadline) throw new Error(`postgres not ready: ${(error as Error).message}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };
    launch();
    await waitReady();

    const owner: LoginRole = { role: 'guichet_owner', password: options.from?.ownerPassword ?? secret() };
    if (!options.from) {
      const bootstrap = adminClient('postgres');
      await bootstrap.connect();
      try {
        for (const statement of rolesStatements()) await bootstrap.query(statement);
        await bootstrap.query(`ALTER ROLE guichet_owner PASSWORD '${owner.password}'`);
      } finally {
        await bootstrap.end();
      }
    }
    const stopServer = async (ms = 5_000) => {
      const child = entry.child;
      if (!alive(child)) return;
      child.kill('SIGINT'); // fast shutdown
      const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms).unref());
      if ((await Promise.race([exited(child).then(() => 'exited' as const), timer])) === 'timeout') killGroup(child);
      await exited(child);
    };
    let counter = 0;
    const fixture: PostgresFixture = {
      host: '127.0.0.1',
      port,
      dir,
      database: CENTRAL_DATABASE,
      caFile: certs.caFile,
      owner,
      get pid() {
        return entry.child?.pid ?? -1;
      },
      get running() {
        return alive(entry.child);
      },
      async createDesk(role = `guichet_desk_${++counter}`) {
        const password = secret();
        await fixture.admin(`CREATE ROLE ${role} LOGIN IN ROLE guichet_desk PASSWORD '${password}'`);
        return { role, password };
      },
      async createReader(role = `guichet_reader_${++counter}`) {
        const password = secret();
        await fixture.admin(`CREATE ROLE ${role} LOGIN IN ROLE guichet_reader PASSWORD '${password}'`);
        return { role, password };
      },
      async connect(login, more = {}) {
        const client = new pg.Client({
          host: more.host ?? '127.0.0.1',
          port: more.port ?? port,
          user: login.role,
          password: login.password,
          database: CENTRAL_DATABASE,
          ssl: more.ssl,
          connectionTimeoutMillis: 5_000,
        });
        await client.connect();
        return client;
      },
      async adminClient() {
        const client = adminClient(CENTRAL_DATABASE);
        await client.connect();
        return client;
      },
      async save(to) {
        await fixture.admin('CHECKPOINT');
        await stopServer(300_000);
        try {
          execFileSync('cp', ['-a', '--sparse=always', data, to], { stdio: ['ignore', 'ignore', 'pipe'] });
        } finally {
          launch();
          await waitReady();
        }
        return { dataDir: to, adminPassword, ownerPassword: owner.password };
      },
      async admin(sql, params) {
        const client = adminClient(CENTRAL_DATABASE);
        await client.connect();
        try {
          return await client.query(sql, params);
        } finally {
          await client.end();
        }
      },
      url: (role, sslmode = 'disable') => `postgres://${role}@127.0.0.1:${port}/${CENTRAL_DATABASE}?sslmode=${sslmode}`,
      async kill() {
        const child = entry.child;
        killGroup(child);
        await exited(child);
      },
      async restart() {
        await fixture.kill();
        launch();
        await waitReady();
      },
      async stop() {
        await stopServer();
        untrack();
        rmSync(dir, { recursive: true, force: true });
      },
    };
    if (options.migrate ?? true) {
      const client = await fixture.connect(owner);
      try {
        await migrateCentral(client);
      } finally {
        await client.end();
      }
    }
    return fixture;
  } catch (error) {
    if (entry.child) {
      killGroup(entry.child);
      await exited(entry.child);
    }
    untrack();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
