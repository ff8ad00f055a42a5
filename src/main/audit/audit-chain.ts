/** The hash chain of the audit trail: canonical event text, chain hashes, and a checker that walks them. */
import { hash } from 'node:crypto';

/**
 * The hash chain: hash(n) = SHA-256 of the UTF-8 text `hex(hash(n-1))` followed by the
 * canonical JSON of event n. Shared by the store (append, verify) and the CLI (verify an
 * exported file), so both compute the very same bytes.
 */
export const GENESIS_HASH: Buffer = Buffer.alloc(32);
export const GENESIS_HEX = GENESIS_HASH.toString('hex');

/** An event as stored: `evidence` and `details` are already canonical JSON text. */
export interface ChainRecord {
  seq: number;
  at: string;
  action: string;
  outcome: string;
  intentSeq: number | null;
  agentLogin: string | null;
  agentName: string | null;
  workstation: string;
  targetLogin: string | null;
  targetDn: string | null;
  evidence: string;
  directoryCode: number | null;
  details: string;
  comment: string | null;
}

/** Hashes as lowercase hex: reading a BLOB into a Buffer costs more than the hashing itself. */
export interface HashedRecord extends ChainRecord {
  prevHash: string;
  hash: string;
}

const str = (value: string | null): string => (value === null ? 'null' : JSON.stringify(value));
const num = (value: number | null): string => (value === null ? 'null' : String(value));

/**
 * The canonical JSON of an event, assembled by hand in sorted-key order: verifying a
 * million rows must not parse and re-serialise a million detail objects. Equal to
 * `canonicalJson(eventObject)` (a unit test holds it to that).
 */
export function canonicalEventText(r: ChainRecord): string {
  const agent = r.agentLogin === null ? 'null' : `{"displayName":${str(r.agentName ?? '')},"login":${str(r.agentLogin)}}`;
  const target = r.targetLogin === null ? 'null' : `{"dn":${str(r.targetDn)},"login":${str(r.targetLogin)}}`;
  return (
    `{"action":${str(r.action)},"agent":${agent},"at":${str(r.at)},"comment":${str(r.comment)},` +
    `"details":${r.details},"directoryCode":${num(r.directoryCode)},"evidence":${r.evidence},` +
    `"intentSeq":${num(r.intentSeq)},"outcome":${str(r.outcome)},"seq":${num(r.seq)},"target":${target},` +
    `"workstation":${str(r.workstation)}}`
  );
}

/**
 * From and to lowercase hex. One text in, hex out: Node's one-shot `hash()` then makes no
 * Hash object and no Buffer, a third of the cost of `createHash().update().digest()`; on a
 * desk that appends one event per fsync (caches cold each time) that was a tenth of the append.
 */
export function chainHashHex(prevHex: string, record: ChainRecord): string {
  return hash('sha256', prevHex + canonicalEventText(record), 'hex');
}

/** The same hash, from and to bytes (tests, tools). */
export function chainHash(prevHash: Buffer, record: ChainRecord): Buffer {
  return Buffer.from(chainHashHex(prevHash.toString('hex'), record), 'hex');
}

export type BreakReason = 'altered' | 'missing' | 'reordered' | 'truncated' | 'checkpoint-signature' | 'checkpoint-unreadable' | 'signature';
export interface ChainBreak {
  firstBadSeq: number;
  reason: BreakReason;
  /** How many events are missing (for a cut-off tail: at least this many). */
  missing?: number;
  /** The break spans firstBadSeq..lastSeq (see VerifyResult). */
  lastSeq?: number;
}

/** How far around its position a failing row is tried under another number (reorder detection). */
const REORDER_WINDOW = 64;

/** Why a row that does not chain from its predecessor fails: edited, or moved from elsewhere. */
function classify(record: HashedRecord): ChainBreak {
  const selfConsistent = chainHashHex(record.prevHash, record) === record.hash;
  // The row is intact but no longer follows its predecessor: that predecessor was rewritten.
  if (selfConsistent) return { firstBadSeq: Math.max(1, record.seq - 1), reason: 'altered' };
  for (let delta = 1; delta <= REORDER_WINDOW; delta += 1) {
    for (const seq of [record.seq - delta, record.seq + delta]) {
      if (seq >= 1 && chainHashHex(record.prevHash, { ...record, seq }) === record.hash)
        return { firstBadSeq: record.seq, reason: 'reordered' };
    }
  }
  return { firstBadSeq: record.seq, reason: 'altered' };
}

/**
 * Walks records in the order given and reports the first break. `contiguous` demands
 * every sequence number (a database, or an unfiltered export); a filtered export only
 * links rows whose numbers follow each other and checks each row against its own
 * stored previous hash.
 */
export class ChainChecker {
  private expectedSeq: number;
  private expectedPrev: string | null;
  private pendingGap: { from: number; missing: number } | null = null;
  private previousSeq = 0;
  count = 0;
  lastSeq: number | null = null;
  lastHash: string | null = null;

  constructor(private readonly options: { startSeq: number; startPrev: string | null; contiguous: boolean }) {
    this.expectedSeq = options.startSeq;
    this.expectedPrev = options.startPrev;
  }

  push(record: HashedRecord): ChainBreak | null {
    if (this.count > 0 && record.seq <= this.previousSeq)
      return { firstBadSeq: this.pendingGap?.from ?? record.seq, reason: 'reordered' };
    if (this.pendingGap !== null) return this.gap();
    // Only a first row can be numbered below the next number expected (each later one is above the
    // row before): it is not where the chain starts, an edit there rather than a negative gap.
    if (record.seq < this.expectedSeq) return { firstBadSeq: this.expectedSeq, reason: 'altered' };
    this.count += 1;
    this.previousSeq = record.seq;
    if (record.seq !== this.expectedSeq) {
      if (this.options.contiguous) {
        // Decided on the next row: a smaller number there means lines were swapped.
        this.pendingGap = { from: this.expectedSeq, missing: record.seq - this.expectedSeq };
        this.advance(record);
        return null;
      }
      this.expectedPrev = null;
    }
    const prev = this.expectedPrev ?? record.prevHash;
    if (chainHashHex(prev, record) !== record.hash || record.prevHash !== prev) return classify(record);
    this.advance(record);
    return null;
  }

  finish(): ChainBreak | null {
    return this.pendingGap !== null ? this.gap() : null;
  }

  private gap(): ChainBreak {
    return { firstBadSeq: this.pendingGap!.from, reason: 'missing', missing: this.pendingGap!.missing };
  }

  private advance(record: HashedRecord): void {
    this.expectedSeq = record.seq + 1;
    this.expectedPrev = record.hash;
    this.lastSeq = record.seq;
    this.lastHash = record.hash;
  }
}
