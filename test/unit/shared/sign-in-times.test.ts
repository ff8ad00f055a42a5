/**
 * The card's password expiry and last successful sign-in (shared/sign-in-times.ts), as a
 * table: the directory's facts and the clock in, what the card says out. The expectations
 * are the dates and day counts a person at the desk would compute, written out.
 */
import { describe, expect, it } from 'vitest';
import { EXPIRY_WARNING_DAYS, lastSignIn, parseMaxAge, passwordExpiry, type PasswordPolicyFacts } from '../../../src/shared/sign-in-times';

const now = Date.parse('2026-12-01T10:00:00Z');
const DAY = 86_400;
const policy = (days: number): PasswordPolicyFacts => ({ reading: 'read', maxAgeSeconds: days * DAY });

describe('the password expiry: pwdChangedTime + the policy’s pwdMaxAge', () => {
  it.each([
    ['changed 60 days ago, 90-day policy: 30 days left', '2026-10-02T10:00:00Z', policy(90), { kind: 'expires', at: '2026-12-31T10:00:00.000Z', days: 30, soon: false }],
    ['fourteen days and a half left: 14 days, no warning yet', '2026-09-16T22:00:00Z', policy(90), { kind: 'expires', at: '2026-12-15T22:00:00.000Z', days: 14, soon: false }],
    ['twelve days left: a warning', '2026-09-14T10:00:00Z', policy(90), { kind: 'expires', at: '2026-12-13T10:00:00.000Z', days: 12, soon: true }],
    ['five hours left: less than a day', '2026-09-02T15:00:00Z', policy(90), { kind: 'expires', at: '2026-12-01T15:00:00.000Z', days: 0, soon: true }],
    ['expired two days and an hour ago', '2026-08-31T09:00:00Z', policy(90), { kind: 'expired', at: '2026-11-29T09:00:00.000Z', days: 2 }],
    ['expired this very second', '2026-09-02T10:00:00Z', policy(90), { kind: 'expired', at: '2026-12-01T10:00:00.000Z', days: 0 }],
  ] as const)('%s', (_name, changedAt, p, expected) => {
    expect(passwordExpiry({ hasPassword: true, changedAt, policy: p, now })).toEqual(expected);
  });

  it('warns from EXPIRY_WARNING_DAYS days left, not before', () => {
    const at = (daysLeft: number) => new Date(now + daysLeft * DAY * 1000 - 90 * DAY * 1000).toISOString();
    expect(passwordExpiry({ hasPassword: true, changedAt: at(EXPIRY_WARNING_DAYS), policy: policy(90), now })).toMatchObject({ days: EXPIRY_WARNING_DAYS, soon: false });
    expect(passwordExpiry({ hasPassword: true, changedAt: at(EXPIRY_WARNING_DAYS - 0.5), policy: policy(90), now })).toMatchObject({ days: EXPIRY_WARNING_DAYS - 1, soon: true });
  });

  it('says what it cannot know instead of a date', () => {
    const base = { hasPassword: true, changedAt: '2026-11-01T00:00:00Z', now };
    expect(passwordExpiry({ ...base, hasPassword: false, changedAt: null, policy: policy(90) })).toEqual({ kind: 'no-password' });
    expect(passwordExpiry({ ...base, policy: { reading: 'unknown' } })).toEqual({ kind: 'policy-unknown' });
    expect(passwordExpiry({ ...base, policy: { reading: 'unreadable' } })).toEqual({ kind: 'unreadable' });
    expect(passwordExpiry({ ...base, policy: { reading: 'read', maxAgeSeconds: 0 } })).toEqual({ kind: 'never' });
    // A password without a readable change time, or one changed in the directory's future.
    expect(passwordExpiry({ ...base, changedAt: null, policy: policy(90) })).toEqual({ kind: 'unreadable' });
    expect(passwordExpiry({ ...base, changedAt: '2027-06-01T00:00:00Z', policy: policy(90) })).toEqual({ kind: 'unreadable' });
    // A clock a few minutes off is a clock, not a mistake; hours ahead are the directory's.
    expect(passwordExpiry({ ...base, changedAt: '2026-12-01T10:05:00Z', policy: policy(90) })).toMatchObject({ kind: 'expires', days: 90 });
    expect(passwordExpiry({ ...base, changedAt: '2026-12-01T13:00:00Z', policy: policy(90) })).toEqual({ kind: 'unreadable' });
  });

  it('reads pwdMaxAge as a count of seconds, or not at all', () => {
    expect(parseMaxAge(null)).toBe(0);
    expect(parseMaxAge('7776000')).toBe(7_776_000);
    expect(parseMaxAge(' 0 ')).toBe(0);
    for (const bad of ['-1', '90d', '1e6', '', '12345678901', '9999999999', '３０'])
      expect(parseMaxAge(bad), bad).toBeNull();
  });
});

describe('the last successful sign-in', () => {
  it.each([
    ['not kept by the directory', { reading: 'not-tracked' }, { kind: 'not-tracked' }],
    ['kept, none recorded', { reading: 'read', at: null }, { kind: 'never' }],
    ['unreadable', { reading: 'unreadable' }, { kind: 'unreadable' }],
    ['this morning', { reading: 'read', at: '2026-12-01T07:30:00Z' }, { kind: 'at', at: '2026-12-01T07:30:00.000Z', days: 0 }],
    ['three days and a bit ago', { reading: 'read', at: '2026-11-28T09:00:00Z' }, { kind: 'at', at: '2026-11-28T09:00:00.000Z', days: 3 }],
    ['a few minutes ahead of the desk’s clock', { reading: 'read', at: '2026-12-01T10:05:00Z' }, { kind: 'at', at: '2026-12-01T10:05:00.000Z', days: 0 }],
    ['in the directory’s future', { reading: 'read', at: '2027-01-15T10:00:00Z' }, { kind: 'unreadable' }],
    ['later today than now', { reading: 'read', at: '2026-12-01T19:10:00Z' }, { kind: 'unreadable' }],
    ['not a time', { reading: 'read', at: 'hier' }, { kind: 'unreadable' }],
  ] as const)('%s', (_name, facts, expected) => {
    expect(lastSignIn(facts, now)).toEqual(expected);
  });
});
