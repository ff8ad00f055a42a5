import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from '../../../../src/main/audit/canonical-json';
import { canonicalEventText, chainHash, chainHashHex, ChainChecker, GENESIS_HASH, GENESIS_HEX, type ChainRecord, type HashedRecord } from '../../../../src/main/audit/audit-chain';

const record = (seq: number, extra: Partial<ChainRecord> = {}): ChainRecord => ({
  seq,
  at: `2026-01-01T00:00:${String(seq % 60).padStart(2, '0')}.000Z`,
  action: 'account-viewed',
  outcome: 'success',
  intentSeq: null,
  agentLogin: 'mdurand',
  agentName: 'Marie Durand',
  workstation: 'GUICHET-01',
  targetLogin: 'jdupont',
  targetDn: null,
  evidence: '["student-card"]',
  directoryCode: null,
  details: '{"source":"search"}',
  comment: null,
  ...extra,
});

function chain(n: number): HashedRecord[] {
  let prev = GENESIS_HEX;
  return Array.from({ length: n }, (_, i) => {
    const r = record(i + 1);
    const hash = chainHashHex(prev, r);
    const hashed = { ...r, prevHash: prev, hash };
    prev = hash;
    return hashed;
  });
}

const check = (records: HashedRecord[], contiguous = true) => {
  const checker = new ChainChecker({ startSeq: 1, startPrev: GENESIS_HEX, contiguous });
  for (const r of records) {
    const problem = checker.push(r);
    if (problem) return problem;
  }
  return checker.finish();
};

describe('canonical JSON', () => {
  it('sorts keys at every depth, has no whitespace, drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: null, y: 'é' }], c: undefined } })).toBe('{"a":{"d":[1,{"y":"é","z":null}]},"b":1}');
  });

  it('is stable through a JSON round trip and independent of key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(text).not.toMatch(/\n/);
      }),
    );
  });

  it('the Buffer and hex forms of the chain hash agree', () => {
    const r = record(3);
    expect(chainHash(GENESIS_HASH, r).toString('hex')).toBe(chainHashHex(GENESIS_HEX, r));
  });

  it('the hand-built event text equals canonicalJson of the event object', () => {
    const r = record(7, { comment: 'Dit "bonjour"', targetDn: 'uid=x,dc=fr', intentSeq: 3, directoryCode: 19, agentLogin: null, agentName: null });
    const object = {
      seq: r.seq, at: r.at, action: r.action, outcome: r.outcome, intentSeq: r.intentSeq, workstation: r.workstation,
      agent: null, target: { login: r.targetLogin, dn: r.targetDn }, evidence: JSON.parse(r.evidence), directoryCode: r.directoryCode,
      details: JSON.parse(r.details), comment: r.comment,
    };
    expect(canonicalEventText(r)).toBe(canonicalJson(object));
  });

  it('an agent without a display name hashes as an empty name, as canonicalJson writes it', () => {
    // Mutation caught: another placeholder for the missing name (the desk and the CLI would disagree).
    const r = record(8, { agentName: null });
    expect(canonicalEventText(r)).toContain('"agent":{"displayName":"","login":"mdurand"}');
    expect(canonicalEventText(r)).toBe(canonicalEventText({ ...r, agentName: '' }));
  });
});

