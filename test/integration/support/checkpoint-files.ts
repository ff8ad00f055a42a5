/** The checkpoint file and pin log as an attacker with the data folder edits them: slots written, wiped or torn by hand, pins signed with other keys. */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';
import { encodePin, signLegacyPin, signPin, type Checkpoint, type SignedPin } from '../../../src/main/audit/checkpoint-pin';
import { CHECKPOINT_SLOT_BYTES } from '../../../src/main/audit/checkpoint';
import { signerFromSeed } from '../../../src/main/audit/ed25519';
import { pinLogPathFor } from '../../../src/main/audit/pin-log';

/** Someone else's Ed25519 key (another desk, or an attacker's own). */
export const otherDeskKey = () => signerFromSeed(randomBytes(32));

/** What the chain holds at `seq`, as a checkpoint would pin it. */
export function pinOf(dbPath: string, seq: number): Checkpoint {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT seq, lower(hex(hash)) AS headHash, at FROM events WHERE seq = ?').get(seq) as Checkpoint;
  } finally {
    db.close();
  }
}

/** Overwrites slot `slot` (0 or 1) in place with these bytes (padded to a slot with spaces). */
export function writeSlot(checkpointPath: string, slot: 0 | 1, bytes: Buffer): void {
  const fd = openSync(checkpointPath, 'r+');
  try {
    writeSync(fd, bytes, 0, Math.min(bytes.length, CHECKPOINT_SLOT_BYTES), slot * CHECKPOINT_SLOT_BYTES);
  } finally {
    closeSync(fd);
  }
}

export const blankSlot = (checkpointPath: string, slot: 0 | 1, fill = ' ') => writeSlot(checkpointPath, slot, Buffer.alloc(CHECKPOINT_SLOT_BYTES, fill));

/** A write cut short: the first bytes of the slot replaced by the start of another pin. */
export function tearSlot(checkpointPath: string, slot: 0 | 1, pin: SignedPin): void {
  writeSlot(checkpointPath, slot, encodePin(pin).subarray(0, 100));
}

export const slotSeq = (checkpointPath: string, slot: 0 | 1): number =>
  (JSON.parse(readFileSync(checkpointPath).subarray(slot * CHECKPOINT_SLOT_BYTES, (slot + 1) * CHECKPOINT_SLOT_BYTES).toString('utf8')) as SignedPin).seq;

export const slotVersion = (checkpointPath: string, slot: 0 | 1): number =>
  (JSON.parse(readFileSync(checkpointPath).subarray(slot * CHECKPOINT_SLOT_BYTES, (slot + 1) * CHECKPOINT_SLOT_BYTES).toString('utf8')) as { v?: number }).v ?? 1;

export const dropPinLog = (checkpointPath: string) => rmSync(pinLogPathFor(checkpointPath), { force: true });

export { encodePin, signLegacyPin, signPin };
