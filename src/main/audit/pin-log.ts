/** Every checkpoint the desk signed, appended in order: where a recomputed chain starts to differ, and the newest pin when a slot is damaged. */
import { closeSync, fstatSync, openSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { checkPin, decodePin, encodePin, PIN_RECORD_BYTES, type PinKeys, type SignedPin } from './checkpoint-pin';

/**
 * `audit.sqlite.checkpoint.json` -> `audit.sqlite.checkpoint.log`. One 256-byte record per
 * checkpoint written (at most one a second, or one per 256 events), so a desk writing an
 * event every few seconds all day adds well under a megabyte a day; the retention purge
 * drops the records of purged events.
 *
 * The log only locates; it never vouches on its own behalf for what is missing from it.
 * Anyone with the folder can cut it short or delete it (an older copy of a log is as good
 * as the real one, locally): then fewer pins are left, nothing false is said.
 */
export const pinLogPathFor = (checkpointPath: string): string => checkpointPath.replace(/\.json$/, '') + '.log';

const CHUNK_RECORDS = 4096;

/** Each well-formed record, oldest first (not checked: a reader checks the few it relies on). */
export function* readPinLog(path: string): Generator<SignedPin> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return;
  }
  try {
    const buffer = Buffer.alloc(CHUNK_RECORDS * PIN_RECORD_BYTES);
    let position = 0;
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, position);
      const whole = Math.floor(read / PIN_RECORD_BYTES);
      for (let i = 0; i < whole; i += 1) {
        const record = decodePin(buffer.subarray(i * PIN_RECORD_BYTES, (i + 1) * PIN_RECORD_BYTES));
        if (record.kind === 'pin') yield record.pin;
      }
      if (read < buffer.length) return;
      position += read;
    }
  } finally {
    closeSync(fd);
  }
}

/** The newest validly signed record, looking back over at most `lookBack` records from the end. */
export function newestValidPin(path: string, keys: PinKeys, lookBack = 64): SignedPin | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const records = Math.floor(fstatSync(fd).size / PIN_RECORD_BYTES);
    const from = Math.max(0, records - lookBack);
    const buffer = Buffer.alloc((records - from) * PIN_RECORD_BYTES);
    readSync(fd, buffer, 0, buffer.length, from * PIN_RECORD_BYTES);
    let newest: SignedPin | null = null;
    for (let i = records - from - 1; i >= 0; i -= 1) {
      const record = decodePin(buffer.subarray(i * PIN_RECORD_BYTES, (i + 1) * PIN_RECORD_BYTES));
      if (record.kind === 'pin' && (!newest || record.pin.seq > newest.seq) && checkPin(record.pin, keys) === 'valid') newest = record.pin;
    }
    return newest;
  } finally {
    closeSync(fd);
  }
}

/** Keeps only the records of events after `afterSeq` (the retention anchor); a rewrite, then a rename. */
export function compactPinLog(path: string, afterSeq: number): void {
  const kept: Buffer[] = [];
  let dropped = 0;
  for (const pin of readPinLog(path)) {
    if (pin.seq <= afterSeq) dropped += 1;
    else kept.push(encodePin(pin));
  }
  if (dropped === 0) return;
  const temp = `${path}.tmp`;
  try {
    writeFileSync(temp, Buffer.concat(kept), { mode: 0o644 });
    renameSync(temp, path);
  } catch {
    rmSync(temp, { force: true });
  }
}
