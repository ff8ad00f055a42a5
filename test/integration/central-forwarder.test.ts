/**
 * The desk's forwarder against a real PostgreSQL, and its faults: the centre down at start,
 * killed mid-batch, a stalled connection, a crash between the central commit and the local
 * watermark, a wrong CA. Each ends with nothing lost, nothing duplicated, the chain verified
 * centrally, the desk's own appends unaffected and a plain French status.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTestCa } from '../../resources/directory/fixture';
import { forwardingLine } from '../../src/shared/audit-forwarding';
import { LocalTrail } from '../../src/main/central-audit/local-trail';
import { startStallingProxy } from './support/stalling-proxy';
import { accountViewed } from './support/audit-temp';
import { centralView, createTestDesk, eventually, expectCompleteAndIntact, upToDate, usePostgres, type TestDesk } from './support/central-desk';

const server = usePostgres();
let desk: TestDesk | null = null;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  await desk?.cleanup();
  desk = null;
  for (const c of cleanups.splice(0)) await c();
  // A test that failed with the server down must not take the next ones with it.
  if (!server.pg.running) await server.pg.restart();
});

async function newDesk(options: Parameters<typeof createTestDesk>[1] = {}): Promise<TestDesk> {
  desk = await createTestDesk(server.pg, options);
  return desk;
}

const line = (f: { status(): Parameters<typeof forwardingLine>[1] }) => forwardingLine("Centre d’audit", f.status());

/** A desk action during the fault: written at once, in the local chain. */
function deskActionStillWorks(d: TestDesk): void {
  const before = d.localHead();
  const written = d.store.append(accountViewed());
  expect(written.seq).toBe(before + 1);
}

describe('forwarding the trail to the centre', () => {
  it('sends every event once, in batches; the centre re-checks the chain; new events follow; the public key is registered', async () => {
    const d = await newDesk();
    d.appendEvents(1_234);
    const key = Buffer.alloc(32, 7).toString('base64');
    const forwarder = d.forwarder({ batchSize: 200, publicKey: () => key });
    await upToDate(forwarder);
    await expectCompleteAndIntact(server.pg, d, expect);
    expect(line(forwarder)).toBe("Centre d’audit : à jour");
    d.appendEvents(7);
    await eventually(async () => (await centralView(server.pg, d.name)).rows === 1_241, 'the new events reach the centre');
    await expectCompleteAndIntact(server.pg, d, expect);
    const { rows } = await server.pg.admin('SELECT d.public_key, k.public_key AS history FROM guichet.desks d JOIN guichet.desk_keys k ON k.desk = d.id WHERE d.id = $1', [d.name]);
    expect(rows).toEqual([{ public_key: key, history: key }]);
    await upToDate(forwarder);
    expect(new LocalTrail(d.store.db, 'central').watermark()).toBe(1_241);
    expect(forwarder.anchorStatus()).toMatchObject({ state: 'ok', kind: null });
  });
});

