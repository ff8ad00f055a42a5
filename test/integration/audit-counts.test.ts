/**
 * The charts' count tables (local migration 0008, central 0006) against the GROUP BY of the
 * events they replace: the same figures for every filter they answer, with partial days at
 * a range's ends, operations (an intent settled in the same write or a later one, an intent
 * still open), the list's pin, and the local retention purge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventInput } from '../../src/shared/audit-events';
import type { CentralFilter } from '../../src/main/central-audit/central-filter';
import { eventStats, groupedStats } from '../../src/main/audit/audit-query';
import { centralStats } from '../../src/main/central-audit/central-stats';
import { groupedStats as centralGrouped } from '../../src/main/central-audit/central-review-queries';
import { resetIntent } from '../support/audit-inputs';
import { AGENT, OTHER_AGENT, SUPERVISOR, accountViewed, signIn, tempAudit, type TempAudit } from './support/audit-temp';
import { createTestDesk, readerClient, upToDate, usePostgres, type TestDesk } from './support/central-desk';

const supervisor = { login: SUPERVISOR.login, role: 'supervisor' as const };
const HOUR = 3_600_000;
const START = Date.parse('2026-03-02T06:00:00.000Z');

/** A clock that moves 7 hours per event: days fill and end mid-operation. */
const stepping = () => {
  let now = START;
  return () => new Date((now += 7 * HOUR));
};

/** Days of mixed activity by two agents, operations settled at once, settled later, and left open. */
function activity(write: { append(e: AuditEventInput): unknown; beginIntent(e: typeof resetIntent): { seq: number }; settle(h: never, o: 'success' | 'failure'): unknown }, rounds: number): void {
  for (let i = 0; i < rounds; i += 1) {
    write.append(signIn(i % 2 ? AGENT : OTHER_AGENT));
    write.append({ ...accountViewed(OTHER_AGENT), outcome: i % 3 === 0 ? 'denied' : 'success' });
    const settled = write.beginIntent({ ...resetIntent, agent: i % 2 ? AGENT : OTHER_AGENT });
    write.settle(settled as never, i % 4 === 0 ? 'failure' : 'success');
    if (i % 5 === 0) write.beginIntent(resetIntent);
  }
}

const FILTERS: CentralFilter[] = [
  {},
  { from: '2026-03-04' },
  { to: '2026-03-06' },
  { from: '2026-03-03T10:30:00.000Z', to: '2026-03-07T02:00:00.000Z' },
  { from: '2026-03-05T01:00:00.000Z', to: '2026-03-05T20:00:00.000Z' },
  { agent: AGENT.login },
  { agentPrefix: 'pm', from: '2026-03-04T12:00:00.000Z' },
  { action: 'password-reset' },
  { action: 'password-reset', outcome: 'unknown' },
  { outcome: 'unknown', from: '2026-03-03' },
  { outcome: 'denied', agent: OTHER_AGENT.login },
  { outcome: 'success', action: 'account-viewed', to: '2026-03-08T05:00:00.000Z' },
];

describe('local counts', () => {
  let audit: TempAudit;
  beforeAll(() => {
    audit = tempAudit({ now: stepping() });
    activity(audit.store, 12);
  });
  afterAll(() => audit.cleanup());

  it('give the GROUP BY figures for every filter they answer', () => {
    for (const filter of FILTERS) expect(eventStats(audit.store.db, filter, supervisor), JSON.stringify(filter)).toEqual(groupedStats(audit.store.db, filter, supervisor));
    expect(eventStats(audit.store.db, {}, supervisor).perDay.length).toBeGreaterThan(5);
  });

  it('take out what was written after the list’s pin', () => {
    const upToSeq = audit.store.db.prepare('SELECT max(seq) FROM events').pluck().get() as number;
    const before = groupedStats(audit.store.db, { upToSeq }, supervisor);
    activity(audit.store, 3);
    expect(eventStats(audit.store.db, { upToSeq }, supervisor)).toEqual(before);
    expect(eventStats(audit.store.db, { upToSeq, from: '2026-03-03T10:30:00.000Z' }, supervisor)).toEqual(groupedStats(audit.store.db, { upToSeq, from: '2026-03-03T10:30:00.000Z' }, supervisor));
    expect(eventStats(audit.store.db, {}, supervisor).total).toBeGreaterThan(before.total);
  });

  it('follow the retention purge', () => {
    const last = audit.store.db.prepare('SELECT max(at) FROM events').pluck().get() as string;
    const result = audit.store.purgeExpired({ retentionDays: 4, now: new Date(last) });
    expect(result.count).toBeGreaterThan(0);
    for (const filter of FILTERS) expect(eventStats(audit.store.db, filter, supervisor), JSON.stringify(filter)).toEqual(groupedStats(audit.store.db, filter, supervisor));
  });
});

describe('central counts', () => {
  const server = usePostgres();
  let north: TestDesk;
  let south: TestDesk;
  const forward = async (desk: TestDesk) => {
    const forwarder = desk.forwarder({ batchSize: 7 });
    await upToDate(forwarder);
    await forwarder.close();
  };
  beforeAll(async () => {
    north = await createTestDesk(server.pg, { now: stepping() });
    south = await createTestDesk(server.pg, { now: stepping() });
    activity(north.store, 10);
    activity(south.store, 6);
    // Batches of 7: some intents arrive in one batch and their outcome in the next.
    await forward(north);
    await forward(south);
  });
  afterAll(async () => {
    await north?.cleanup();
    await south?.cleanup();
  });

  it('give the GROUP BY figures for every filter they answer, as of a pin', async () => {
    const client = await readerClient(server.pg);
    try {
      const pin = (await client.query<{ t: string }>("SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS t")).rows[0]!.t;
      const before = await centralGrouped(client, {}, pin);
      for (const filter of FILTERS) expect(await centralStats(client, filter, pin), JSON.stringify(filter)).toEqual(await centralGrouped(client, filter, pin));
      // Three lines a round (an operation is one line, by its outcome), and the intents left open.
      expect(before.total).toBe(3 * (10 + 6) + 2 + 2);
      // Rows arriving after the pin (one of them settles nothing, others open and settle) change nothing as of that pin.
      activity(south.store, 3);
      await forward(south);
      for (const filter of FILTERS) expect(await centralStats(client, filter, pin), JSON.stringify(filter)).toEqual(await centralGrouped(client, filter, pin));
      expect(await centralStats(client, {}, pin)).toEqual(before);
      const now = new Date(Date.now() + 1_000).toISOString();
      expect((await centralStats(client, {}, now)).total).toBe(before.total + 3 * 3 + 1);
    } finally {
      await client.end();
    }
  });
});
