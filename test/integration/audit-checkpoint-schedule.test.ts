/** The checkpoint schedule alone over a real chain: first pin at once, then every N events or after the delay; evidence kept. */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHECKPOINT_SLOT_BYTES, readCheckpoint, slotPins, writeCheckpoint } from '../../src/main/audit/checkpoint';
import { encodePin, signLegacyPin } from '../../src/main/audit/checkpoint-pin';
import { CheckpointSchedule, type CheckpointScheduleOptions } from '../../src/main/audit/checkpoint-schedule';
import { signerFromSeed } from '../../src/main/audit/ed25519';
import type { AppendedEvent } from '../../src/main/audit/chain-appender';
import { auditParts, viewed, type AuditParts } from './support/audit-parts';
import { tamper } from './support/audit-temp';

let parts: AuditParts;
let schedule: CheckpointSchedule | null = null;
afterEach(() => {
  schedule?.flush();
  schedule?.close();
  schedule = null;
  parts?.cleanup();
});

const KEY = signerFromSeed(randomBytes(32));
const checkpointPath = () => join(parts.dir, 'audit.sqlite.checkpoint.json');

function open(options: Partial<CheckpointScheduleOptions> = {}): CheckpointSchedule {
  schedule = new CheckpointSchedule(parts.db, {
    checkpointPath: checkpointPath(),
    signer: KEY,
    hmacKey: null,
    logger: parts.logger,
    delayMs: 60_000,
    every: 4,
    ...options,
  });
  return schedule;
}

/** Commits `count` events, one transaction each, and tells the schedule after each. */
function commit(count: number): AppendedEvent[] {
  const all: AppendedEvent[] = [];
  for (let i = 0; i < count; i += 1) {
    const written = parts.chain.commit([viewed(parts.preparer)]);
    schedule!.pinCommitted(written);
    all.push(...written);
  }
  return all;
}

const pinned = () => {
  const read = readCheckpoint(checkpointPath(), { hmac: null, publicKey: KEY.verifyKey });
  return read.status === 'ok' ? read.checkpoint : read.status;
};

describe('checkpoint schedule', () => {
  it('pins the first event at once, then waits for the Nth unpinned event', () => {
    parts = auditParts();
    open({ every: 4 });
    const [first] = commit(1);
    expect(pinned()).toEqual({ seq: 1, headHash: first!.hash, at: first!.at });
    commit(3);
    expect(pinned()).toMatchObject({ seq: 1 });
    const written = commit(1);
    expect(pinned()).toEqual({ seq: 5, headHash: written[0]!.hash, at: written[0]!.at });
  });

  it('within the delay when fewer events come, and on flush; delay 0 pins every commit', async () => {
    parts = auditParts();
    open({ every: 1_000, delayMs: 40 });
    commit(3);
    expect(pinned()).toMatchObject({ seq: 1 });
    await vi.waitFor(() => expect(pinned()).toMatchObject({ seq: 3 }), { timeout: 2_000, interval: 10 });
    commit(2);
    schedule!.flush();
    expect(pinned()).toMatchObject({ seq: 5 });
    schedule!.close();
    open({ delayMs: 0 });
    commit(1);
    expect(pinned()).toMatchObject({ seq: 6 });
  });

  it('without a signing key the checkpoint is left alone', () => {
    parts = auditParts();
    open({ signer: null, delayMs: 0 });
    commit(3);
    expect(existsSync(checkpointPath())).toBe(false);
  });

  it('a checkpoint already further (another process) is not moved back', () => {
    parts = auditParts();
    open({ delayMs: 0 });
    const written = commit(2);
    writeCheckpoint(checkpointPath(), KEY, { seq: 50, headHash: written[1]!.hash, at: written[1]!.at });
    commit(1);
    expect(pinned()).toMatchObject({ seq: 50 });
    expect(parts.records).toEqual([]);
  });

  it('a checkpoint the database contradicts, or badly signed, is kept as evidence and reported once', () => {
    parts = auditParts();
    open({ delayMs: 0 });
    commit(2);
    writeCheckpoint(checkpointPath(), KEY, { seq: 2, headHash: 'ab'.repeat(32), at: '2026-01-01T00:00:00.000Z' });
    commit(2);
    expect(pinned()).toEqual({ seq: 2, headHash: 'ab'.repeat(32), at: '2026-01-01T00:00:00.000Z' });
    const forged = readFileSync(checkpointPath(), 'utf8').replace('"seq":2,', '"seq":3,');
    writeFileSync(checkpointPath(), forged);
    commit(1);
    expect(readFileSync(checkpointPath(), 'utf8')).toBe(forged);
    expect(parts.records).toEqual([{ level: 'error', event: 'audit-checkpoint', code: 'AUDIT_UNAVAILABLE', note: 'contradicted' }]);
  });

  it('a file holding an old HMAC pin beside an Ed25519 one (an older desk wrote it since) is made whole by the next pin', () => {
    // Mutation caught: the file taken as whole when some pin (not every one) is Ed25519: the
    // next pin then goes to its own slot only, and the old-format pin stays beside it.
    parts = auditParts();
    const hmacKey = randomBytes(32);
    open({ delayMs: 0, hmacKey });
    const written = commit(3);
    schedule!.close();
    // Slot 1 (n° 3) rewritten in the old format, as the version before Ed25519 would.
    const legacy = encodePin(signLegacyPin(hmacKey, { seq: 3, headHash: written[2]!.hash, at: written[2]!.at }));
    const slots = readFileSync(checkpointPath());
    writeFileSync(checkpointPath(), Buffer.concat([slots.subarray(0, CHECKPOINT_SLOT_BYTES), legacy]));
    const keys = { hmac: hmacKey, publicKey: KEY.verifyKey };
    expect(readCheckpoint(checkpointPath(), keys)).toMatchObject({ status: 'ok', format: 1, checkpoint: { seq: 3 }, complete: false });
    open({ delayMs: 0, hmacKey });
    commit(1);
    expect(slotPins(checkpointPath()).map((pin) => [pin.v, pin.seq])).toEqual([
      [2, 4],
      [2, 4],
    ]);
    expect(readCheckpoint(checkpointPath(), keys)).toMatchObject({ status: 'ok', format: 2, checkpoint: { seq: 4 }, complete: true });
  });

  it('a head that went backwards (events deleted behind its back): what it had committed is pinned first', () => {
    parts = auditParts();
    open({ every: 100 });
    const before = commit(5);
    expect(pinned()).toMatchObject({ seq: 1 });
    tamper(parts.path, (db) => db.prepare('DELETE FROM events WHERE seq >= 4').run());
    const [renumbered] = commit(1);
    expect(renumbered!.seq).toBe(4);
    // Event 5 as it was committed, which the database no longer holds: verify reports the truncation.
    expect(pinned()).toEqual({ seq: 5, headHash: before[4]!.hash, at: before[4]!.at });
    expect(parts.records).toEqual([{ level: 'error', event: 'audit-head-regressed', note: '4 <= 5' }]);
  });
});
