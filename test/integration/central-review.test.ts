/**
 * The review across desks against a real PostgreSQL: two desks forward their trails, a
 * supervisor reads every desk through the read-only role (pages newest first, each filter
 * kind, free text, one event with its link, the charts over the same events, each desk's
 * standing), the opening is on record locally, agents are refused, and a centre that does not
 * answer says so without touching the desk's own review.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/audit/audit-cli';
import { pgClientConfig } from '../../src/main/central-audit/central-connection';
import { CentralReview } from '../../src/main/central-audit/central-review-service';
import { createSessionStore, type AgentSession } from '../../src/main/session/session-store';
import { silentLogger } from '../../src/main/logger';
import { GuichetError } from '../../src/shared/result';
import type { AuditEventView } from '../../src/shared/audit-events';
import type { LoginRole } from '../../resources/central/postgres-fixture';
import { resetIntent } from '../support/audit-inputs';
import { AGENT, OTHER_AGENT, SUPERVISOR, accountViewed, signIn } from './support/audit-temp';
import { createTestDesk, upToDate, usePostgres, type TestDesk } from './support/central-desk';

const server = usePostgres();
let reader: LoginRole;
let north: TestDesk;
let south: TestDesk;
const session = createSessionStore();
const supervisor: AgentSession = { ...SUPERVISOR, dn: 'uid=chef,ou=people,dc=x', role: 'supervisor', online: true, signedInAt: '2026-03-01T08:00:00.000Z', locked: false };

function review(port = server.pg.port, desk: TestDesk = north): CentralReview {
  return new CentralReview({
    clientConfig: () =>
      pgClientConfig({ url: `postgres://127.0.0.1:${port}/${server.pg.database}?sslmode=disable`, user: reader.role, password: reader.password, connectTimeoutMs: 1_000, queryTimeoutMs: 2_000, applicationName: 'test' }),
    store: desk.store,
    session,
    logger: silentLogger,
    exportsDir: join(desk.audit.dir, 'exports'),
  });
}

/** A review opened by the supervisor for one test, closed after it whatever happens. */
async function asSupervisor(use: (r: CentralReview) => Promise<void>): Promise<void> {
  session.set(supervisor);
  const r = review();
  try {
    await use(r);
  } finally {
    await r.close();
  }
}

async function forward(desk: TestDesk): Promise<void> {
  const forwarder = desk.forwarder();
  await upToDate(forwarder);
  await forwarder.close();
}

beforeAll(async () => {
  reader = await server.pg.createReader();
  north = await createTestDesk(server.pg);
  south = await createTestDesk(server.pg);
  north.appendEvents(120);
  north.store.append({ ...accountViewed(OTHER_AGENT, { login: 'zoe.petit', dn: 'uid=zoe.petit,ou=people,dc=x' }), comment: 'appel du secrétariat de médecine' });
  south.appendEvents(80);
  // An operation: its intent and its outcome are one line of the review.
  const handle = south.store.beginIntent(resetIntent);
  south.store.settle(handle, 'success');
  // An intent that never got its outcome reads unknown.
  south.store.beginIntent({ ...resetIntent, agent: OTHER_AGENT });
  await forward(north);
  await forward(south);
});
afterAll(async () => {
  await north?.cleanup();
  await south?.cleanup();
});

async function everyPage(r: CentralReview, filter = {}): Promise<{ events: AuditEventView[]; pinnedAt: string }> {
  const first = await r.query({ filter, limit: 50 });
  const events = [...first.events];
  let cursor = first.nextCursor;
  while (cursor) {
    const next = await r.query({ filter, cursor, pinnedAt: first.pinnedAt, limit: 50 });
    events.push(...next.events);
    cursor = next.nextCursor;
  }
  return { events, pinnedAt: first.pinnedAt };
}

