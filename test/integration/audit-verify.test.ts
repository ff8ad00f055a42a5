import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { AGENT, accountViewed, signIn, swapRows, tamper, tempAudit, type TempAudit } from './support/audit-temp';

let audit: TempAudit;
afterEach(() => audit?.cleanup());

/** The real command line, as a child process (plain node through the bin shim). */
async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const bin = join(process.cwd(), 'bin', 'guichet-audit.mjs');
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...argv]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Ten events: sign-ins and account views. */
function seeded(): TempAudit {
  audit = tempAudit();
  for (let i = 0; i < 10; i += 1) audit.store.append(i % 2 ? accountViewed() : signIn());
  return audit;
}

describe('verify detects tampering and names the first bad sequence number', () => {
  it('an intact chain verifies, with its head pinned by the signed checkpoint', async () => {
    const { store } = seeded();
    expect(await store.verify({ full: true })).toEqual({
      intact: true,
      mode: 'full',
      events: 10,
      headSeq: 10,
      fromSeq: 1,
      checkpoint: 'signed',
    });
  });

  it('an edited event', async () => {
    const { store, path } = seeded();
    tamper(path, (db) => db.prepare(`UPDATE events SET details = '{"source":"history"}' WHERE seq = 6`).run());
    expect(await store.verify({ full: true })).toMatchObject({ intact: false, firstBadSeq: 6, reason: 'altered' });
  });

  it('an edited event whose own hash was recomputed is caught at that event', async () => {
    const { store, path } = seeded();
    // Rewrites row 4's agent and gives it a self-consistent hash: row 5 no longer follows it.
    const { chainHashHex } = await import('../../src/main/audit/audit-chain');
    const { arrayToRecord, EVENT_COLUMNS } = await import('../../src/main/audit/audit-rows');
    tamper(path, (db) => {
      const row = arrayToRecord(db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE seq = 4`).raw(true).get() as never);
      const forged = { ...row, agentName: 'Quelqu’un d’autre' };
      db.prepare('UPDATE events SET agent_name = ?, hash = unhex(?) WHERE seq = 4').run(forged.agentName, chainHashHex(row.prevHash, forged));
    });
    expect(await store.verify({ full: true })).toMatchObject({ intact: false, firstBadSeq: 4, reason: 'altered' });
  });

  it('only the stored previous-hash column edited, on a copy whose triggers were dropped: the CLI names that row', async () => {
    // Mutation caught: ChainChecker.push no longer comparing `record.prevHash` with the
    // predecessor's hash (row 6's own hash still follows from the real row 5).
    const { store, dir, path } = seeded();
    store.close();
    const copyDir = mkdtempSync(join(tmpdir(), 'guichet-audit-copy-'));
    try {
      for (const name of readdirSync(dir)) copyFileSync(join(dir, name), join(copyDir, name));
      const copy = join(copyDir, 'audit.sqlite');
      tamper(copy, (db) => db.prepare('UPDATE events SET prev_hash = randomblob(32) WHERE seq = 6').run());
      const original = await cli('verify', path);
      expect(original.code, original.stdout).toBe(0);
      expect(await cli('verify', copy)).toMatchObject({ code: 1, stdout: expect.stringContaining('premier numéro en défaut 6 — événement modifié') });
    } finally {
      rmSync(copyDir, { recursive: true, force: true });
    }
  });

  it('a deleted event in the middle', async () => {
    const { store, path } = seeded();
    tamper(path, (db) => db.prepare('DELETE FROM events WHERE seq = 5').run());
    expect(await store.verify({ full: true })).toMatchObject({ intact: false, firstBadSeq: 5, reason: 'missing' });
  });

  it('deleted first events (no retention purge recorded)', async () => {
    const { store, path } = seeded();
    tamper(path, (db) => db.prepare('DELETE FROM events WHERE seq <= 3').run());
    expect(await store.verify({ full: true })).toMatchObject({ intact: false, firstBadSeq: 1, reason: 'missing' });
  });

  it('deleted last events: the checkpoint says the head was further', async () => {
    const { store, path } = seeded();
    tamper(path, (db) => db.prepare('DELETE FROM events WHERE seq >= 8').run());
    expect(await store.verify({ full: true })).toMatchObject({ intact: false, firstBadSeq: 8, reason: 'truncated' });
  });

  it('deleted last events then new appends: the old checkpoint is kept as evidence', async () => {
    const { store, path } = seeded();
    tamper(path, (db) => db.prepare('DELETE FROM events WHERE seq >= 8').run());
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (let i = 0; i < 5; i += 1) store.append(signIn());
    expect(await store.verify({ full: true })).toMatchObject({ intact: false, firstBadSeq: 8, reason: 'truncated' });
  });

  it('reordered events', async () => {
    const { store, path } = seeded();
    swapRows(path, 5, 6);
    expect(await store.verify({ full: true })).toMatchObject({ intact: false, firstBadSeq: 5, reason: 'reordered' });
  });

  it('a forged or missing checkpoint', async () => {
    const { store } = seeded();
    store.flushCheckpoint();
    const file = store.checkpointPath;
    // Claims an earlier head (to hide the last event) without the key to sign it.
    writeFileSync(file, readFileSync(file, 'utf8').replace('"seq":10,', '"seq":9,'));
    expect(await store.verify({ full: true })).toMatchObject({ intact: false, reason: 'checkpoint-signature' });
    rmSync(file);
    expect(await store.verify({ full: true })).toMatchObject({ intact: false, reason: 'checkpoint-signature' });
  });

  it('a whole chain recomputed by someone without the key is caught by the checkpoint', async () => {
    const { store, path } = seeded();
    const { chainHashHex, GENESIS_HEX } = await import('../../src/main/audit/audit-chain');
    const { arrayToRecord, EVENT_COLUMNS } = await import('../../src/main/audit/audit-rows');
    tamper(path, (db) => {
      db.prepare(`UPDATE events SET comment = 'réécrit' WHERE seq = 3`).run();
      let prev = GENESIS_HEX;
      for (const raw of db.prepare(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY seq`).raw(true).all()) {
        const row = arrayToRecord(raw as never);
        const hash = chainHashHex(prev, row);
        db.prepare('UPDATE events SET prev_hash = unhex(?), hash = unhex(?) WHERE seq = ?').run(prev, hash, row.seq);
        prev = hash;
      }
    });
    expect(await store.verify({ full: true })).toMatchObject({ intact: false, firstBadSeq: 10, reason: 'altered' });
  });
});

