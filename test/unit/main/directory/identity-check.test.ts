/** Reading a change back: did a password change whose answer was lost go through? */
import { describe, expect, it } from 'vitest';
import { changedSince, type PasswordState } from '../../../../src/main/directory/identity-check';

const before: PasswordState = { pwdChangedTime: '20260101120000Z', pwdReset: false, locked: true, lockedByAdministrator: false, failures: [] };

describe('changedSince', () => {
  it('sees a change when pwdChangedTime moved, or pwdReset appeared', () => {
    expect(changedSince(before, { ...before, pwdChangedTime: '20260102090000Z' })).toBe(true);
    expect(changedSince(before, { ...before, pwdReset: true })).toBe(true);
    expect(changedSince({ ...before, pwdChangedTime: null }, { ...before, pwdChangedTime: '20260102090000Z' })).toBe(true);
  });

  it('sees none when neither moved, whatever else did (an unlock is not a password change)', () => {
    expect(changedSince(before, { ...before, locked: false, failures: ['2026-01-02T08:00:00.000Z'] })).toBe(false);
    expect(changedSince({ ...before, pwdReset: true }, { ...before, pwdReset: true })).toBe(false);
  });
});
