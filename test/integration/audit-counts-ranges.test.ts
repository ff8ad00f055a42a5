/**
 * The charts (count tables per month, day and hour, local 0008-0009 and central 0006-0008)
 * against a plain GROUP BY of the events, for random ranges with minute edges across hour,
 * day and month boundaries: rows arriving after the pin (dated inside the ranges), intents
 * settled at once, later or after the pin, left open; the local retention purge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditFilter } from '../../src/shared/audit-events';
import type { AuditStore } from '../../src/main/audit/audit-store';
import type { IntentHandle } from '../../src/main/audit/event-preparer';
import type { CentralFilter } from '../../src/main/central-audit/central-filter';
import { eventStats, groupedStats } from '../../src/main/audit/audit-query';
import { centralStats } from '../../src/main/central-audit/central-stats';
import { groupedStats as centralGrouped } from '../../src/main/central-audit/central-review-queries';
import { resetIntent } from '../support/audit-inputs';
import { AGENT, OTHER_AGENT, SUPERVISOR, accountViewed, signIn, tempAudit, type TempAudit } from './support/audit-temp';
import { createTestDesk, readerClient, upToDate, usePostgres, type TestDesk } from './support/central-desk';

const supervisor = { login: SUPERVISOR.login, role: 'supervisor' as const };
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The trail's span: from late January to early March, across two month ends. */
const START = Date.parse('2026-01-29T20:13:00.000Z');
const END = Date.parse('2026-03-05T00:00:00.000Z');
const THIRD_AGENT = { login: 'pmoreau', displayName: 'Pierre Moreau' };
const AGENTS = [AGENT, OTHER_AGENT, THIRD_AGENT];

/** A small deterministic generator (mulberry32): the same ranges at every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A clock moving 10 to 70 minutes per event from `at`, which a test can set back. */
function clock(rand: () => number, at: number) {
  const c = { at, now: () => new Date((c.at += Math.floor((10 + rand() * 60) * MINUTE))) };
  return c;
}

