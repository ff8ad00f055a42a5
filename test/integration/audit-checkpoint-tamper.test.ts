/** The signed checkpoint against someone with the data folder but not the desk's key: forged slots, wiped or torn slots, and what the desk says when it starts. */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCheckpoint } from '../../src/main/audit/checkpoint';
import { cli, useBuiltCli } from './support/audit-cli-process';
import { accountViewed, signIn, tamper, tempAudit, type TempAudit } from './support/audit-temp';
import {
  blankSlot,
  dropPinLog,
  encodePin,
  otherDeskKey,
  pinOf,
  signLegacyPin,
  signPin,
  slotSeq,
  slotVersion,
  tearSlot,
  writeSlot,
} from './support/checkpoint-files';

let audit: TempAudit;
useBuiltCli();
afterEach(() => audit?.cleanup());

/** Ten events pinned one by one: slot 0 holds 10, slot 1 holds 9, the pin log all ten. */
function seeded(): TempAudit {
  audit = tempAudit({ checkpointDelayMs: 0 });
  for (let i = 0; i < 10; i += 1) audit.store.append(i % 2 ? accountViewed() : signIn());
  return audit;
}

/** Both slots rewritten in the old HMAC format (n° 10 and 9), as the previous version wrote them. */
function writeLegacySlots(a: TempAudit, key: Buffer): void {
  writeSlot(a.store.checkpointPath, 0, encodePin(signLegacyPin(key, pinOf(a.path, 10))));
  writeSlot(a.store.checkpointPath, 1, encodePin(signLegacyPin(key, pinOf(a.path, 9))));
}

/** The seeded trail closed, its slots in the old format. */
function legacyTrail(): TempAudit {
  const a = seeded();
  a.store.close();
  writeLegacySlots(a, a.store.signingKey!);
  return a;
}

/** What an attacker who wants event 10 gone does first: delete it, and the pin log that names it. */
function cutEventTen(a: TempAudit): void {
  tamper(a.path, (db) => db.prepare('DELETE FROM events WHERE seq = 10').run());
  dropPinLog(a.store.checkpointPath);
}

