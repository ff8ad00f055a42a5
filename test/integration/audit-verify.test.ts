import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, useBuiltCli } from './support/audit-cli-process';
import { AGENT, accountViewed, signIn, swapRows, tamper, tempAudit, type TempAudit } from './support/audit-temp';

let audit: TempAudit;
useBuiltCli();
afterEach(() => audit?.cleanup());

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
    expect(await store.verify({ full: true })).toMatchObject({ intact: false, firstBadSeq: 5, reason: 'missing', missing: 1 });
  });

  it('deleted first events (no retention purge recorded)', async () => {
    const { store, path } = seeded();
    tamper(path, (db) => db.prepare('DELETE FROM events WHERE seq <= 3').run());
    expect(await store.verify({ full: true })).toMatchObject({ intact: false, firstBadSeq: 1, reason: 'missing', missing: 3 });
  });

  it('deleted last events: the checkpoint says the head was further, and how many are gone', async () => {
    const { store, path } = seeded();
    tamper(path, (db) => db.prepare('DELETE FROM events WHERE seq >= 8').run());
    expect(await store.verify({ full: true })).toMatchObject({ intact: false, firstBadSeq: 8, reason: 'truncated', missing: 3 });
    store.close();
    expect(await cli('verify', path)).toMatchObject({
      code: 1,
      stdout: expect.stringContaining('au moins 3 événement(s) manquant(s) (n° 8 à 10)'),
    });
  });

  it('deleted last events then new appends: the old checkpoint is kept as evidence', async () => {
    const { store, path } = seeded();
    tamper(path, (db) => db.prepare('DELETE FROM events WHERE seq >= 8').run());
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (let i = 0; i < 5; i += 1) store.append(signIn());
    expect(await store.verify({ full: true })).toMatchObject({ intact: false, firstBadSeq: 8, reason: 'truncated', missing: 3 });
  });

  it('reordered events', async () => {
    const { store, path } = seeded();
    swapRows(path, 5, 6);
    expect(await store.verify({ full: true })).toMatchObject({ intact: false, firstBadSeq: 5, reason: 'reordered' });
  });

  it('a whole chain recomputed by someone without the key: the signed pins bound the first altered event', async () => {
    // Pinned at the first event and at the tenth: event 3 is somewhere in 2..10.
    const { store, path } = seeded();
    await recomputeFrom(path, 3);
    expect(await store.verify({ full: true })).toEqual({ intact: false, mode: 'full', firstBadSeq: 2, lastSeq: 10, reason: 'altered' });
    store.close();
    expect(await cli('verify', path)).toMatchObject({ code: 1, stdout: expect.stringContaining('premier numéro en défaut entre 2 et 10') });
  });

  it('a whole chain recomputed, on a desk that pins each event: the first altered event is named', async () => {
    audit = tempAudit({ checkpointDelayMs: 0 });
    for (let i = 0; i < 10; i += 1) audit.store.append(i % 2 ? accountViewed() : signIn());
    audit.store.close();
    await recomputeFrom(audit.path, 6);
    const store = audit.open();
    expect(await store.verify({ full: true })).toEqual({ intact: false, mode: 'full', firstBadSeq: 6, reason: 'altered' });
    expect(await cli('verify', audit.path)).toMatchObject({ code: 1, stdout: expect.stringContaining('premier numéro en défaut 6 — événement modifié') });
  });

  it('a signed export given as reference names the first altered event, and counts the exported events the trail lost', async () => {
    const { store, path, dir } = seeded();
    const exported = await store.export({ filter: {}, viewer: null, agent: null, via: 'cli', format: 'jsonl', outPath: join(dir, 'ref.jsonl') });
    store.close();
    await recomputeFrom(path, 3);
    const rewritten = await cli('verify', path, '--reference', exported.path);
    expect(rewritten.code).toBe(1);
    expect(rewritten.stdout).toContain('premier numéro en défaut entre 2 et');
    expect(rewritten.stdout).toMatch(/ALTÉRÉ : le n° 3 n’est plus celui de l’export signé .*ref\.jsonl .*\(champs : comment\)/);
    tamper(path, (db) => db.prepare('DELETE FROM events WHERE seq >= 9').run());
    rmSync(join(dir, 'audit.sqlite.checkpoint.json'));
    rmSync(join(dir, 'audit.sqlite.checkpoint.log'));
    // The export holds 1..11 (its own intent last): 9, 10 and 11 are gone.
    expect((await cli('verify', path, '--reference', exported.path)).stdout).toMatch(/ALTÉRÉ : 3 événement\(s\) de l’export signé .* absent\(s\) du journal \(premier : n° 9\)/);
  });

  it('without the pin log, only the two slots bound it', async () => {
    audit = tempAudit({ checkpointDelayMs: 0 });
    for (let i = 0; i < 10; i += 1) audit.store.append(signIn());
    audit.store.close();
    await recomputeFrom(audit.path, 4);
    rmSync(join(audit.dir, 'audit.sqlite.checkpoint.log'));
    // Slots hold 9 and 10, both recomputed away: the first altered event is one of 1..9.
    expect(await audit.open().verify({ full: true })).toMatchObject({ intact: false, firstBadSeq: 1, lastSeq: 9, reason: 'altered' });
  });
});

/** An edit at `seq`, then every hash from there recomputed: a chain that verifies link by link. */
async function recomputeFrom(path: string, seq: number): Promise<void> {
  const { chainHashHex, GENESIS_HEX } = await import('../../src/main/audit/audit-chain');
  const { arrayToRecord, EVENT_COLUMNS } = await import('../../src/main/audit/audit-rows');
  tamper(path, (db) => {
    db.prepare(`UPDATE events SET comment = 'réécrit' WHERE seq = ?`).run(seq);
    let prev = GENESIS_HEX;
    for (const raw of db.prepare(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY seq`).raw(true).all()) {
      const row = arrayToRecord(raw as never);
      const hash = chainHashHex(prev, row);
      db.prepare('UPDATE events SET prev_hash = unhex(?), hash = unhex(?) WHERE seq = ?').run(prev, hash, row.seq);
      prev = hash;
    }
  });
}

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
