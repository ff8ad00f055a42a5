/** Deferred outcomes alone on a real SQLite file: kept while the file is locked, written oldest first once it is back. */
import { afterEach, describe, expect, it } from 'vitest';
import { DeferredOutcomes } from '../../src/main/audit/deferred-outcomes';
import type { IntentHandle } from '../../src/main/audit/event-preparer';
import { auditParts, whileLocked, type AuditParts } from './support/audit-parts';
import { resetIntent } from '../support/audit-inputs';

let parts: AuditParts;
afterEach(() => parts?.cleanup());

function openIntent(): IntentHandle {
  const parsed = parts.preparer.parseIntent(resetIntent);
  const [written] = parts.chain.commit([parts.preparer.intent(parsed)]);
  return { seq: written!.seq, action: parsed.action, intent: parsed };
}

const outcomes = () =>
  parts.db.prepare('SELECT seq, outcome, intent_seq AS intentSeq, directory_code AS code FROM events WHERE intent_seq IS NOT NULL ORDER BY seq').all();

describe('deferred outcomes', () => {
  it('kept while the file is locked, then written oldest first and closing their intents', () => {
    parts = auditParts({ busyTimeoutMs: 30 });
    const deferred = new DeferredOutcomes(parts.preparer, parts.chain);
    const first = openIntent();
    const second = openIntent();
    deferred.keep(first, 'success', {});
    deferred.keep(second, 'failure', { directoryCode: 19 });
    whileLocked(parts.path, () => expect(() => deferred.writeAll()).toThrow(expect.objectContaining({ code: 'AUDIT_UNAVAILABLE' })));
    expect(deferred.count).toBe(2);
    expect(outcomes()).toEqual([]);
    deferred.writeAll();
    expect(deferred.count).toBe(0);
    expect(outcomes()).toEqual([
      { seq: 3, outcome: 'success', intentSeq: first.seq, code: null },
      { seq: 4, outcome: 'failure', intentSeq: second.seq, code: 19 },
    ]);
    expect(parts.db.prepare('SELECT count(*) FROM open_intents').pluck().get()).toBe(0);
  });

  it('stops at the first that cannot be written: it and those after it stay kept, those before are written', () => {
    parts = auditParts();
    const deferred = new DeferredOutcomes(parts.preparer, parts.chain);
    const first = openIntent();
    const second = openIntent();
    deferred.keep(first, 'success', {});
    // Settled meanwhile by someone else: this one can never be written as it stands.
    parts.chain.commit([parts.preparer.outcome(second, 'unknown', {})]);
    deferred.keep(second, 'success', {});
    const third = openIntent();
    deferred.keep(third, 'success', {});
    expect(() => deferred.writeAll()).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(deferred.count).toBe(2);
    expect(outcomes()).toEqual([
      { seq: 3, outcome: 'unknown', intentSeq: second.seq, code: null },
      { seq: 5, outcome: 'success', intentSeq: first.seq, code: null },
    ]);
  });
});
