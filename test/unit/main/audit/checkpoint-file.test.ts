/**
 * The checkpoint file itself, on real files in a temporary folder: what each slot layout reads
 * as (old format, half-upgraded, empty, unreadable), what a one-off write leaves, the modes the
 * files get, and that the writer gives its file descriptor back.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECKPOINT_SLOT_BYTES, CheckpointWriter, readCheckpoint, slotPins, writeCheckpoint } from '../../../../src/main/audit/checkpoint';
import { encodePin, signLegacyPin, signPin, type Checkpoint } from '../../../../src/main/audit/checkpoint-pin';
import { signerFromSeed } from '../../../../src/main/audit/ed25519';

const scratch = mkdtempSync(join(tmpdir(), 'guichet-checkpoint-file-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let n = 0;
const place = () => join(scratch, `${(n += 1)}.checkpoint`);

const desk = signerFromSeed(randomBytes(32));
const hmacKey = randomBytes(32);
const keys = { hmac: hmacKey, publicKey: desk.verifyKey };
const at = (seq: number): Checkpoint => ({ seq, headHash: seq.toString(16).padStart(64, '0'), at: `2026-03-01T08:00:${String(seq).padStart(2, '0')}.000Z` });
const v2 = (seq: number) => encodePin(signPin(desk, at(seq)));
const v1 = (seq: number) => encodePin(signLegacyPin(hmacKey, at(seq)));
const blank = () => Buffer.alloc(CHECKPOINT_SLOT_BYTES, ' ');

function file(...slots: Buffer[]): string {
  const path = place();
  writeFileSync(path, Buffer.concat(slots));
  return path;
}

const openDescriptors = () => readdirSync('/proc/self/fd').length;

describe('what a checkpoint file reads as', () => {
  it('both slots are read, each from its own 256 bytes', () => {
    // Mutations caught: the slot offsets miscomputed (slot / 256, slot - 1), which loses slot 1.
    const path = file(v2(10), v2(9));
    expect(slotPins(path).map((p) => p.seq)).toEqual([10, 9]);
    expect(readCheckpoint(path, keys)).toEqual({ status: 'ok', checkpoint: at(10), format: 2, complete: true });
  });

  it('an old-format file whose second slot was never written is read as old-format, not damaged', () => {
    // The version before Ed25519 wrote one slot at a time: its first file held one pin only.
    for (const path of [file(v1(1)), file(v1(1), blank())]) {
      expect(readCheckpoint(path, keys)).toEqual({ status: 'ok', checkpoint: at(1), format: 1, complete: false });
    }
    // The same layout in the new format means the newest pin was wiped: never "ok".
    expect(readCheckpoint(file(v2(7), blank()), keys)).toEqual({ status: 'damaged', vouched: at(7) });
    expect(readCheckpoint(file(blank(), v2(7)), keys)).toEqual({ status: 'damaged', vouched: at(7) });
  });

  it('an old HMAC pin beside an Ed25519 one is read, but the file is not whole (the next pin fills both slots)', () => {
    // Mutation caught: "complete" when some pin (instead of every one) is Ed25519.
    expect(readCheckpoint(file(v2(8), v1(7)), keys)).toEqual({ status: 'ok', checkpoint: at(8), format: 2, complete: false });
    expect(readCheckpoint(file(v2(6), v1(7)), keys)).toEqual({ status: 'ok', checkpoint: at(7), format: 1, complete: false });
  });

  it('an empty file (made, the desk stopped before its first pin) is absent; an unreadable one is damaged, never absent', () => {
    const empty = file();
    expect(readCheckpoint(empty, keys)).toEqual({ status: 'absent' });
    expect(slotPins(empty)).toEqual([]);
    // A folder where the file should be: reading fails with EISDIR, whoever runs it (root included).
    const unreadable = place();
    mkdirSync(unreadable);
    expect(readCheckpoint(unreadable, keys)).toEqual({ status: 'damaged', vouched: null });
    expect(slotPins(unreadable)).toEqual([]);
    expect(readCheckpoint(place(), keys)).toEqual({ status: 'absent' });
  });
});

describe('writing the checkpoint file', () => {
  it('a one-off write fills both slots with the same pin', () => {
    // Mutation caught: writeCheckpoint writing only the pin's own slot (the other stays blank: damaged).
    for (const seq of [4, 5]) {
      const path = place();
      writeCheckpoint(path, desk, at(seq));
      expect(statSync(path).size).toBe(2 * CHECKPOINT_SLOT_BYTES);
      expect(slotPins(path).map((p) => p.seq)).toEqual([seq, seq]);
      expect(readCheckpoint(path, keys)).toEqual({ status: 'ok', checkpoint: at(seq), format: 2, complete: true });
    }
  });

  it('an existing file is written in place, its other slot kept', () => {
    const path = file(v2(10), v2(9));
    const before = statSync(path).ino;
    const writer = new CheckpointWriter(path, desk);
    try {
      writer.write(at(11));
    } finally {
      writer.close();
    }
    expect(statSync(path).ino).toBe(before);
    expect(slotPins(path).map((p) => p.seq)).toEqual([10, 11]);
  });

  it('the checkpoint and its pin log are writable by their owner only, even under a group-writable umask', () => {
    // Mutation caught: the pin log appended without its mode (0664 under umask 002).
    const path = place();
    const log = `${path}.log`;
    const previous = process.umask(0o002);
    try {
      const writer = new CheckpointWriter(path, desk, log);
      try {
        writer.write(at(1), { bothSlots: true });
      } finally {
        writer.close();
      }
    } finally {
      process.umask(previous);
    }
    expect(statSync(path).mode & 0o777).toBe(0o644);
    expect(statSync(log).mode & 0o777).toBe(0o644);
  });

  it('gives its file descriptor back: a desk that runs for weeks does not run out of them', () => {
    // Mutations caught: close() emptied, and writeCheckpoint not closing its writer.
    const path = place();
    writeCheckpoint(path, desk, at(1));
    const before = openDescriptors();
    for (let seq = 2; seq < 40; seq += 1) writeCheckpoint(path, desk, at(seq));
    const writer = new CheckpointWriter(path, desk);
    writer.write(at(40));
    writer.close();
    writer.close();
    expect(openDescriptors()).toBe(before);
    // A writer closed and used again opens the file again.
    writer.write(at(41));
    writer.close();
    expect(openDescriptors()).toBe(before);
    expect(readCheckpoint(path, keys)).toMatchObject({ status: 'ok', checkpoint: { seq: 41 } });
  });
});