/** `steps` events by three agents: views with every outcome, sign-ins, operations settled at once, left open, or settling an older one. */
function activity(store: AuditStore, rand: () => number, steps: number, open: IntentHandle[]): void {
  for (let i = 0; i < steps; i += 1) {
    const agent = AGENTS[Math.floor(rand() * AGENTS.length)]!;
    const r = rand();
    if (r < 0.3) store.append(signIn(agent));
    else if (r < 0.6) store.append({ ...accountViewed(agent), outcome: (['success', 'denied', 'failure', 'unknown'] as const)[Math.floor(rand() * 4)]! });
    else if (r < 0.75) store.settle(store.beginIntent({ ...resetIntent, agent }), rand() < 0.7 ? 'success' : 'failure');
    else if (r < 0.9 || open.length === 0) open.push(store.beginIntent({ ...resetIntent, agent }));
    else store.settle(open.splice(Math.floor(rand() * open.length), 1)[0]!, rand() < 0.5 ? 'success' : 'unknown');
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
const EXTRA: AuditFilter[] = [
  {},
  {},
  { outcome: 'unknown' },
  { outcome: 'success' },
  { action: 'password-reset' },
  { agent: AGENT.login },
  { agentPrefix: 'pm' },
  { outcome: 'failure', agent: OTHER_AGENT.login },
];

/** A bound at a random minute, or snapped to an hour, a day, a month start; sometimes a date only. */
function bound(rand: () => number, ms: number): string {
  const r = rand();
  if (r < 0.4) return iso(Math.floor(ms / MINUTE) * MINUTE);
  if (r < 0.6) return iso(Math.floor(ms / HOUR) * HOUR);
  if (r < 0.75) return iso(Math.floor(ms / DAY) * DAY);
  if (r < 0.85) return `${iso(ms).slice(0, 7)}-01T00:00:00.000Z`;
  return iso(ms).slice(0, 10);
}

/** `n` filters: random ranges (a few minutes to weeks, sometimes open on one side) with the filters the counts answer. */
function randomFilters(seed: number, n: number): AuditFilter[] {
  const rand = random(seed);
  return Array.from({ length: n }, () => {
    const from = START - DAY + rand() * (END - START + DAY);
    const length = rand() < 0.3 ? rand() * 6 * HOUR : rand() * 30 * DAY;
    const side = rand();
    const range = { ...(side < 0.1 ? {} : { from: bound(rand, from) }), ...(side > 0.9 ? {} : { to: bound(rand, from + length) }) };
    return { ...EXTRA[Math.floor(rand() * EXTRA.length)]!, ...range };
  });
}

describe('local charts over random ranges', () => {
  let audit: TempAudit;
  const rand = random(7);
  const time = clock(rand, START);
  const open: IntentHandle[] = [];
  beforeAll(() => {
    audit = tempAudit({ now: time.now });
    activity(audit.store, rand, 1_200, open);
  });
  afterAll(() => audit.cleanup());

  const expectGroupBy = (filters: AuditFilter[]) => {
    for (const filter of filters) expect(eventStats(audit.store.db, filter, supervisor), JSON.stringify(filter)).toEqual(groupedStats(audit.store.db, filter, supervisor));
  };

  it('give the GROUP BY figures, then after the retention purge, then as of a pin with rows dated inside the ranges after it', () => {
    expect(time.at).toBeGreaterThan(Date.parse('2026-03-01T00:00:00.000Z'));
    expectGroupBy(randomFilters(1, 120));
    const purged = audit.store.purgeExpired({ retentionDays: 20, now: new Date(time.at) });
    expect(purged.count).toBeGreaterThan(100);
    // Intents the purge took can no longer be settled.
    open.splice(0, open.length, ...open.filter((h) => h.seq > purged.anchorSeq!));
    expectGroupBy(randomFilters(2, 80));
    const upToSeq = audit.store.db.prepare('SELECT max(seq) FROM events').pluck().get() as number;
    const asOfPin = randomFilters(3, 80).map((f) => ({ ...f, upToSeq }));
    // Back in time (still after the purge's cutoff, before a month end): later rows land inside the ranges; the open intents settle.
    time.at = Date.parse('2026-02-24T03:00:00.000Z');
    activity(audit.store, rand, 200, open);
    for (const handle of open.splice(0)) audit.store.settle(handle, 'success');
    // As of the pin: an intent settled since is hidden from the GROUP BY too (the list's settled test).
    expectGroupBy(asOfPin);
    expectGroupBy(randomFilters(4, 60));
  });
});

describe('central charts over random ranges', () => {
  const server = usePostgres();
  let north: TestDesk;
  let south: TestDesk;
  const rand = random(11);
  const southTime = clock(rand, START);
  const southOpen: IntentHandle[] = [];
  const forward = async (desk: TestDesk) => {
    const forwarder = desk.forwarder({ batchSize: 40 });
    await upToDate(forwarder);
    await forwarder.close();
  };
  beforeAll(async () => {
    north = await createTestDesk(server.pg, { now: clock(rand, START).now });
    south = await createTestDesk(server.pg, { now: () => southTime.now() });
    activity(north.store, rand, 900, []);
    activity(south.store, rand, 300, southOpen);
    await forward(north);
    await forward(south);
  });
  afterAll(async () => {
    await north?.cleanup();
    await south?.cleanup();
  });

  it('give the GROUP BY figures, as of a pin while rows dated inside the ranges arrive after it, and at a later pin', async () => {
    const client = await readerClient(server.pg);
    const pinOf = async () => (await client.query<{ t: string }>("SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS t")).rows[0]!.t;
    const expectGroupBy = async (filters: CentralFilter[], pin: string) => {
      for (const filter of filters) expect(await centralStats(client, filter, pin), JSON.stringify(filter)).toEqual(await centralGrouped(client, filter, pin));
    };
    try {
      const pin = await pinOf();
      const filters = randomFilters(5, 100);
      await expectGroupBy(filters, pin);
      // South, whose clock is behind north's, sends rows dated inside the ranges after the pin, and settles its open intents.
      expect(southTime.at).toBeLessThan(END - 10 * DAY);
      activity(south.store, rand, 200, southOpen);
      for (const handle of southOpen.splice(0)) south.store.settle(handle, 'failure');
      await forward(south);
      // As of the pin (an intent settled since is hidden from the GROUP BY too, as the review's SETTLED test has it).
      await expectGroupBy(filters, pin);
      await expectGroupBy(randomFilters(6, 60), await pinOf());
    } finally {
      await client.end();
    }
  });
});