describe('chain checker', () => {
  it('accepts an intact chain', () => {
    expect(check(chain(20))).toBeNull();
  });

  it('any change to any field of any event is caught at that event', () => {
    const fields: Array<keyof ChainRecord> = ['at', 'action', 'outcome', 'agentLogin', 'agentName', 'workstation', 'targetLogin', 'details', 'comment', 'evidence'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 19 }), fc.constantFrom(...fields), fc.string({ minLength: 1, maxLength: 5 }), (index, field, noise) => {
        const records = chain(20);
        const original = records[index]!;
        const value = field === 'details' || field === 'evidence' ? JSON.stringify([noise]) : `${String(original[field])}${noise}`;
        records[index] = { ...original, [field]: value };
        expect(check(records)).toEqual({ firstBadSeq: index + 1, reason: 'altered' });
      }),
    );
  });

  it('a gap is missing, swapped rows are reordered', () => {
    const records = chain(10);
    expect(check(records.filter((r) => r.seq !== 4))).toEqual({ firstBadSeq: 4, reason: 'missing', missing: 1 });
    // How many are gone, in the middle and at the very start.
    expect(check(records.filter((r) => r.seq < 3 || r.seq > 7))).toEqual({ firstBadSeq: 3, reason: 'missing', missing: 5 });
    expect(check(records.filter((r) => r.seq > 2))).toEqual({ firstBadSeq: 1, reason: 'missing', missing: 2 });
    const swapped = [...records];
    [swapped[3], swapped[4]] = [swapped[4]!, swapped[3]!];
    expect(check(swapped)).toEqual({ firstBadSeq: 4, reason: 'reordered' });
    // Same rows, numbers swapped back into place (what an UPDATE of the content does).
    const relabelled = records.map((r) => (r.seq === 4 ? { ...records[4]!, seq: 4 } : r.seq === 5 ? { ...records[3]!, seq: 5 } : r));
    expect(check(relabelled)).toEqual({ firstBadSeq: 4, reason: 'reordered' });
  });

  it('a filtered (non-contiguous) export checks each row and links consecutive ones', () => {
    const records = chain(10).filter((r) => r.seq % 3 !== 0);
    const checker = new ChainChecker({ startSeq: 1, startPrev: null, contiguous: false });
    expect(records.map((r) => checker.push(r)).filter(Boolean)).toEqual([]);
    const tampered = records.map((r) => (r.seq === 7 ? { ...r, comment: 'x' } : r));
    const again = new ChainChecker({ startSeq: 1, startPrev: null, contiguous: false });
    expect(tampered.map((r) => again.push(r)).find(Boolean)).toEqual({ firstBadSeq: 7, reason: 'altered' });
  });

  it('a filtered export links consecutive rows: a row re-hashed on another predecessor fails at that row', () => {
    // Mutation caught: ChainChecker no longer linking consecutive rows of a non-contiguous
    // export (`expectedPrev` reset to null on every row). Row 5 is self-consistent, but its
    // stored predecessor is not row 4, which the same export holds: the link 4 -> 5 is broken,
    // and a self-consistent row that does not follow names its predecessor (what an edited,
    // re-hashed row 4 looks like).
    const records = chain(10).filter((r) => r.seq % 3 !== 0);
    const forgedPrev = 'ab'.repeat(32);
    const relinked = records.map((r) => (r.seq === 5 ? { ...r, prevHash: forgedPrev, hash: chainHashHex(forgedPrev, r) } : r));
    const checker = new ChainChecker({ startSeq: 1, startPrev: null, contiguous: false });
    expect(relinked.map((r) => checker.push(r)).find(Boolean)).toEqual({ firstBadSeq: 4, reason: 'altered' });
    // After a gap (9 is not exported) the next row stands on its own stored predecessor.
    const afterGap = records.map((r) => (r.seq === 10 ? { ...r, prevHash: forgedPrev, hash: chainHashHex(forgedPrev, r) } : r));
    const lenient = new ChainChecker({ startSeq: 1, startPrev: null, contiguous: false });
    expect(afterGap.map((r) => lenient.push(r)).filter(Boolean)).toEqual([]);
  });

  it('the stored previous-hash column is compared, not only the recomputed link', () => {
    // Mutation caught: dropping `record.prevHash !== prev` from ChainChecker.push. Only the
    // prev_hash column of row 6 changes: its own hash still follows from the real row 5.
    const records = chain(10).map((r) => (r.seq === 6 ? { ...r, prevHash: 'cd'.repeat(32) } : r));
    expect(check(records)).toEqual({ firstBadSeq: 6, reason: 'altered' });
  });

  it('a gap is the first problem reported, even when rows after it are edited too; a gap before the last row too', () => {
    // Mutations caught: the pending gap not reported on the next row, or not at the end.
    const records = chain(12).filter((r) => r.seq !== 4);
    const edited = records.map((r) => (r.seq === 8 ? { ...r, comment: 'modifié' } : r));
    expect(check(edited)).toEqual({ firstBadSeq: 4, reason: 'missing', missing: 1 });
    expect(check(chain(12).filter((r) => r.seq !== 11))).toEqual({ firstBadSeq: 11, reason: 'missing', missing: 1 });
  });

  it('a first row numbered below where the chain starts is an edit there, never a negative gap', () => {
    // Bug found by mutation testing: the first row numbered 0 (its number erased) made a gap of
    // 0 - 1 events, which verify printed as "-1 events missing". Mutation caught with the fix:
    // the `record.seq < this.expectedSeq` test dropped.
    const records = chain(5);
    expect(check([{ ...records[0]!, seq: 0 }, ...records.slice(1)])).toEqual({ firstBadSeq: 1, reason: 'altered' });
    // A filtered export said to start at 5 whose first row is number 3 (a row it did not hold).
    const filtered = new ChainChecker({ startSeq: 5, startPrev: null, contiguous: false });
    expect(filtered.push(chain(8)[2]!)).toEqual({ firstBadSeq: 5, reason: 'altered' });
  });

  it('a row given twice is reordered at that row', () => {
    // Mutation caught: only a smaller number taken for a move back (an equal one passed through).
    const records = chain(8);
    expect(check([...records.slice(0, 5), records[4]!, ...records.slice(5)])).toEqual({ firstBadSeq: 5, reason: 'reordered' });
  });

  it('a row moved from further back, from the very first, or from 64 rows away is reordered, not altered', () => {
    // Mutations caught: only later numbers tried, number 1 never tried, the window one short.
    const records = chain(80);
    const movedTo = (seq: number, from: number) => records.map((r) => (r.seq === seq ? { ...records[from - 1]!, seq } : r));
    expect(check(movedTo(9, 6))).toEqual({ firstBadSeq: 9, reason: 'reordered' });
    expect(check(movedTo(2, 1))).toEqual({ firstBadSeq: 2, reason: 'reordered' });
    expect(check(movedTo(70, 6))).toEqual({ firstBadSeq: 70, reason: 'reordered' });
    expect(check(movedTo(71, 6))).toEqual({ firstBadSeq: 71, reason: 'altered' });
  });

  it('a row hashed under number 0 or below is altered, not "reordered" from an event that cannot exist', () => {
    // Mutation caught: the `seq >= 1` guard of the reorder search dropped (row 1 or 2, hashed as
    // if it were number 0 or -1, was then reported as moved, and the auditor sent looking for it).
    const records = chain(5);
    for (const [index, forgedSeq] of [[0, 0], [1, -1]] as const) {
      const row = records[index]!;
      const forged = records.map((r, i) => (i === index ? { ...row, hash: chainHashHex(row.prevHash, { ...row, seq: forgedSeq }) } : r));
      expect(check(forged)).toEqual({ firstBadSeq: row.seq, reason: 'altered' });
    }
  });
});
