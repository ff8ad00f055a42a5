import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openThrottleStore, type ThrottleStore } from '../../../../src/main/verification/throttle-store';

const MINUTE = 60_000;
const file = () => join(mkdtempSync(join(tmpdir(), 'guichet-throttle-')), 'throttle.sqlite');

describe('throttle counters', () => {
  let clock = Date.parse('2026-03-02T09:00:00Z');
  const now = () => new Date(clock);
  const open: ThrottleStore[] = [];
  const store = () => {
    const s = openThrottleStore(file(), { now });
    open.push(s);
    return s;
  };
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
    clock = Date.parse('2026-03-02T09:00:00Z');
  });

  it('blocks a method after 3 failures in 15 minutes, for 15 minutes from the third', () => {
    const s = store();
    expect(s.recordFailure('uid=a', 'identifier-birthdate')).toEqual({ blocked: false, until: null, failures: 1 });
    clock += 5 * MINUTE;
    s.recordFailure('uid=a', 'identifier-birthdate');
    clock += 5 * MINUTE;
    const third = s.recordFailure('uid=a', 'identifier-birthdate');
    expect(third.blocked).toBe(true);
    expect(third.until).toEqual(new Date(clock + 15 * MINUTE));
    // Other methods and other accounts are not blocked.
    expect(s.isBlocked('uid=a', 'email-code').blocked).toBe(false);
    expect(s.isBlocked('uid=b', 'identifier-birthdate').blocked).toBe(false);
    clock += 15 * MINUTE - 1;
    expect(s.isBlocked('uid=a', 'identifier-birthdate').blocked).toBe(true);
    clock += 1;
    expect(s.isBlocked('uid=a', 'identifier-birthdate')).toEqual({ blocked: false, until: null, failures: 0 });
  });

  it('does not block failures spread over more than the window', () => {
    const s = store();
    s.recordFailure('uid=a', 'secret-question');
    clock += 8 * MINUTE;
    s.recordFailure('uid=a', 'secret-question');
    clock += 8 * MINUTE;
    expect(s.recordFailure('uid=a', 'secret-question').blocked).toBe(false);
  });

  it('forgets failures of a method on clear, but keeps the sends', () => {
    const s = store();
    s.recordFailure('uid=a', 'email-code');
    s.recordFailure('uid=a', 'email-code');
    s.recordSend('uid=a', 'email-code');
    s.clear('uid=a', 'email-code');
    expect(s.recordFailure('uid=a', 'email-code').failures).toBe(1);
    expect(s.sendsToday('uid=a', 'email-code')).toBe(1);
  });

  it('counts sends over a rolling 24 hours and says when the next one is allowed', () => {
    const s = store();
    s.recordSend('uid=a', 'email-code');
    const first = clock;
    clock += 60 * MINUTE;
    s.recordSend('uid=a', 'email-code');
    clock += 60 * MINUTE;
    s.recordSend('uid=a', 'email-code');
    expect(s.sendsToday('uid=a', 'email-code')).toBe(3);
    expect(s.sendsAllowedAgainAt('uid=a', 'email-code', 3)).toEqual(new Date(first + 24 * 60 * MINUTE));
    expect(s.sendsAllowedAgainAt('uid=a', 'email-code', 4)).toBeNull();
    clock = first + 24 * 60 * MINUTE;
    expect(s.sendsToday('uid=a', 'email-code')).toBe(2);
  });
});
