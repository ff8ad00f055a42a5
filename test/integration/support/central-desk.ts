/**
 * A desk forwarding to a real PostgreSQL started once per test file: its own local trail on a
 * real SQLite file, its own login role, a forwarder with short timers, and what the centre
 * holds for it afterwards.
 */
import { afterAll, beforeAll } from 'vitest';
import type pg from 'pg';
import { startPostgres, type LoginRole, type PostgresFixture } from '../../../resources/central/postgres-fixture';
import { CentralForwarder, type CentralForwarderOptions } from '../../../src/main/central-audit/central-forwarder';
import { centralConfigSchema, type CentralConfig } from '../../../src/main/central-audit/central-config';
import { centralClientConfig } from '../../../src/main/central-audit/central-connection';
import { CentralSession } from '../../../src/main/central-audit/central-session';
import { LocalTrail } from '../../../src/main/central-audit/local-trail';
import { listDesks, verifyDesk, type DeskVerification } from '../../../src/main/central-audit/central-reader';
import type { AuditStore } from '../../../src/main/audit/audit-store';
import { accountViewed, signIn, tempAudit, type TempAudit } from './audit-temp';

/** One cluster for the whole file (initdb and start take a second or two). */
export function usePostgres(): { readonly pg: PostgresFixture } {
  const holder = {} as { pg: PostgresFixture };
  beforeAll(async () => {
    holder.pg = await startPostgres();
  });
  afterAll(async () => {
    await holder.pg?.stop();
  });
  return holder;
}

let deskCounter = 0;

export interface TestDesk {
  name: string;
  login: LoginRole;
  audit: TempAudit;
  readonly store: AuditStore;
  config: CentralConfig;
  /** A forwarder for this desk (a new one after a simulated restart); closed by cleanup(). */
  forwarder(more?: Partial<CentralForwarderOptions> & { config?: Partial<CentralConfig> }): CentralForwarder;
  /** n finished events (sign-ins and views, alternately), in transactions of up to 1,000. */
  appendEvents(n: number): void;
  localHead(): number;
  cleanup(): Promise<void>;
}

export async function createTestDesk(pg: PostgresFixture, options: { url?: string; config?: Partial<CentralConfig>; now?: () => Date } = {}): Promise<TestDesk> {
  const name = `GUICHET-TEST-${String(++deskCounter).padStart(2, '0')}-${process.pid}`;
  const login = await pg.createDesk();
  const audit = tempAudit({ workstation: name, ...(options.now ? { now: options.now } : {}) });
  const config = centralConfigSchema.parse({
    url: options.url ?? `postgres://127.0.0.1:${pg.port}/${pg.database}?sslmode=disable`,
    role: login.role,
    passwordEnv: 'GUICHET_TEST_CENTRAL_PASSWORD',
    connectTimeoutMs: 2_000,
    queryTimeoutMs: 2_000,
    ...options.config,
  });
  const forwarders: CentralForwarder[] = [];
  let current = audit.store;
  const desk: TestDesk = {
    name,
    login,
    audit,
    get store() {
      return current;
    },
    config,
    forwarder(more = {}) {
      const { config: overrides, ...rest } = more;
      const effective = { ...config, ...overrides };
      const forwarder = new CentralForwarder({
        trail: new LocalTrail(current.db, 'central'),
        desk: name,
        connect: () => CentralSession.open(centralClientConfig(effective, { GUICHET_TEST_CENTRAL_PASSWORD: login.password })),
        batchSize: effective.batchSize,
        pollMs: 50,
        backoff: { firstMs: 100, maxMs: 400 },
        ...rest,
      });
      forwarders.push(forwarder);
      forwarder.start();
      return forwarder;
    },
    appendEvents(n) {
      for (let done = 0; done < n; done += 1_000) {
        const size = Math.min(1_000, n - done);
        current.appendMany(Array.from({ length: size }, (_, i) => ((done + i) % 2 === 0 ? signIn() : accountViewed())));
      }
    },
    localHead: () => (current.db.prepare('SELECT coalesce(max(seq), 0) FROM events').pluck().get() as number),
    async cleanup() {
      for (const f of forwarders) await f.close();
      audit.cleanup();
    },
  };
  // A reopened store (a restart) replaces the one the forwarders read.
  const open = audit.open.bind(audit);
  audit.open = (more) => (current = open(more));
  return desk;
}

/** Resolves once `check` holds, polling every 20 ms; fails with `what` after `ms`. */
export async function eventually<T>(check: () => T | Promise<T>, what: string, ms = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`still not true after ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function upToDate(forwarder: CentralForwarder, ms?: number): Promise<void> {
  await eventually(() => forwarder.status().state === 'up-to-date', 'the forwarder is up to date', ms).catch((error: Error) => {
    throw new Error(`${error.message}: ${JSON.stringify(forwarder.status())}`);
  });
}

/** What the centre holds for a desk: rows, distinct seqs, forks, and its chain re-checked with the local hash. */
export async function centralView(pg: PostgresFixture, desk: string): Promise<{
  rows: number;
  distinct: number;
  maxSeq: number;
  forks: Array<{ seq: number; reason: string }>;
  verification: DeskVerification;
}> {
  const counts = await pg.admin<{ rows: string; distinct: string; max: string | null }>(
    'SELECT count(*) AS rows, count(DISTINCT seq) AS distinct, max(seq) AS max FROM guichet.events WHERE desk = $1',
    [desk],
  );
  const forks = await pg.admin<{ seq: string; reason: string }>(
    'SELECT seq, reason FROM guichet.event_forks WHERE desk = $1 ORDER BY seq',
    [desk],
  );
  const reader = await readerClient(pg);
  try {
    const registered = (await listDesks(reader)).find((d) => d.id === desk);
    if (!registered) throw new Error(`desk ${desk} is not registered`);
    return {
      rows: Number(counts.rows[0]!.rows),
      distinct: Number(counts.rows[0]!.distinct),
      maxSeq: Number(counts.rows[0]!.max ?? 0),
      forks: forks.rows.map((f) => ({ seq: Number(f.seq), reason: f.reason })),
      verification: await verifyDesk(reader, registered),
    };
  } finally {
    await reader.end();
  }
}

let reader: LoginRole | null = null;
export async function readerClient(pg: PostgresFixture): Promise<pg.Client> {
  reader ??= await pg.createReader();
  return pg.connect(reader);
}

/** Zero lost, zero duplicated, chain intact centrally, nothing kept aside, desk ok. */
export async function expectCompleteAndIntact(
  pg: PostgresFixture,
  desk: TestDesk,
  expect: typeof import('vitest').expect,
): Promise<void> {
  const head = desk.localHead();
  const view = await centralView(pg, desk.name);
  expect(view).toMatchObject({ rows: head, distinct: head, maxSeq: head, forks: [] });
  expect(view.verification).toMatchObject({ state: 'ok', events: head, fromSeq: 1, headSeq: head, broken: null, forks: 0 });
}
