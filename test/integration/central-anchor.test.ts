/**
 * The external anchor on a real PostgreSQL: a desk whose data folder is restored from an
 * older copy, whose newest events are deleted, or whose last event is rewritten, finds its
 * trail shorter than, or diverging from, what the centre holds: an alarm on the desk (status,
 * banner text), a recorded audit event, the desk marked at the centre, and nothing lost.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { anchorAlarmText } from '../../src/shared/audit-forwarding';
import { chainHashHex } from '../../src/main/audit/audit-chain';
import { anchorAlarmEvent } from '../../src/main/central-audit/anchor-alarm';
import type { AnchorFinding } from '../../src/main/central-audit/central-forwarder';
import { LocalTrail } from '../../src/main/central-audit/local-trail';
import { tamper } from './support/audit-temp';
import { centralView, createTestDesk, eventually, upToDate, usePostgres, type TestDesk } from './support/central-desk';

const server = usePostgres();
let desk: TestDesk | null = null;
const scratch: string[] = [];
afterEach(async () => {
  await desk?.cleanup();
  desk = null;
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A desk with `n` events, all forwarded; the forwarder closed. */
async function forwardedDesk(n: number): Promise<TestDesk> {
  desk = await createTestDesk(server.pg);
  desk.appendEvents(n);
  const forwarder = desk.forwarder();
  await upToDate(forwarder);
  await forwarder.close();
  return desk;
}

/** Starts a forwarder whose alarms are recorded as the console records them. */
async function anchoredForwarder(d: TestDesk, more: { anchorEveryMs?: number } = {}) {
  const findings: AnchorFinding[] = [];
  const forwarder = d.forwarder({
    ...more,
    onAlarm: (finding) => {
      findings.push(finding);
      d.store.append(anchorAlarmEvent(finding));
    },
  });
  await eventually(() => forwarder.anchorStatus().state !== 'unchecked', 'the anchor is checked at connection');
  return { forwarder, findings };
}

const alarmsAtCentre = async (d: TestDesk) =>
  (await server.pg.admin('SELECT kind, central_seq::int, local_seq::int FROM guichet.desk_alarms WHERE desk = $1 ORDER BY id', [d.name])).rows;

const localAlarmEvents = (d: TestDesk) =>
  (d.store.db.prepare("SELECT details FROM events WHERE action = 'audit-anchor-alarm'").pluck().all() as string[]).map((t) => JSON.parse(t));

/** Every local event is at the centre with its hash, in the chain or kept aside as a fork. */
async function nothingLost(d: TestDesk): Promise<void> {
  const local = new LocalTrail(d.store.db, 'central').after(0, 100_000).map((r) => `${r.seq}:${r.hash}`);
  const { rows } = await server.pg.admin<{ k: string }>(
    `SELECT seq || ':' || encode(hash, 'hex') AS k FROM guichet.events WHERE desk = $1
     UNION SELECT seq || ':' || encode(hash, 'hex') FROM guichet.event_forks WHERE desk = $1`,
    [d.name],
  );
  const central = new Set(rows.map((r) => r.k));
  expect(local.filter((k) => !central.has(k))).toEqual([]);
}

