/** What the signed pins (checkpoint slots, pin log) prove about a chain that verifies on its own: a cut-off tail and how much of it, a recomputed stretch and where it starts, or nothing vouched for. */
import type Database from 'better-sqlite3';
import type { ChainBreak } from './audit-chain';
import { readCheckpoint, slotPins } from './checkpoint';
import { checkPin, type Checkpoint, type PinKeys, type SignedPin } from './checkpoint-pin';
import { newestValidPin, pinLogPathFor, readPinLog } from './pin-log';

export interface EvidenceInput {
  db: Database.Database;
  keys: PinKeys;
  checkpointPath: string;
  /** The last event of the chain as verified, and where the chain starts (0, or the retention anchor). */
  headSeq: number;
  anchorSeq: number;
}

export interface Evidence {
  problem: ChainBreak | null;
  /** What the newest pin was signed with, as far as this reader can tell. */
  checkpoint: 'signed' | 'unsigned' | 'absent';
}

/** How many matching pins below the first mismatch are kept, in case the closest ones are forged. */
const LOWER_BOUND_CANDIDATES = 8;

const newestOf = (...pins: Array<Checkpoint | null | undefined>): Checkpoint | null =>
  pins.filter((p): p is Checkpoint => p != null).sort((a, b) => b.seq - a.seq)[0] ?? null;

export function checkpointEvidence(input: EvidenceInput): Evidence {
  const { keys, checkpointPath, headSeq, anchorSeq } = input;
  const read = readCheckpoint(checkpointPath, keys);
  if (read.status === 'bad-signature') return { problem: { firstBadSeq: read.checkpoint.seq, reason: 'checkpoint-signature' }, checkpoint: 'signed' };
  // A rolled-back or rewritten checkpoint file does not hide a newer pin the log still holds.
  const logged = newestValidPin(pinLogPathFor(checkpointPath), keys);
  if (read.status === 'absent' || read.status === 'damaged') {
    const vouched = newestOf(read.status === 'damaged' ? read.vouched : null, logged);
    if (read.status === 'absent' && !vouched && headSeq === 0) return { problem: null, checkpoint: 'absent' };
    const contradicted = vouched ? pinProblem(input, vouched) : null;
    if (contradicted) return { problem: contradicted, checkpoint: 'signed' };
    const firstBadSeq = (vouched?.seq ?? anchorSeq) + 1;
    return {
      problem: { firstBadSeq, reason: 'checkpoint-unreadable', ...(firstBadSeq <= headSeq ? { lastSeq: headSeq } : {}) },
      checkpoint: 'absent',
    };
  }
  const claimed = newestOf(read.checkpoint, logged)!;
  return { problem: pinProblem(input, claimed), checkpoint: read.status === 'ok' ? 'signed' : 'unsigned' };
}

/** A pin the chain does not match: further than the head, replaced, or rewritten. */
function pinProblem(input: EvidenceInput, pin: Checkpoint): ChainBreak | null {
  const { db, headSeq, anchorSeq } = input;
  if (pin.seq <= anchorSeq) return null;
  if (pin.seq <= headSeq) {
    const stored = db.prepare('SELECT lower(hex(hash)) FROM events WHERE seq = ?').pluck().get(pin.seq) as string | undefined;
    if (stored === pin.headHash) return null;
  }
  // Rows stamped after the pin but numbered at or below it: the tail was deleted and new
  // events took the old numbers. At least those up to the pin are gone.
  const firstLater = db.prepare('SELECT min(seq) FROM events WHERE at > ?').pluck().get(pin.at) as number | null;
  if (firstLater !== null && firstLater <= pin.seq) return { firstBadSeq: firstLater, reason: 'truncated', missing: pin.seq - firstLater + 1 };
  if (pin.seq > headSeq) return { firstBadSeq: headSeq + 1, reason: 'truncated', missing: pin.seq - headSeq };
  return locateRewrite(input, pin);
}

/**
 * The chain verifies link by link but a signed pin disagrees with it: some event at or before
 * that pin was edited and every hash after it recomputed. Every pin the desk signed (both
 * slots, the pin log) is compared with the chain: events up to the last pin that still
 * matches are as they were signed (the links carry that back to the start), and the first
 * pin that no longer matches bounds the edit from above. When the two are neighbours, the
 * event is named exactly; otherwise the range is given.
 */
function locateRewrite(input: EvidenceInput, claimed: Checkpoint): ChainBreak {
  const { db, keys, checkpointPath, anchorSeq, headSeq } = input;
  const hashAt = db.prepare('SELECT lower(hex(hash)) FROM events WHERE seq = ?').pluck();
  let firstMismatch: Checkpoint = claimed;
  const matching: SignedPin[] = [];
  const consider = (pin: SignedPin) => {
    if (pin.seq <= anchorSeq || pin.seq > headSeq) return;
    if (hashAt.get(pin.seq) === pin.headHash) {
      if (pin.seq < firstMismatch.seq) keepClosest(matching, pin);
    } else if (pin.seq < firstMismatch.seq && checkPin(pin, keys) === 'valid') {
      firstMismatch = pin;
    }
  };
  for (const pin of slotPins(checkpointPath)) consider(pin);
  for (const pin of readPinLog(pinLogPathFor(checkpointPath))) consider(pin);
  const lastMatch = matching
    .filter((p) => p.seq < firstMismatch.seq)
    .sort((a, b) => b.seq - a.seq)
    .find((p) => checkPin(p, keys) === 'valid');
  const lower = (lastMatch?.seq ?? anchorSeq) + 1;
  return lower === firstMismatch.seq ? { firstBadSeq: lower, reason: 'altered' } : { firstBadSeq: lower, reason: 'altered', lastSeq: firstMismatch.seq };
}

function keepClosest(kept: SignedPin[], pin: SignedPin): void {
  kept.push(pin);
  if (kept.length <= LOWER_BOUND_CANDIDATES * 2) return;
  kept.sort((a, b) => b.seq - a.seq);
  kept.length = LOWER_BOUND_CANDIDATES;
}
