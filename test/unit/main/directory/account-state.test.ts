import { describe, expect, it } from 'vitest';
import { generalizedTimeToIso, parseAccountState, passwordStatus, supannDate } from '../../../../src/main/directory/account-state';

describe('SUPANN account state', () => {
  const read = { reading: 'read' } as const;
  it.each([
    [['{COMPTE}A:SupannActif'], ['{COMPTE}A:SupannActif:20260901:20270831'], { status: 'active', subState: 'SupannActif', start: '2026-09-01', end: '2027-08-31', ...read }],
    [[], ['{COMPTE}A:SupannActif::'], { status: 'active', subState: 'SupannActif', start: null, end: null, ...read }],
    [['{COMPTE}I:SupannCree'], [], { status: 'inactive', subState: 'SupannCree', start: null, end: null, ...read }],
    [[], ['{COMPTE}I:SupannPrecree::'], { status: 'inactive', subState: 'SupannPrecree', start: null, end: null, ...read }],
    [[], ['{COMPTE}S:SupannVerrouille:20261015:'], { status: 'suspended', subState: 'SupannVerrouille', start: '2026-10-15', end: null, ...read }],
    [['{compte}A'], [], { status: 'active', subState: null, start: null, end: null, ...read }],
    // A local sub-state under a known letter is read by its letter.
    [['{COMPTE}A:LocalActif'], [], { status: 'active', subState: 'LocalActif', start: null, end: null, ...read }],
    // A malformed date loses the date only.
    [[], ['{COMPTE}A:SupannActif:20261345:garbage'], { status: 'active', subState: 'SupannActif', start: null, end: null, ...read }],
    [[], [], { status: 'unknown', subState: null, start: null, end: null, reading: 'missing' }],
  ])('%j %j', (etat, etatDate, expected) => {
    expect(parseAccountState(etat, etatDate)).toEqual(expected);
  });

  it.each([
    ['an unknown state letter', ['{COMPTE}X:Bizarre'], []],
    ['the garbled value of issue 15', [], ['{COMPTE}Z:SupannCree::']],
    ['no letter at all', [], ['{COMPTE}']],
    ['a sub-state of another letter', [], ['{COMPTE}I:SupannActif::']],
    ['more fields than SUPANN has', [], ['{COMPTE}A:SupannActif:20260901:20270831:x']],
    ['the two attributes saying different states', ['{COMPTE}I:SupannExpire'], ['{COMPTE}A:SupannActif:20260901:']],
    ['a readable value beside a garbled one', ['{COMPTE}I:SupannCree'], ['{COMPTE}Z:…']],
  ])('%s: unreadable, nothing inferred', (_label, etat, etatDate) => {
    expect(parseAccountState(etat, etatDate)).toEqual({ status: 'unknown', subState: null, start: null, end: null, reading: 'unreadable' });
  });

  it('reads the account resource among others; the dated value gives the dates', () => {
    expect(parseAccountState(['{MAIL}S:SupannVerrouille', '{COMPTE}A:SupannActif'], ['{MAIL}A:SupannActif::', '{COMPTE}A:SupannActif:20260901:'])).toEqual({
      status: 'active',
      subState: 'SupannActif',
      start: '2026-09-01',
      end: null,
      reading: 'read',
    });
    expect(parseAccountState(['{MAIL}A:SupannActif'], [])).toMatchObject({ status: 'unknown', reading: 'missing' });
  });

  it('hands out a fresh copy each time: what one caller changes, the next never sees', () => {
    const first = parseAccountState(['{COMPTE}A:SupannActif'], ['{COMPTE}A:SupannActif:20260901:20270831']);
    first.status = 'suspended';
    expect(parseAccountState(['{COMPTE}A:SupannActif'], ['{COMPTE}A:SupannActif:20260901:20270831'])).toMatchObject({ status: 'active', start: '2026-09-01' });
  });

  it('tells apart values that only differ in how they are split', () => {
    expect(parseAccountState(['{COMPTE}A:SupannActif', '{COMPTE}I:SupannCree'], [])).toMatchObject({ reading: 'unreadable' });
    expect(parseAccountState(['{COMPTE}A:SupannActif'], ['{COMPTE}I:SupannCree'])).toMatchObject({ reading: 'unreadable' });
    expect(parseAccountState(['{COMPTE}A:SupannActif'], [])).toMatchObject({ status: 'active', reading: 'read' });
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
