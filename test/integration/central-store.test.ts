/**
 * The central store on a real PostgreSQL 15: numbered migrations, who may do what (grants,
 * row-level security, append-only triggers), the chain check as rows arrive, and TLS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTestCa } from '../../resources/directory/fixture';
import { CENTRAL_MIGRATIONS, CENTRAL_SCHEMA_VERSION } from '../../src/main/central-audit/migrations';
import { assertCentralSchema, centralSchemaVersion, migrateCentral } from '../../src/main/central-audit/central-migrate';
import { CentralSession } from '../../src/main/central-audit/central-session';
import { centralConfigSchema } from '../../src/main/central-audit/central-config';
import { centralClientConfig } from '../../src/main/central-audit/central-connection';
import { forwardingProblem } from '../../src/main/central-audit/forwarding-problem';
import { LocalTrail } from '../../src/main/central-audit/local-trail';
import type { HashedRecord } from '../../src/main/audit/audit-chain';
import { centralView, createTestDesk, readerClient, usePostgres, type TestDesk } from './support/central-desk';

const server = usePostgres();
const desks: TestDesk[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'guichet-central-store-'));
afterAll(async () => {
  for (const d of desks) await d.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

async function desk(n = 0): Promise<TestDesk & { rows: HashedRecord[]; session: CentralSession }> {
  const d = await createTestDesk(server.pg);
  desks.push(d);
  d.appendEvents(n);
  const session = await CentralSession.open(centralClientConfig(d.config, { GUICHET_TEST_CENTRAL_PASSWORD: d.login.password }));
  await session.hello(d.name, null);
  const rows = new LocalTrail(d.store.db, 'central').after(0, 10_000);
  return Object.assign(d, { rows, session });
}

const refusal = (promise: Promise<unknown>) => promise.then(() => 'accepted', (error: Error) => error.message);

describe('central schema migrations', () => {
  it('are numbered 1..n with NNNN-what names, all applied, one version row each', async () => {
    expect(CENTRAL_MIGRATIONS.map((m) => m.version)).toEqual(CENTRAL_MIGRATIONS.map((_, i) => i + 1));
    for (const m of CENTRAL_MIGRATIONS) expect(m.name).toMatch(new RegExp(`^${String(m.version).padStart(4, '0')}-[a-z-]+$`));
    const { rows } = await server.pg.admin<{ version: number; name: string }>('SELECT version, name FROM guichet.schema_migrations ORDER BY version');
    expect(rows).toEqual(CENTRAL_MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
  });

  it('run again, change nothing; a centre newer than the app is refused by the migrator and by the desk', async () => {
    const owner = await server.pg.connect(server.pg.owner);
    try {
      expect(await migrateCentral(owner)).toBe(CENTRAL_SCHEMA_VERSION);
      await owner.query('BEGIN');
      await owner.query("INSERT INTO guichet.schema_migrations (version, name) VALUES ($1, '0099-from-the-future')", [CENTRAL_SCHEMA_VERSION + 1]);
      expect(await centralSchemaVersion(owner)).toBe(CENTRAL_SCHEMA_VERSION + 1);
      await expect(assertCentralSchema(owner)).rejects.toThrow(/plus récent.*mettez Guichet à jour/);
      await owner.query('ROLLBACK');
      await expect(migrateCentral(owner, CENTRAL_MIGRATIONS.slice(0, 2))).rejects.toThrow(new RegExp(`schéma ${CENTRAL_SCHEMA_VERSION}, plus récent que celui de cette version de Guichet \\(2\\)`));
    } finally {
      await owner.end();
    }
  });

  it('a step that fails leaves no trace of itself (each step is one transaction)', async () => {
    const owner = await server.pg.connect(server.pg.owner);
    try {
      const broken = { version: CENTRAL_SCHEMA_VERSION + 1, name: '0005-broken', sql: 'CREATE TABLE guichet.half_done (x int); SELECT 1/0;' };
      await expect(migrateCentral(owner, [...CENTRAL_MIGRATIONS, broken])).rejects.toThrow(/division by zero/);
      expect(await centralSchemaVersion(owner)).toBe(CENTRAL_SCHEMA_VERSION);
      expect((await owner.query("SELECT to_regclass('guichet.half_done') AS t")).rows[0].t).toBeNull();
    } finally {
      await owner.end();
    }
  });
});

describe('who may do what at the centre', () => {
  it('a desk registers under its own role; another role cannot take its name, and a role forwards for one desk only', async () => {
    const a = await desk();
    const b = await desk();
    const { rows } = await server.pg.admin('SELECT id, role, state FROM guichet.desks WHERE id = $1', [a.name]);
    expect(rows).toEqual([{ id: a.name, role: a.login.role, state: 'ok' }]);
    const stolen = await refusal(b.session.hello(a.name, null));
    expect(stolen).toMatch(/forwards under another role/);
    expect(forwardingProblem(await b.session.hello(a.name, null).catch((e: unknown) => e))).toBe('desk-refused');
    expect(await refusal(a.session.hello('UN-AUTRE-POSTE', null))).toMatch(/already forwards for another desk/);
  });

  it("a desk inserts its own rows only (row-level security), and can read nobody's", async () => {
    const a = await desk(3);
    const b = await desk(3);
    await a.session.insert(a.name, a.rows);
    expect(await refusal(b.session.insert(a.name, b.rows))).toMatch(/row-level security/);
    const client = await server.pg.connect(a.login);
    try {
      expect(await refusal(client.query('SELECT count(*) FROM guichet.events'))).toMatch(/permission denied/);
      expect(await refusal(client.query('SELECT * FROM guichet.desks'))).toMatch(/permission denied/);
    } finally {
      await client.end();
    }
    // Refused before the chain check: B could neither add to A's forks nor mark A.
    expect(await centralView(server.pg, a.name)).toMatchObject({ rows: 3, forks: [], verification: { state: 'ok' } });
    expect((await centralView(server.pg, b.name)).rows).toBe(0);
  });

  it('nobody updates, deletes or truncates the trail: desks and readers lack the grant, the owner meets the trigger', async () => {
    const a = await desk(2);
    await a.session.insert(a.name, a.rows);
    const asDesk = await server.pg.connect(a.login);
    const asReader = await readerClient(server.pg);
    const asOwner = await server.pg.connect(server.pg.owner);
    try {
      for (const client of [asDesk, asReader]) {
        expect(await refusal(client.query("UPDATE guichet.events SET action = 'x'"))).toMatch(/permission denied/);
        expect(await refusal(client.query('DELETE FROM guichet.events'))).toMatch(/permission denied/);
        expect(await refusal(client.query('TRUNCATE guichet.events'))).toMatch(/permission denied/);
      }
      expect(await refusal(asReader.query('INSERT INTO guichet.events SELECT * FROM guichet.events LIMIT 1'))).toMatch(/permission denied/);
      for (const table of ['events', 'event_forks', 'desk_alarms', 'desk_keys']) {
        expect(await refusal(asOwner.query(`TRUNCATE guichet.${table}`))).toMatch(/append-only: TRUNCATE/);
      }
      expect(await refusal(asOwner.query("UPDATE guichet.events SET action = 'x' WHERE desk = $1", [a.name]))).toMatch(/append-only: UPDATE on guichet.events/);
      expect(await refusal(asOwner.query('DELETE FROM guichet.events WHERE desk = $1', [a.name]))).toMatch(/append-only: DELETE on guichet.events/);
      expect(await refusal(asOwner.query('DELETE FROM guichet.desks WHERE id = $1', [a.name]))).toMatch(/append-only: DELETE on guichet.desks/);
      const { rows } = await asReader.query('SELECT count(*)::int AS n FROM guichet.events WHERE desk = $1', [a.name]);
      expect(rows[0].n).toBe(2);
    } finally {
      await asDesk.end();
      await asReader.end();
      await asOwner.end();
    }
  });
});

describe('the chain checked as rows arrive', () => {
  it('a batch sent twice is stored once (at-least-once delivery, idempotent on desk and seq)', async () => {
    const a = await desk(10);
    await a.session.insert(a.name, a.rows.slice(0, 6));
    await a.session.insert(a.name, a.rows);
    await a.session.insert(a.name, a.rows.slice(4));
    const view = await centralView(server.pg, a.name);
    expect(view).toMatchObject({ rows: 10, distinct: 10, forks: [] });
    expect(view.verification).toMatchObject({ state: 'ok', events: 10, broken: null });
  });

  it('another hash at a seq the centre holds, a broken link, a gap and what follows: kept aside, the desk marked forked', async () => {
    const a = await desk(8);
    await a.session.insert(a.name, a.rows.slice(0, 4));
    const other = { ...a.rows[2]!, hash: 'ab'.repeat(32) };
    const unlinked = { ...a.rows[4]!, prevHash: 'cd'.repeat(32) };
    await a.session.insert(a.name, [other, unlinked]);
    await a.session.insert(a.name, a.rows.slice(6, 8));
    const view = await centralView(server.pg, a.name);
    expect(view.rows).toBe(4);
    expect(view.forks).toEqual([
      { seq: 3, reason: 'diverged' },
      { seq: 5, reason: 'unlinked' },
      { seq: 7, reason: 'gap' },
      { seq: 8, reason: 'after-fork' },
    ]);
    expect(view.verification).toMatchObject({ state: 'forked', events: 4, broken: null, forks: 4 });
    // Sent again, a fork is not kept twice.
    await a.session.insert(a.name, [other]);
    expect((await centralView(server.pg, a.name)).forks).toHaveLength(4);
  });

  it("a first row at seq 1 must start from the genesis hash", async () => {
    const a = await desk(2);
    await a.session.insert(a.name, [{ ...a.rows[0]!, prevHash: '11'.repeat(32) }]);
    expect((await centralView(server.pg, a.name)).forks).toEqual([{ seq: 1, reason: 'unlinked' }]);
  });
});

describe('TLS to the centre', () => {
  const tlsConfig = (caFile: string) =>
    centralConfigSchema.parse({
      url: `postgres://localhost:${server.pg.port}/${server.pg.database}?sslmode=verify-full`,
      caFile,
      role: 'guichet_owner',
      passwordEnv: 'PW',
      connectTimeoutMs: 3_000,
    });

  it('verify-full with the CA that signed the server: connected over TLS', async () => {
    const client = new pg.Client(centralClientConfig(tlsConfig(server.pg.caFile), { PW: server.pg.owner.password }));
    await client.connect();
    try {
      const mine = await client.query('SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
      expect(mine.rows[0]).toMatchObject({ ssl: true, version: expect.stringMatching(/^TLSv1\.[23]$/) });
      expect(await assertCentralSchema(client)).toBe(CENTRAL_SCHEMA_VERSION);
    } finally {
      await client.end();
    }
  });

  it('a certificate from another CA is refused (tls-refused), and plain to a non-loopback host is refused before connecting', async () => {
    const other = generateTestCa(scratch, 'localhost');
    const error = await CentralSession.open(centralClientConfig(tlsConfig(other.caFile), { PW: server.pg.owner.password })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(forwardingProblem(error)).toBe('tls-refused');
    const plain = centralConfigSchema.parse({ url: 'postgres://audit.univ-demo.fr/guichet_audit?sslmode=disable', role: 'guichet_desk_x', passwordEnv: 'PW' });
    expect(() => centralClientConfig(plain, { PW: 'x' })).toThrow(/sslmode=disable to audit.univ-demo.fr is refused/);
    expect(() => centralClientConfig({ ...plain, url: 'postgres://audit.univ-demo.fr/guichet_audit' }, {})).toThrow(/GUICHET|PW not set/);
  });
});
