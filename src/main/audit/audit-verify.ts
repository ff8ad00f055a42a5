/** Verifying the audit chain and its signed checkpoint, in full or from the last verified point. */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import type { IntegrityAlarm, VerifyResult } from '../../shared/contract/audit';
import { chainHashHex, ChainChecker, GENESIS_HEX, type ChainBreak } from './audit-chain';
import { arrayToRecord, EVENT_COLUMNS, type EventRowArray } from './audit-rows';
import type { PinKeys } from './checkpoint';
import { checkpointEvidence } from './checkpoint-evidence';

export interface VerifyOptions {
  /**
   * What the checkpoint's pins are checked with: the desk's Ed25519 public key (from its
   * keystore, or given by whoever verifies), and for trails from before it, the HMAC key.
   */
  keys: PinKeys;
  checkpointPath: string;
  /** Start after this point, verified by an earlier run, instead of the anchor. */
  from?: { seq: number; hash: string } | null;
  /** Rows between two yields to the event loop. */
  yieldEvery?: number;
}

export interface VerifyOutcome {
  result: VerifyResult;
  /** Hash (hex) of the last event checked, for the next incremental run. */
  headHash: string | null;
}

interface Anchor {
  seq: number;
  hash: string;
}

const broken = (mode: VerifyResult['mode'], chainBreak: ChainBreak): VerifyOutcome => ({
  result: { intact: false, mode, ...chainBreak },
  headHash: null,
});

function attestsAnchor(details: string, anchor: Anchor): boolean {
  try {
    const parsed = JSON.parse(details) as { anchorSeq?: unknown; anchorHash?: unknown };
    return parsed.anchorSeq === anchor.seq && parsed.anchorHash === anchor.hash;
  } catch {
    return false;
  }
}

/** An integrity-alarm row as the verify result lists it. */
export function alarmOf(seq: number, at: string, details: string): IntegrityAlarm {
  return { seq, at, ...(JSON.parse(details) as Omit<IntegrityAlarm, 'seq' | 'at'>) };
}

/**
 * Re-hashes the chain, from the anchor (or genesis) or from an earlier verified point,
 * inside one read transaction (a consistent snapshot while others keep appending), then
 * checks it against the signed pins (checkpoint-evidence.ts): a head further than the
 * database means the last events were deleted, a pin the chain no longer matches means a
 * stretch was rewritten, and a damaged checkpoint means the newest events are vouched for
 * by nothing. Runs on its own connection and yields regularly, so the console stays
 * responsive during a full run over a million events.
 */
export async function verifyDatabase(db: Database.Database, options: VerifyOptions): Promise<VerifyOutcome> {
  const ownTransaction = !db.inTransaction;
  if (ownTransaction) db.exec('BEGIN');
  try {
    return await walk(db, options);
  } finally {
    if (ownTransaction && db.inTransaction) db.exec('COMMIT');
  }
}

async function walk(db: Database.Database, options: VerifyOptions): Promise<VerifyOutcome> {
  const anchor =
    (db.prepare('SELECT seq, lower(hex(hash)) AS hash FROM chain_anchor WHERE id = 1').get() as Anchor | undefined) ?? null;
  const anchorSeq = anchor?.seq ?? 0;
  const incremental = options.from != null && options.from.seq >= anchorSeq;
  const mode = incremental ? 'incremental' : 'full';
  let startSeq = anchorSeq + 1;
  let startPrev = anchor?.hash ?? GENESIS_HEX;
  if (incremental && options.from) {
    // The boundary event is re-hashed too: the run vouches for its hash, not for its content.
    const raw = db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE seq = ?`).raw(true).get(options.from.seq) as EventRowArray | undefined;
    if (options.from.seq > anchorSeq && !raw) return broken(mode, { firstBadSeq: options.from.seq, reason: 'missing' });
    if (raw) {
      const boundary = arrayToRecord(raw);
      if (boundary.hash !== options.from.hash || chainHashHex(boundary.prevHash, boundary) !== options.from.hash)
        return broken(mode, { firstBadSeq: options.from.seq, reason: 'altered' });
    }
    startSeq = options.from.seq + 1;
    startPrev = options.from.hash;
  }

  const checker = new ChainChecker({ startSeq, startPrev, contiguous: true });
  const alarms: IntegrityAlarm[] = [];
  let anchorAttested = anchor === null;
  const yieldEvery = options.yieldEvery ?? 50_000;
  const rows = db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE seq >= ? ORDER BY seq`).raw(true);
  let sinceYield = 0;
  for (const row of rows.iterate(startSeq) as IterableIterator<EventRowArray>) {
    const record = arrayToRecord(row);
    const problem = checker.push(record);
    if (problem) return broken(mode, problem);
    if (!anchorAttested && record.action === 'retention-purge') anchorAttested = attestsAnchor(record.details, anchor!);
    if (record.action === 'integrity-alarm') alarms.push(alarmOf(record.seq, record.at, record.details));
    if (++sinceYield >= yieldEvery) {
      sinceYield = 0;
      await nextTurn();
    }
  }
  const end = checker.finish();
  if (end) return broken(mode, end);
  if (!anchorAttested && incremental) {
    const purges = db.prepare("SELECT details FROM events WHERE action = 'retention-purge' AND seq > ?").pluck().all(anchorSeq) as string[];
    anchorAttested = purges.some((details) => attestsAnchor(details, anchor!));
  }
  // Oldest events gone without a recorded purge naming this anchor.
  if (!anchorAttested) return broken(mode, { firstBadSeq: anchorSeq, reason: 'missing' });

  const headSeq = checker.lastSeq ?? startSeq - 1;
  const evidence = checkpointEvidence({ db, keys: options.keys, checkpointPath: options.checkpointPath, headSeq, anchorSeq });
  if (evidence.problem) return broken(mode, evidence.problem);
  return {
    result: {
      intact: true,
      mode,
      events: checker.count,
      headSeq,
      fromSeq: startSeq,
      checkpoint: evidence.checkpoint,
      ...(alarms.length > 0 ? { alarms } : {}),
    },
    headHash: checker.lastHash ?? startPrev,
  };
}