describe('incremental verify and the integrity badge', () => {
  it('starts from the last verified point, checks only what was added, and records each run', async () => {
    const { store } = seeded();
    expect(store.lastVerification()).toBeNull();
    await store.verify({ full: true });
    for (let i = 0; i < 5; i += 1) store.append(signIn(AGENT));
    const incremental = await store.verify();
    expect(incremental).toMatchObject({ intact: true, mode: 'incremental', events: 5, fromSeq: 11, headSeq: 15 });
    expect(store.lastVerification()).toMatchObject({ mode: 'incremental', intact: true, headSeq: 15 });
  });

  it('catches tampering after the verified point, and a tampered boundary event', async () => {
    const { store, path } = seeded();
    await store.verify({ full: true });
    for (let i = 0; i < 5; i += 1) store.append(signIn());
    tamper(path, (db) => db.prepare(`UPDATE events SET outcome = 'failure' WHERE seq = 13`).run());
    expect(await store.verify()).toMatchObject({ intact: false, mode: 'incremental', firstBadSeq: 13, reason: 'altered' });
    expect(store.lastVerification()).toMatchObject({ intact: false, firstBadSeq: 13 });
    tamper(path, (db) => db.prepare(`UPDATE events SET comment = 'x' WHERE seq = 10`).run());
    expect(await store.verify()).toMatchObject({ intact: false, firstBadSeq: 10, reason: 'altered' });
  });

  it('a forged "verified up to here" record is ignored (full run instead)', async () => {
    const { store, path } = seeded();
    await store.verify({ full: true });
    tamper(path, (db) => {
      db.prepare(`UPDATE events SET comment = 'x' WHERE seq = 2`).run();
      db.prepare('UPDATE verify_runs SET head_seq = 10, from_seq = 1').run();
      db.prepare(`INSERT INTO verify_runs (at, mode, intact, from_seq, head_seq, head_hash, events, sig)
                  SELECT at, mode, 1, 1, 10, (SELECT lower(hex(hash)) FROM events WHERE seq = 10), 10, randomblob(32) FROM verify_runs`).run();
    });
    expect(await store.verify()).toMatchObject({ intact: false, mode: 'full', firstBadSeq: 2 });
  });
});