describe('the external anchor', () => {
  it('a data folder restored from an older copy: shorter than the centre, alarm recorded, desk marked regressed, new events kept', async () => {
    const d = await forwardedDesk(100);
    d.store.close();
    const backup = mkdtempSync(join(tmpdir(), 'guichet-backup-'));
    scratch.push(backup);
    cpSync(d.audit.dir, backup, { recursive: true });
    d.audit.open();
    d.appendEvents(50);
    const later = d.forwarder();
    await upToDate(later);
    await later.close();
    d.store.close();
    // The older copy is put back over the folder, as someone with the disk could.
    for (const name of readdirSync(d.audit.dir)) if (!existsSync(join(backup, name))) rmSync(join(d.audit.dir, name));
    cpSync(backup, d.audit.dir, { recursive: true });
    d.audit.open();
    expect(d.localHead()).toBe(100);

    const { forwarder, findings } = await anchoredForwarder(d);
    expect(forwarder.anchorStatus()).toMatchObject({ state: 'alarm', kind: 'shorter', centralSeq: 150, localSeq: 100 });
    expect(findings).toEqual([expect.objectContaining({ kind: 'shorter', centralSeq: 150, localSeq: 100, centralState: 'regressed' })]);
    expect(anchorAlarmText(forwarder.anchorStatus())).toMatch(/^Alerte d’intégrité : le journal de ce poste est plus court que ce que détient le centre d’audit \(n° 150 au centre, 100 sur ce poste\)/);
    expect(localAlarmEvents(d)).toEqual([
      { kind: 'shorter', centralSeq: 150, centralHash: expect.stringMatching(/^[0-9a-f]{64}$/), localSeq: 100, localHash: null, centralState: 'regressed' },
    ]);
    expect(await alarmsAtCentre(d)).toEqual([{ kind: 'shorter', central_seq: 150, local_seq: 100 }]);
    // The alarm event itself (seq 101 here, another 101 at the centre) is kept aside, not lost.
    await eventually(async () => (await centralView(server.pg, d.name)).forks.length > 0, 'the new branch reaches the centre');
    const view = await centralView(server.pg, d.name);
    expect(view.verification).toMatchObject({ state: 'regressed', headSeq: 150, broken: null });
    expect(view.forks[0]).toEqual({ seq: 101, reason: 'diverged' });
    await upToDate(forwarder);
    await nothingLost(d);
  });

  it('the newest events deleted from the desk: shorter, the watermark follows the trail down, what comes next still reaches the centre', async () => {
    const d = await forwardedDesk(60);
    tamper(d.audit.path, (db) => db.exec('DELETE FROM events WHERE seq > 50'));
    const { forwarder, findings } = await anchoredForwarder(d);
    expect(findings).toEqual([expect.objectContaining({ kind: 'shorter', centralSeq: 60, localSeq: 50 })]);
    d.appendEvents(3);
    await upToDate(forwarder);
    expect(new LocalTrail(d.store.db, 'central').watermark()).toBe(d.localHead());
    await nothingLost(d);
    expect((await centralView(server.pg, d.name)).forks.map((f) => f.reason)).toEqual(['diverged', 'diverged', 'diverged', 'diverged']);
  });

  it('the last event rewritten with its hash recomputed: diverged, desk marked forked; recorded once per finding, not at every check', async () => {
    const d = await forwardedDesk(30);
    tamper(d.audit.path, (db) => {
      const [last] = new LocalTrail(db, 'central').after(29, 1);
      const hash = chainHashHex(last!.prevHash, { ...last!, comment: 'effacé' });
      db.prepare("UPDATE events SET comment = 'effacé', hash = ? WHERE seq = 30").run(Buffer.from(hash, 'hex'));
    });
    const { forwarder, findings } = await anchoredForwarder(d, { anchorEveryMs: 100 });
    expect(forwarder.anchorStatus()).toMatchObject({ state: 'alarm', kind: 'diverged', centralSeq: 30, localSeq: 30 });
    expect(anchorAlarmText(forwarder.anchorStatus())).toMatch(/diffère de ce que détient le centre/);
    expect(await alarmsAtCentre(d)).toEqual([{ kind: 'diverged', central_seq: 30, local_seq: 30 }]);
    expect((await centralView(server.pg, d.name)).verification.state).toBe('forked');
    const checkedAt = forwarder.anchorStatus().checkedAt;
    await eventually(() => forwarder.anchorStatus().checkedAt !== checkedAt, 'a periodic check runs');
    await upToDate(forwarder);
    expect(findings).toHaveLength(1);
    expect(localAlarmEvents(d)).toHaveLength(1);
    await forwarder.close();
    // The centre's head is still 30 (the alarm went aside): the desk says so again at its next start.
    const again = await anchoredForwarder(d);
    expect(again.findings.map((f) => f.kind)).toEqual(['diverged']);
    expect(localAlarmEvents(d)).toHaveLength(2);
    // The centre keeps the finding once, however many checks report it.
    expect(await alarmsAtCentre(d)).toEqual([{ kind: 'diverged', central_seq: 30, local_seq: 30 }]);
  });

  it('an intact desk: anchor ok, no alarm anywhere', async () => {
    const d = await forwardedDesk(25);
    d.appendEvents(5);
    const { forwarder, findings } = await anchoredForwarder(d);
    expect(forwarder.anchorStatus()).toMatchObject({ state: 'ok', centralSeq: 25, localSeq: 30 });
    expect(findings).toEqual([]);
    expect(await alarmsAtCentre(d)).toEqual([]);
    expect(anchorAlarmText(forwarder.anchorStatus())).toBeNull();
  });
});
