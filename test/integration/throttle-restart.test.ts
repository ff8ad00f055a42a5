import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createOneTimeCodes } from '../../src/main/verification/one-time-code';
import { openThrottleStore, ThrottleStoreError } from '../../src/main/verification/throttle-store';

const MINUTE = 60_000;

describe('throttle file across a restart', () => {
  it('keeps a block and the code quota when the console restarts, and lifts the block after its time', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'guichet-throttle-')), 'data', 'throttle.sqlite');
    let clock = Date.parse('2026-03-02T09:00:00Z');
    const now = () => new Date(clock);

    const before = openThrottleStore(path, { now });
    for (let i = 0; i < 3; i += 1) before.recordFailure('uid=etu1,ou=people', 'identifier-birthdate');
    const codes = createOneTimeCodes({ store: before, now });
    for (let i = 0; i < 3; i += 1) expect(codes.issue('uid=etu1,ou=people').ok).toBe(true);
    before.close();

    clock += 2 * MINUTE;
    const after = openThrottleStore(path, { now });
    const state = after.isBlocked('uid=etu1,ou=people', 'identifier-birthdate');
    expect(state.blocked).toBe(true);
    expect(state.until).toEqual(new Date(Date.parse('2026-03-02T09:15:00Z')));
    // A new process has a new key and no pending code, but the quota is still used up.
    const codesAfter = createOneTimeCodes({ store: after, now });
    expect(codesAfter.issue('uid=etu1,ou=people')).toEqual({
      ok: false,
      reason: 'THROTTLED',
      retryAt: new Date(Date.parse('2026-03-03T09:00:00Z')),
    });

    clock = Date.parse('2026-03-02T09:15:00Z');
    expect(after.isBlocked('uid=etu1,ou=people', 'identifier-birthdate').blocked).toBe(false);
    after.close();

    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT COUNT(*) AS n FROM attempts').get()).toEqual({ n: 6 });
    db.close();
  });

  it('refuses a file written by a newer version', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'guichet-throttle-')), 'throttle.sqlite');
    openThrottleStore(path).close();
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openThrottleStore(path)).toThrow(ThrottleStoreError);
  });
});
