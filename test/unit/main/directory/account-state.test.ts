import { describe, expect, it } from 'vitest';
import {
  activationOffer,
  generalizedTimeToIso,
  isNeverActivated,
  parseAccountState,
  passwordStatus,
  supannDate,
} from '../../../../src/main/directory/account-state';

describe('SUPANN account state', () => {
  it.each([
    [['{COMPTE}A:SupannActif'], ['{COMPTE}A:SupannActif:20260901:20270831'], { status: 'active', subState: 'SupannActif', start: '2026-09-01', end: '2027-08-31' }],
    [[], ['{COMPTE}A:SupannActif::'], { status: 'active', subState: 'SupannActif', start: null, end: null }],
    [['{COMPTE}I:SupannCree'], [], { status: 'inactive', subState: 'SupannCree', start: null, end: null }],
    [[], ['{COMPTE}I:SupannPrecree::'], { status: 'inactive', subState: 'SupannPrecree', start: null, end: null }],
    [[], ['{COMPTE}S:SupannVerrouille:20261015:'], { status: 'suspended', subState: 'SupannVerrouille', start: '2026-10-15', end: null }],
    [['{compte}A'], [], { status: 'active', subState: null, start: null, end: null }],
    [['{COMPTE}X:Bizarre'], [], { status: 'unknown', subState: 'Bizarre', start: null, end: null }],
    [[], [], { status: 'unknown', subState: null, start: null, end: null }],
    [[], ['{COMPTE}A:SupannActif:20261345:garbage'], { status: 'active', subState: 'SupannActif', start: null, end: null }],
  ])('%j %j', (etat, etatDate, expected) => {
    expect(parseAccountState(etat, etatDate)).toEqual(expected);
  });

  it('reads the account resource among others, the dated value first', () => {
    expect(parseAccountState(['{MAIL}S:SupannVerrouille', '{COMPTE}I:SupannExpire'], ['{MAIL}A:SupannActif::', '{COMPTE}A:SupannActif:20260901:'])).toEqual({
      status: 'active',
      subState: 'SupannActif',
      start: '2026-09-01',
      end: null,
    });
    expect(parseAccountState(['{MAIL}A:SupannActif'], [])).toMatchObject({ status: 'unknown' });
  });

  it('dates', () => {
    expect(supannDate('20240229')).toBe('2024-02-29');
    expect(supannDate('20250229')).toBeNull();
    expect(supannDate('20000229')).toBe('2000-02-29');
    expect(supannDate('19000229')).toBeNull();
    expect(supannDate('20261301')).toBeNull();
    expect(supannDate('20260431')).toBeNull();
    expect(supannDate('20260400')).toBeNull();
    expect(supannDate('')).toBeNull();
    expect(generalizedTimeToIso('20261120083404Z')).toBe('2026-11-20T08:34:04.000Z');
    expect(generalizedTimeToIso('20261120083404.5Z')).toBe('2026-11-20T08:34:04.500Z');
    expect(generalizedTimeToIso('000001010000Z')).toBeNull();
    expect(generalizedTimeToIso('yesterday')).toBeNull();
  });
});

describe('activation', () => {
  const state = (letter: string, sub: string | null) => parseAccountState([], [`{COMPTE}${letter}:${sub ?? ''}::`]);
  it.each([
    ['I', 'SupannCree', false, { offered: true, reason: 'never-activated' }],
    ['I', 'SupannPrecree', false, { offered: true, reason: 'never-activated' }],
    ['I', 'SupannCree', true, { offered: true, reason: 'never-activated' }],
    ['A', 'SupannActif', true, { offered: false, reason: 'already-active' }],
    // SUPANN says active: activated, even without pwdChangedTime (old imports).
    ['A', 'SupannActif', false, { offered: false, reason: 'already-active' }],
    ['S', 'SupannVerrouille', false, { offered: false, reason: 'suspended' }],
    ['I', 'SupannExpire', true, { offered: false, reason: 'expired' }],
    ['I', 'SupannInactif', true, { offered: false, reason: 'inactive' }],
    ['I', null, false, { offered: true, reason: 'never-activated' }],
  ] as const)('%s:%s password=%s -> %j', (letter, sub, hasPassword, expected) => {
    expect(activationOffer(state(letter, sub), hasPassword)).toEqual(expected);
  });

  it('no SUPANN state: the password alone decides', () => {
    const unknown = parseAccountState([], []);
    expect(isNeverActivated(unknown, false)).toBe(true);
    expect(activationOffer(unknown, true)).toEqual({ offered: false, reason: 'already-active' });
  });
});

describe('password status (ppolicy)', () => {
  it('a lock by failures', () => {
    expect(
      passwordStatus({
        pwdChangedTime: '20260903120000Z',
        pwdAccountLockedTime: '20261120083404Z',
        pwdFailureTime: ['20261120083000Z', '20261120083404Z'],
      }),
    ).toEqual({
      lastChange: '2026-09-03T12:00:00.000Z',
      hasPassword: true,
      mustChange: false,
      lockedSince: '2026-11-20T08:34:04.000Z',
      lockedByAdministrator: false,
      recentFailures: ['2026-11-20T08:34:04.000Z', '2026-11-20T08:30:00.000Z'],
    });
  });

  it('an administrator lock (000001010000Z) and a pending reset', () => {
    expect(passwordStatus({ pwdAccountLockedTime: '000001010000Z', pwdFailureTime: [], pwdReset: 'TRUE' })).toMatchObject({
      hasPassword: false,
      mustChange: true,
      lockedSince: null,
      lockedByAdministrator: true,
    });
  });
});
