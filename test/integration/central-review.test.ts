/**
 * The review across desks against a real PostgreSQL: two desks forward their trails, a
 * supervisor reads every desk through the read-only role (pages newest first, each filter
 * kind, free text, one event with its link, the charts over the same events, each desk's
 * standing), the opening is on record locally, agents are refused, and a centre that does not
 * answer says so without touching the desk's own review.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  });
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
  it('lists every desk newest first, page by page, each event once, and the charts count the same events', async () => {
    session.set(supervisor);
    const r = review();
    try {
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
    } finally {
      await r.close();
    }
  });

  it('each filter kind: agent, agent prefix, account prefix, action, outcome, dates, free text (accents, case)', async () => {
    session.set(supervisor);
    const r = review();
    try {
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
    } finally {
      await r.close();
    }
  });

  it('one event of one desk with its link; the desks with their standing; the opening recorded on this desk', async () => {
    session.set(supervisor);
    const r = review();
    try {
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
    } finally {
      await r.close();
    }
  });

  it('the list is pinned: events the centre receives later stay out of its pages and its count', async () => {
    session.set(supervisor);
    const r = review();
    try {
      const first = await r.query({ filter: {}, limit: 10 });
      const pinnedTotal = (await r.stats({}, first.pinnedAt)).total;
      north.store.append(signIn(AGENT));
      await forward(north);
      expect((await r.stats({}, first.pinnedAt)).total).toBe(pinnedTotal);
      const rest = await r.query({ filter: {}, cursor: first.nextCursor!, pinnedAt: first.pinnedAt, limit: 200 });
      expect(first.events.length + rest.events.length).toBe(pinnedTotal);
      expect((await r.query({ filter: {} })).events.length).toBe(Math.min(200, pinnedTotal + 1));
    } finally {
      await r.close();
    }
  });

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
      expect(new CentralReview({ clientConfig: null, store: north.store, session, logger: silentLogger }).available()).toBe(false);
    } finally {
      await r.close();
      await down.close();
    }
  });
});