describe('a forged checkpoint is refused (issue 19)', () => {
  it('a well-formed slot with a wrong signature', async () => {
    // Mutation caught: checkPin answering 'valid' for an Ed25519 pin without comparing the
    // signature. The forged slot claims head 8; slot 1 (9) is genuine and the chain ends at 9.
    const { store, path } = seeded();
    expect([slotSeq(store.checkpointPath, 0), slotSeq(store.checkpointPath, 1)]).toEqual([10, 9]);
    cutEventTen(audit);
    const genuine = signPin(store.deskKey!, pinOf(path, 9));
    writeSlot(store.checkpointPath, 0, encodePin({ ...genuine, ...pinOf(path, 8) }));
    expect(await store.verify({ full: true })).toMatchObject({ intact: false, firstBadSeq: 8, reason: 'checkpoint-signature' });
  });

  it('a slot signed with another key: refused on the desk, and by the CLI given the registered key', async () => {
    const { store, path, dir } = seeded();
    const registered = store.deskKey!.publicKey;
    cutEventTen(audit);
    const attacker = otherDeskKey();
    const forged = encodePin(signPin(attacker, pinOf(path, 9)));
    writeSlot(store.checkpointPath, 0, forged);
    writeSlot(store.checkpointPath, 1, forged);
    writeFileSync(join(dir, 'audit.sqlite.ed25519.pub'), `${attacker.publicKey}\n`);
    expect(await store.verify({ full: true })).toMatchObject({ intact: false, firstBadSeq: 9, reason: 'checkpoint-signature' });
    store.close();
    expect(await cli('verify', path, '--public-key', registered)).toMatchObject({ code: 1, stdout: expect.stringContaining('signature invalide') });

    // A copy without the keystore only has the key the folder declares: the attacker's. It
    // verifies under it, but is not authenticated (exit 3), and shows the attacker's fingerprint.
    const copy = mkdtempSync(join(tmpdir(), 'guichet-audit-copy-'));
    try {
      for (const name of readdirSync(dir).filter((n) => !n.includes('key'))) copyFileSync(join(dir, name), join(copy, name));
      copyFileSync(join(dir, 'audit.sqlite.ed25519.pub'), join(copy, 'audit.sqlite.ed25519.pub'));
      const declared = await cli('verify', join(copy, 'audit.sqlite'));
      expect(declared).toMatchObject({ code: 3, stdout: expect.stringContaining('NON authentifiée') });
      const { keyFingerprint } = await import('../../src/main/audit/ed25519');
      expect(declared.stdout).toContain(keyFingerprint(attacker.publicKey));
      expect(await cli('verify', join(copy, 'audit.sqlite'), '--public-key', registered)).toMatchObject({ code: 1 });
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('old-format (HMAC) slots: another HMAC key, or a wrong one, is refused; the genuine ones still verify', async () => {
    // Mutation caught: checkPin answering 'valid' for an HMAC pin without comparing it.
    const { store } = seeded();
    const keys = store.pinKeys();
    writeLegacySlots(audit, store.signingKey!);
    expect(readCheckpoint(store.checkpointPath, keys)).toMatchObject({ status: 'ok', format: 1, checkpoint: { seq: 10 } });
    expect(await store.verify({ full: true })).toMatchObject({ intact: true, checkpoint: 'signed' });
    writeLegacySlots(audit, Buffer.alloc(32, 7));
    expect(readCheckpoint(store.checkpointPath, keys)).toMatchObject({ status: 'bad-signature' });
    expect(await store.verify({ full: true })).toMatchObject({ intact: false, reason: 'checkpoint-signature' });
  });
});

describe('a blank, torn or missing checkpoint never falls back to the older pin', () => {
  it('the newest slot wiped after the last event was deleted: the newest events cannot be vouched for', async () => {
    // Mutation caught: a blank slot taken for "never written" (the old reader skipped it and
    // trusted slot 1, which matches a chain cut at 9: "intact").
    const { store, path } = seeded();
    cutEventTen(audit);
    blankSlot(store.checkpointPath, 0);
    expect(await store.verify({ full: true })).toEqual({ intact: false, mode: 'full', firstBadSeq: 10, reason: 'checkpoint-unreadable' });
    store.close();
    expect(await cli('verify', path)).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(/^NON GARANTI : point de contrôle absent, vide ou illisible — rien ne garantit qu’aucun événement après le n° 9/),
    });
  });

  it('zeroed, or torn by a write cut short', async () => {
    const { store, path } = seeded();
    cutEventTen(audit);
    blankSlot(store.checkpointPath, 0, '\0');
    expect(await store.verify({ full: true })).toMatchObject({ intact: false, firstBadSeq: 10, reason: 'checkpoint-unreadable' });
    tearSlot(store.checkpointPath, 0, signPin(store.deskKey!, pinOf(path, 8)));
    expect(await store.verify({ full: true })).toMatchObject({ intact: false, firstBadSeq: 10, reason: 'checkpoint-unreadable' });
  });

  it('both slots gone, the pin log left: vouched up to the log, nothing beyond', async () => {
    const { store } = seeded();
    blankSlot(store.checkpointPath, 0);
    blankSlot(store.checkpointPath, 1);
    expect(await store.verify({ full: true })).toEqual({ intact: false, mode: 'full', firstBadSeq: 11, reason: 'checkpoint-unreadable' });
  });

  it('the file and the log deleted: none of the events is vouched for', async () => {
    const { store, path } = seeded();
    rmSync(store.checkpointPath);
    dropPinLog(store.checkpointPath);
    expect(await store.verify({ full: true })).toEqual({ intact: false, mode: 'full', firstBadSeq: 1, lastSeq: 10, reason: 'checkpoint-unreadable' });
    store.close();
    expect(await cli('verify', path)).toMatchObject({ code: 1, stdout: expect.stringContaining('les 10 derniers événements (n° 1 à 10)') });
  });
});

describe('the desk says so when it starts', () => {
  it('a wiped slot: recorded in the chain, the damaged file kept aside, checkpoints resume, the badge keeps the reservation', async () => {
    const { store, path, dir } = seeded();
    store.close();
    cutEventTen(audit);
    blankSlot(store.checkpointPath, 0);
    const reopened = audit.open();
    expect(reopened.startupFinding).toEqual({ kind: 'checkpoint-damaged', vouchedSeq: 9, headSeq: 9 });
    const [alarm] = reopened.query({ action: 'integrity-alarm' }, { login: 'x', role: 'supervisor' }).events;
    expect(alarm).toMatchObject({ seq: 10, agent: null, outcome: 'failure', details: { kind: 'checkpoint-damaged', vouchedSeq: 9, headSeq: 9 } });
    // Before any verify, the badge already says it.
    expect(reopened.lastVerification()).toMatchObject({ intact: false, firstBadSeq: 10, reason: 'checkpoint-unreadable', alarm: { seq: 10 } });
    expect(readdirSync(dir).filter((n) => n.includes('.damaged-'))).toHaveLength(1);
    expect(readCheckpoint(reopened.checkpointPath, reopened.pinKeys())).toMatchObject({ status: 'ok', checkpoint: { seq: 10 }, complete: true });
    const result = await reopened.verify({ full: true });
    expect(result).toMatchObject({ intact: true, headSeq: 10, alarms: [{ seq: 10, kind: 'checkpoint-damaged', vouchedSeq: 9 }] });
    expect(reopened.lastVerification()).toMatchObject({ intact: true, alarm: { seq: 10, kind: 'checkpoint-damaged' } });
    reopened.close();
    expect(await cli('verify', path)).toMatchObject({ code: 3, stdout: expect.stringContaining('Réserve : le n° 10') });
  });

  it('a forged checkpoint: recorded once, and left in place as evidence', async () => {
    const { store, path } = seeded();
    store.close();
    writeSlot(store.checkpointPath, 0, encodePin(signPin(otherDeskKey(), pinOf(path, 10))));
    const evidence = readFileSync(store.checkpointPath);
    const first = audit.open();
    expect(first.startupFinding).toEqual({ kind: 'checkpoint-forged', vouchedSeq: 0, headSeq: 10, pinnedSeq: 10 });
    expect(first.lastVerification()).toMatchObject({ intact: false, reason: 'checkpoint-signature' });
    first.close();
    const second = audit.open();
    expect(second.startupFinding).toMatchObject({ kind: 'checkpoint-forged' });
    expect(second.query({ action: 'integrity-alarm' }, { login: 'x', role: 'supervisor' }).events).toHaveLength(1);
    expect(readFileSync(store.checkpointPath)).toEqual(evidence);
    expect(await second.verify({ full: true })).toMatchObject({ intact: false, reason: 'checkpoint-signature' });
  });

  it('events deleted while the desk was off: the pin contradicts the chain', async () => {
    const { store, path } = seeded();
    store.close();
    tamper(path, (db) => db.prepare('DELETE FROM events WHERE seq >= 8').run());
    const reopened = audit.open();
    expect(reopened.startupFinding).toEqual({ kind: 'checkpoint-contradicted', vouchedSeq: 0, headSeq: 7, pinnedSeq: 10 });
    expect(reopened.lastVerification()).toMatchObject({ intact: false, firstBadSeq: 8, reason: 'truncated' });
    expect(await reopened.verify({ full: true })).toMatchObject({ intact: false, firstBadSeq: 8, reason: 'truncated' });
  });

  it('a checkpoint missing from a trail that has events', () => {
    const { store } = seeded();
    store.close();
    rmSync(store.checkpointPath);
    expect(audit.open().startupFinding).toEqual({ kind: 'checkpoint-missing', vouchedSeq: 10, headSeq: 10 });
  });

  it('an ordinary restart, and a fresh trail, find nothing', () => {
    const { store } = seeded();
    store.close();
    expect(audit.open().startupFinding).toBeNull();
    const fresh = tempAudit();
    try {
      expect(fresh.store.startupFinding).toBeNull();
      expect(fresh.store.lastVerification()).toBeNull();
    } finally {
      fresh.cleanup();
    }
  });
});

describe('what the central anchor gets', () => {
  it('the committed head, and the newest pin as the desk signed it, checkable with deskPublicKey()', async () => {
    const { store } = seeded();
    const { deskPublicKey } = await import('../../src/main/audit/desk-signing-key');
    const { checkPin } = await import('../../src/main/audit/checkpoint-pin');
    const { publicKeyFromBase64 } = await import('../../src/main/audit/ed25519');
    const head = store.head()!;
    expect(head).toMatchObject({ seq: 10, hash: pinOf(store.path, 10).headHash });
    const signed = store.signedHead()!;
    expect(signed).toMatchObject({ v: 2, seq: 10, headHash: head.hash, at: head.at });
    expect(deskPublicKey()).toBe(store.deskKey!.publicKey);
    expect(checkPin(signed, { hmac: null, publicKey: publicKeyFromBase64(deskPublicKey()!) })).toBe('valid');
  });
});

describe('trails from before Ed25519', () => {
  it('old HMAC slots keep verifying; the next pin writes both slots in the new format', async () => {
    // The trail as the previous version left it: HMAC pins, no Ed25519 public key, no pin log.
    const { dir } = legacyTrail();
    for (const name of ['audit.sqlite.ed25519.pub', 'audit.sqlite.checkpoint.log']) rmSync(join(dir, name));
    const upgraded = audit.open();
    expect(upgraded.startupFinding).toBeNull();
    expect(upgraded.deskKey).not.toBeNull();
    expect(existsSync(join(dir, 'audit.sqlite.ed25519.pub'))).toBe(true);
    expect(await upgraded.verify({ full: true })).toMatchObject({ intact: true, checkpoint: 'signed' });
    upgraded.append(signIn());
    upgraded.flushCheckpoint();
    expect([slotVersion(upgraded.checkpointPath, 0), slotVersion(upgraded.checkpointPath, 1)]).toEqual([2, 2]);
    expect(readCheckpoint(upgraded.checkpointPath, upgraded.pinKeys())).toMatchObject({ status: 'ok', format: 2, complete: true });
  });

  it('away from the HMAC key, an old slot cannot be checked: the CLI says so (exit 3)', async () => {
    const { path, dir } = legacyTrail();
    const elsewhere = mkdtempSync(join(tmpdir(), 'guichet-audit-keys-'));
    try {
      expect(await cli('verify', path, '--key-dir', elsewhere)).toMatchObject({ code: 3, stdout: expect.stringContaining('signature NON vérifiée') });
      expect(await cli('verify', path, '--key-dir', dir)).toMatchObject({ code: 0, stdout: expect.stringContaining('ancien format HMAC') });
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