describe('faults', () => {
  it('the centre down when the desk starts: the desk works as before, says so in French, and catches up when it is back', async () => {
    const d = await newDesk();
    d.appendEvents(20);
    await server.pg.kill();
    {
      const forwarder = d.forwarder();
      await eventually(() => forwarder.status().state === 'down', 'the forwarder reports the centre down');
      for (let i = 0; i < 30; i += 1) deskActionStillWorks(d);
      expect(forwarder.status()).toMatchObject({ state: 'down', pending: 50, problem: 'unreachable', since: expect.any(String) });
      expect(line(forwarder)).toMatch(/^Centre d’audit : injoignable depuis \d\d h \d\d — 50 événements en attente, envoyés dès son retour$/);
      expect(forwarder.anchorStatus().state).toBe('unchecked');
      await forwarder.close();
    }
    await server.pg.restart();
    const forwarder = d.forwarder();
    await upToDate(forwarder);
    await expectCompleteAndIntact(server.pg, d, expect);
  });

  it('PostgreSQL killed mid-batch: the batch in flight is rolled back and sent again, nothing lost or doubled', async () => {
    const d = await newDesk();
    d.appendEvents(20_000);
    let killedAt: number | null = null;
    const forwarder = d.forwarder({
      batchSize: 500,
      onDelivered: ({ lastSeq }) => {
        // The next batch is sent as soon as this returns: the server dies under it.
        if (killedAt === null && lastSeq >= 3_000) {
          killedAt = lastSeq;
          void server.pg.kill();
        }
      },
    });
    await eventually(() => forwarder.status().state === 'down', 'the forwarder notices the crash');
    expect(killedAt).not.toBeNull();
    for (let i = 0; i < 5; i += 1) deskActionStillWorks(d);
    await server.pg.restart();
    await upToDate(forwarder, 40_000);
    await expectCompleteAndIntact(server.pg, d, expect);
  });

  it('a stalled connection (the answer to an insert never comes): abandoned after the query timeout, the batch sent again and skipped', async () => {
    const proxy = await startStallingProxy({ host: '127.0.0.1', port: server.pg.port });
    cleanups.push(() => proxy.close());
    proxy.match = (chunk) => chunk.includes('guichet-insert-events');
    proxy.skip = 1;
    proxy.next = 'drop-response';
    const port = new URL(proxy.url).port;
    const d = await newDesk({ url: `postgres://127.0.0.1:${port}/${server.pg.database}?sslmode=disable`, config: { queryTimeoutMs: 1_000 } });
    d.appendEvents(1_500);
    // A long backoff: the state after the timeout stays put while the test looks at it.
    const forwarder = d.forwarder({ batchSize: 500, backoff: { firstMs: 3_000, maxMs: 3_000 } });
    await proxy.held();
    deskActionStillWorks(d);
    await eventually(() => forwarder.status().state === 'down', 'the stalled insert is abandoned');
    expect(forwarder.status().problem).toBe('timeout');
    expect(line(forwarder)).toMatch(/^Centre d’audit : ne répond plus depuis/);
    // The centre committed the batch whose answer was lost; the watermark is behind it.
    expect((await centralView(server.pg, d.name)).maxSeq).toBe(1_000);
    expect(new LocalTrail(d.store.db, 'central').watermark()).toBe(500);
    await upToDate(forwarder);
    await expectCompleteAndIntact(server.pg, d, expect);
  });

  it('a crash between the central commit and the local watermark write: the next start resends, the centre skips what it holds', async () => {
    const d = await newDesk();
    d.appendEvents(1_500);
    const first = d.forwarder({
      batchSize: 500,
      afterCentralCommit: (lastSeq) => {
        if (lastSeq === 1_000) {
          void first.close();
          throw new Error('simulated crash after the central commit');
        }
      },
    });
    await eventually(async () => (await centralView(server.pg, d.name)).maxSeq === 1_000, 'the second batch is committed centrally');
    await first.close();
    expect(new LocalTrail(d.store.db, 'central').watermark()).toBe(500);
    // The desk starts again: its store is reopened, a new forwarder resumes from the watermark.
    d.store.close();
    d.audit.open();
    const again = d.forwarder({ batchSize: 500 });
    await upToDate(again);
    await expectCompleteAndIntact(server.pg, d, expect);
  });

  it('a certificate from another CA: refused, said so, nothing sent; with the right CA everything goes', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'guichet-wrong-ca-'));
    cleanups.push(() => rmSync(scratch, { recursive: true, force: true }));
    const wrong = generateTestCa(scratch, 'localhost');
    const url = `postgres://localhost:${server.pg.port}/${server.pg.database}?sslmode=verify-full`;
    const d = await newDesk({ url, config: { caFile: wrong.caFile } });
    d.appendEvents(40);
    const refused = d.forwarder();
    await eventually(() => refused.status().state === 'down', 'the wrong certificate is refused');
    expect(refused.status()).toMatchObject({ problem: 'tls-refused', pending: 40 });
    expect(line(refused)).toMatch(/^Centre d’audit : certificat refusé depuis .* — 40 événements en attente/);
    deskActionStillWorks(d);
    const { rows } = await server.pg.admin('SELECT count(*)::int AS n FROM guichet.desks WHERE id = $1', [d.name]);
    expect(rows[0]!.n).toBe(0);
    await refused.close();
    const right = d.forwarder({ config: { caFile: server.pg.caFile } });
    await upToDate(right);
    await expectCompleteAndIntact(server.pg, d, expect);
  });
});
