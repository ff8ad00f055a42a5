/**
 * The verdict on the person's own change with the current password (shared/self-change.ts):
 * offered only where the institution allows it and on an account in use; not usable on a
 * locked account or while the person's sign-in is blocked after failures. The expectations
 * are the desk's rules spelled out.
 */
import { describe, expect, it } from 'vitest';
import type { AccountState } from '../../../src/shared/account';
import type { AccountFacts } from '../../../src/shared/account-standing';
import { selfChangeVerdict } from '../../../src/shared/self-change';

const NOW = Date.parse('2026-12-01T10:00:00Z');
const state = (status: AccountState['status'], subState: string | null): AccountState => ({ status, subState, start: null, end: null, reading: 'read' });
const facts = (over: Partial<AccountFacts> = {}): AccountFacts => ({
  state: state('active', 'SupannActif'),
  primaryAffiliation: 'student',
  hasPassword: true,
  locked: false,
  lockedByAdministrator: false,
  resetPending: false,
  redListed: false,
  secondFactor: null,
  ...over,
});
const open = { configured: true, blockedUntil: null };

describe('selfChangeVerdict', () => {
  it('an active account with a password, the institution offering it: offered and enabled, no identity check asked', () => {
    expect(selfChangeVerdict(facts(), open, NOW)).toEqual({ offered: true, enabled: true, problem: null, blockedUntil: null });
    // A password to change after a reset is still the person's to change.
    expect(selfChangeVerdict(facts({ resetPending: true }), open, NOW).enabled).toBe(true);
  });

  it('not offered where the institution does not use it, whatever the account', () => {
    expect(selfChangeVerdict(facts(), { configured: false, blockedUntil: null }, NOW)).toMatchObject({ offered: false, enabled: false, problem: 'not-offered' });
  });

  it('not offered on an account with no password in use: never activated, pre-created, expired, suspended', () => {
    expect(selfChangeVerdict(facts({ state: state('inactive', 'SupannCree'), hasPassword: false }), open, NOW)).toMatchObject({ offered: false, problem: 'never-activated' });
    expect(selfChangeVerdict(facts({ state: state('inactive', 'SupannPrecree'), hasPassword: false }), open, NOW)).toMatchObject({ offered: false, problem: 'pre-created' });
    expect(selfChangeVerdict(facts({ state: state('inactive', 'SupannExpire') }), open, NOW)).toMatchObject({ offered: false, problem: 'expired' });
    expect(selfChangeVerdict(facts({ state: state('suspended', 'SupannVerrouille') }), open, NOW)).toMatchObject({ offered: false, problem: 'suspended' });
  });

  it('offered but off on a locked account (the right password would fail too) and while the sign-in is blocked, open again once the block is over', () => {
    expect(selfChangeVerdict(facts({ locked: true }), open, NOW)).toEqual({ offered: true, enabled: false, problem: 'account-locked', blockedUntil: null });
    const until = '2026-12-01T10:15:00Z';
    expect(selfChangeVerdict(facts(), { configured: true, blockedUntil: until }, NOW)).toEqual({ offered: true, enabled: false, problem: 'blocked', blockedUntil: until });
    expect(selfChangeVerdict(facts(), { configured: true, blockedUntil: until }, Date.parse(until) + 1).enabled).toBe(true);
  });
});
