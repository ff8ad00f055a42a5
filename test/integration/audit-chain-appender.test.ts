/** The chain appender alone on a real SQLite file: links, head cache across connections, refused settles, clamped clock. */
import { afterEach, describe, expect, it } from 'vitest';
import { chainHashHex, GENESIS_HEX } from '../../src/main/audit/audit-chain';
import { arrayToRecord, EVENT_COLUMNS } from '../../src/main/audit/audit-rows';
import { ChainAppender } from '../../src/main/audit/chain-appender';
import { auditParts, viewed, whileLocked, type AuditParts } from './support/audit-parts';
import { resetIntent } from '../support/audit-inputs';

let parts: AuditParts;
afterEach(() => parts?.cleanup());

/** Every row recomputed from its columns: the chain links as verify expects. */
function chainOf(parts: AuditParts): Array<{ seq: number; linked: boolean }> {
  const rows = parts.db.prepare(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY seq`).raw(true).all();
  let prev = GENESIS_HEX;
  return rows.map((raw) => {
    const row = arrayToRecord(raw as never);
    const linked = row.prevHash === prev && row.hash === chainHashHex(prev, row);
    prev = row.hash;
    return { seq: row.seq, linked };
  });
}

describe('chain appender', () => {
  it('numbers events from 1 and links each to the previous hash, one commit or many', () => {
    parts = auditParts();
    const { chain, preparer } = parts;
    const first = chain.commit([viewed(preparer)]);
    const batch = chain.commit([viewed(preparer), viewed(preparer, 'deux'), viewed(preparer, 'trois')]);
    expect([...first, ...batch].map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(chainOf(parts)).toEqual([1, 2, 3, 4].map((seq) => ({ seq, linked: true })));
    const stored = parts.db.prepare('SELECT hex(hash) FROM events WHERE seq = 4').pluck().get() as string;
    expect(batch.at(-1)!.hash).toBe(stored.toLowerCase());
  });

  it('two connections taking turns: each sees the other’s commits (data_version moved) and continues after them', () => {
    parts = auditParts();
    const other = new ChainAppender(parts.connect(), () => new Date());
    const seqs: number[] = [];
    for (let i = 0; i < 12; i += 1) seqs.push((i % 3 === 0 ? other : parts.chain).commit([viewed(parts.preparer)])[0]!.seq);
    expect(seqs).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(chainOf(parts).every((row) => row.linked)).toBe(true);
  });

  it('remembers its own head: another write on the same connection goes unseen until forgetHead', () => {
    parts = auditParts();
    parts.chain.commit([viewed(parts.preparer)]);
    // The retention purge writes on the appender's own connection: data_version does not move.
    const sameConnection = new ChainAppender(parts.db, () => new Date());
    parts.db.transaction(() => sameConnection.insertAfterHead([viewed(parts.preparer)]))();
    expect(() => parts.chain.commit([viewed(parts.preparer)])).toThrow(/UNIQUE|PRIMARY KEY/);
    // A failed commit drops the cached head; forgetHead does the same on purpose.
    expect(parts.chain.commit([viewed(parts.preparer)])[0]!.seq).toBe(3);
    parts.db.transaction(() => sameConnection.insertAfterHead([viewed(parts.preparer)]))();
    parts.chain.forgetHead();
    expect(parts.chain.commit([viewed(parts.preparer)])[0]!.seq).toBe(5);
    expect(chainOf(parts).every((row) => row.linked)).toBe(true);
  });

  it('an intent opens and closes once; settling it again is a CONFLICT and the whole transaction is rolled back', () => {
    parts = auditParts();
    const { chain, preparer, db } = parts;
    const parsed = preparer.parseIntent(resetIntent);
    const [intent] = chain.commit([preparer.intent(parsed)]);
    expect(db.prepare('SELECT seq FROM open_intents').pluck().all()).toEqual([intent!.seq]);
    const handle = { seq: intent!.seq, action: parsed.action, intent: parsed };
    chain.commit([preparer.outcome(handle, 'success', {})]);
    expect(db.prepare('SELECT count(*) FROM open_intents').pluck().get()).toBe(0);
    // The message names the intent: what the log tells the IT team about a double settlement.
    expect(() => chain.commit([viewed(preparer), preparer.outcome(handle, 'failure', {})])).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: `intent ${intent!.seq} is already settled` }),
    );
    expect(db.prepare('SELECT seq, outcome, intent_seq AS intentSeq FROM events').all()).toEqual([
      { seq: 1, outcome: 'pending', intentSeq: null },
      { seq: 2, outcome: 'success', intentSeq: 1 },
    ]);
    expect(chain.commit([viewed(preparer)])[0]!.seq).toBe(3);
  });

  it('a clock stepped back is clamped: times never go backwards along the chain', () => {
    let now = Date.parse('2026-03-01T10:00:00.000Z');
    parts = auditParts({ now: () => new Date(now) });
    parts.chain.commit([viewed(parts.preparer)]);
    now -= 3_600_000;
    const [clamped] = parts.chain.commit([viewed(parts.preparer)]);
    now += 7_200_000;
    const [later] = parts.chain.commit([viewed(parts.preparer)]);
    expect([clamped!.at, later!.at]).toEqual(['2026-03-01T10:00:00.000Z', '2026-03-01T11:00:00.000Z']);
  });

  it('a file locked by another process: AUDIT_UNAVAILABLE, nothing written, and the next commit follows the real head', () => {
    parts = auditParts({ busyTimeoutMs: 30 });
    parts.chain.commit([viewed(parts.preparer)]);
    whileLocked(parts.path, () =>
      expect(() => parts.chain.commit([viewed(parts.preparer)])).toThrow(expect.objectContaining({ code: 'AUDIT_UNAVAILABLE' })),
    );
    expect(parts.chain.commit([viewed(parts.preparer)])[0]!.seq).toBe(2);
    expect(chainOf(parts)).toEqual([
      { seq: 1, linked: true },
      { seq: 2, linked: true },
    ]);
  });
});