describe('review across desks (supervisor, read-only role)', () => {
  it('lists every desk newest first, page by page, each event once, and the charts count the same events', () =>
    asSupervisor(async (r) => {
      const { events, pinnedAt } = await everyPage(r);
      // 121 + 80 events, plus one operation (two rows shown once) and one open intent.
      expect(events).toHaveLength(121 + 80 + 1 + 1);
      expect(new Set(events.map((e) => `${e.desk}/${e.seq}`)).size).toBe(events.length);
      expect(new Set(events.map((e) => e.desk))).toEqual(new Set([north.name, south.name]));
      const times = events.map((e) => e.at);
      expect([...times].sort().reverse()).toEqual(times);
      const reset = events.filter((e) => e.action === 'password-reset');
      expect(reset.map((e) => e.outcome).sort()).toEqual(['success', 'unknown']);
      expect(reset.find((e) => e.outcome === 'unknown')).toMatchObject({ pending: true, desk: south.name });
      const stats = await r.stats({}, pinnedAt);
      expect(stats.total).toBe(events.length);
      expect(stats.perAgent.find((a) => a.login === AGENT.login)?.count).toBe(events.filter((e) => e.agent?.login === AGENT.login).length);
      expect(stats.perDay.reduce((n, d) => n + d.count, 0)).toBe(events.length);
    }));

  it('each filter kind: agent, agent prefix, account prefix, action, outcome, dates, free text (accents, case)', () =>
    asSupervisor(async (r) => {
      const count = async (filter: object) => (await everyPage(r, filter)).events.length;
      expect(await count({ agent: OTHER_AGENT.login })).toBe(2);
      expect(await count({ agentPrefix: 'pma' })).toBe(2);
      expect(await count({ targetPrefix: 'zoe' })).toBe(1);
      expect(await count({ action: 'password-reset' })).toBe(2);
      expect(await count({ outcome: 'unknown' })).toBe(1);
      expect(await count({ action: 'sign-in' })).toBe(60 + 40);
      expect(await count({ to: '2000-01-01' })).toBe(0);
      const text = await everyPage(r, { text: 'SECRÉTARIAT médecine' });
      expect(text.events.map((e) => [e.desk, e.comment])).toEqual([[north.name, 'appel du secrétariat de médecine']]);
      expect(await count({ text: '50%_' })).toBe(0);
      const stats = await r.stats({ action: 'password-reset' }, text.pinnedAt);
      expect(stats.total).toBe(2);
    }));

  it('one event of one desk with its link; the desks with their standing; the opening recorded on this desk', () =>
    asSupervisor(async (r) => {
      const before = north.localHead();
      const page = await r.query({ filter: { action: 'password-reset', outcome: 'success' }, opening: true });
      expect(north.localHead()).toBe(before + 1);
      const viewed = north.store.db.prepare('SELECT action, agent_login AS agent, details FROM events ORDER BY seq DESC LIMIT 1').get();
      expect(viewed).toEqual({ action: 'audit-viewed', agent: SUPERVISOR.login, details: JSON.stringify({ filter: { action: 'password-reset', outcome: 'success' }, view: 'central-review' }) });
      const outcome = page.events[0]!;
      const detail = await r.event(south.name, outcome.seq);
      expect(detail.event).toMatchObject({ desk: south.name, action: 'password-reset', outcome: 'success', intentSeq: outcome.intentSeq });
      expect(detail.intent).toMatchObject({ desk: south.name, seq: outcome.intentSeq, outcome: 'success' });
      await expect(r.event(north.name, 99_999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(page.desks.map((d) => [d.desk, d.state, d.forks])).toEqual(
        [[north.name, 'ok', 0], [south.name, 'ok', 0]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      );
      expect(page.desks.find((d) => d.desk === south.name)?.headSeq).toBe(south.localHead());
    }));

  it('the list is pinned: events the centre receives later stay out of its pages and its count', () =>
    asSupervisor(async (r) => {
      const first = await r.query({ filter: {}, limit: 10 });
      const pinnedTotal = (await r.stats({}, first.pinnedAt)).total;
      north.store.append(signIn(AGENT));
      await forward(north);
      expect((await r.stats({}, first.pinnedAt)).total).toBe(pinnedTotal);
      const rest = await r.query({ filter: {}, cursor: first.nextCursor!, pinnedAt: first.pinnedAt, limit: 200 });
      expect(first.events.length + rest.events.length).toBe(pinnedTotal);
      expect((await r.query({ filter: {} })).events.length).toBe(Math.min(200, pinnedTotal + 1));
    }));

  it('agents are refused; a forged cursor is refused; a centre that does not answer is CENTRAL_UNAVAILABLE, quickly', async () => {
    const r = review();
    const down = review(1);
    try {
      session.set({ ...supervisor, login: AGENT.login, role: 'agent' });
      await expect(r.query({ filter: {} })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      session.set(supervisor);
      await expect(r.query({ filter: {}, cursor: 'bm90LWEtY3Vyc29y', pinnedAt: new Date().toISOString() })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
      const started = Date.now();
      const error = await down.query({ filter: {} }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GuichetError);
      expect(error).toMatchObject({ code: 'CENTRAL_UNAVAILABLE' });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(new CentralReview({ clientConfig: null, store: north.store, session, logger: silentLogger, exportsDir: north.audit.dir }).available()).toBe(false);
      session.set({ ...supervisor, login: AGENT.login, role: 'agent' });
      await expect(r.suggest('agent', 'm')).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(r.export({ filter: {}, pinnedAt: new Date().toISOString(), format: 'jsonl' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      session.set(supervisor);
      await expect(down.suggest('target', 'zo')).rejects.toMatchObject({ code: 'CENTRAL_UNAVAILABLE' });
    } finally {
      await r.close();
      await down.close();
    }
  });

  it('suggests the logins the centre holds, from every desk: agents by login or name, accounts by prefix', () =>
    asSupervisor(async (r) => {
      // Paul Martin acts only on the south desk's intent and the north desk's one view: the centre knows him from both.
      expect(await r.suggest('agent', 'pma')).toEqual([{ login: OTHER_AGENT.login, displayName: OTHER_AGENT.displayName }]);
      expect(await r.suggest('agent', 'MART')).toEqual([{ login: OTHER_AGENT.login, displayName: OTHER_AGENT.displayName }]);
      expect((await r.suggest('agent', 'md')).map((s) => s.login)).toEqual([AGENT.login]);
      expect(await r.suggest('target', 'Zo')).toEqual([{ login: 'zoe.petit', displayName: null }]);
      expect(await r.suggest('target', 'jd')).toEqual([{ login: 'jdupont', displayName: null }]);
      expect(await r.suggest('target', 'nobody')).toEqual([]);
    }));

  it('exports every desk of the list as of its pin, one verifiable file per desk, recorded on this desk', () =>
    asSupervisor(async (r) => {
      const page = await r.query({ filter: {} });
      const listed = (await r.stats({}, page.pinnedAt)).total;
      // Arrives after the list was read: not in its export.
      south.store.append(signIn(OTHER_AGENT));
      await forward(south);
      const before = north.localHead();
      const done = await r.export({ filter: {}, pinnedAt: page.pinnedAt, format: 'jsonl' });
      expect(done.operations).toBe(listed);
      expect(done.desks.map((d) => d.desk).sort()).toEqual([north.name, south.name].sort());
      expect(readdirSync(done.folder).sort()).toEqual(done.desks.map((d) => d.file).sort());
      const southFile = done.desks.find((d) => d.desk === south.name)!;
      expect(southFile.toSeq).toBe(south.localHead() - 1);
      for (const d of done.desks) {
        const lines = readFileSync(join(done.folder, d.file), 'utf8').trim().split('\n');
        expect(lines).toHaveLength(d.count + 1);
        expect(JSON.parse(lines[0]!)).toMatchObject({ count: d.count, workstation: d.desk, filter: { desk: d.desk, receivedUpTo: page.pinnedAt } });
        const out: string[] = [];
        // Whole and chained; not signed (the centre holds no desk's key): exit 3.
        expect(await runCli(['verify', join(done.folder, d.file)], { out: (l) => out.push(l), err: () => undefined })).toBe(3);
        expect(out.join('\n')).toMatch(new RegExp(`^Intègre : export JSONL de ${d.count} événement`));
      }
      expect(done.count).toBe(done.desks.reduce((n, d) => n + d.count, 0));
      const recorded = north.store.db.prepare('SELECT outcome, details FROM events WHERE seq > ? ORDER BY seq').all(before) as Array<{ outcome: string; details: string }>;
      expect(recorded.map((e) => e.outcome)).toEqual(['pending', 'success']);
      expect(JSON.parse(recorded[1]!.details)).toMatchObject({ via: 'console', format: 'jsonl', count: done.count, fileName: done.folder.split('/').at(-1) });
      expect(r.exportProgress()).toMatchObject({ running: false, written: done.count, total: listed });
      const csv = await r.export({ filter: { action: 'sign-in' }, pinnedAt: page.pinnedAt, format: 'csv', separator: ';' });
      expect(csv.operations).toBe((await r.stats({ action: 'sign-in' }, page.pinnedAt)).total);
      expect(csv.count).toBe(csv.operations);
      expect(readFileSync(join(csv.folder, csv.desks[0]!.file), 'utf8').split('\n')[1]).toContain(';');
    }));
});
