import { describe, expect, it } from 'vitest';
import { canonicalPhone, mobileProblem, normalisePhone } from '../../../src/shared/phone-number';

const FR = { region: 'FR', alsoRegions: ['GP', 'MQ', 'GF', 'RE', 'YT', 'PM'] };

describe('mobile numbers typed at the desk become E.164', () => {
  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['0612345678', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['06-12-34-56-78', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['0033 6 12 34 56 78', '+33612345678'],
    ['07 81 23 45 67', '+33781234567'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+44 7911 123456', '+447911123456'],
    ['0044 7911 123456', '+447911123456'],
    ['+216 20 123 456', '+21620123456'],
    ['+1 202 555 0143', '+12025550143'],
    // French overseas mobiles typed nationally belong to their own plans, not to +33.
    ['0690 12 34 56', '+590690123456'],
    ['0692 12 34 56', '+262692123456'],
  ])('%s -> %s', (typed, e164) => {
    expect(normalisePhone(typed, FR)).toMatchObject({ ok: true, e164 });
  });

  it.each([
    ['too short', '06 12 34', 'incomplete'],
    ['one digit too many', '06 12 34 56 78 9', 'too-long'],
    ['two digits', '12', 'incomplete'],
    ['a prefix alone', '+33', 'incomplete'],
  ] as const)('%s is refused as %s', (_label, typed, reason) => {
    expect(normalisePhone(typed, FR)).toEqual({ ok: false, reason });
  });

  it.each([
    ['letters', 'abc'],
    ['a label after the number', '06 12 34 56 78 (domicile)'],
    ['a reserved UK range', '+44 7700 900123'],
    ['empty', '   '],
    ['an unknown country code', '+999 12 34 56 78'],
  ])('%s is invalid', (_label, typed) => {
    expect(normalisePhone(typed, FR)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('an overseas fallback is not used when the number has a country prefix', () => {
    expect(normalisePhone('+33 690 12 34 56', FR)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('another default region reads national numbers in its own plan', () => {
    expect(normalisePhone('020 7946 0958', { region: 'GB' })).toMatchObject({ ok: true, e164: '+442079460958' });
    expect(normalisePhone('020 7946 0958', FR).ok).toBe(false);
  });

  it('a registered value is compared in E.164, whatever its stored form', () => {
    expect(canonicalPhone('+33 6 12 34 56 78', FR)).toBe('+33612345678');
    expect(canonicalPhone('not a number', FR)).toBe('not a number');
  });
});

describe('the mobile field of a consent choice (the same answer on screen and in main)', () => {
  const FR = { region: 'FR', alsoRegions: ['GP', 'RE'] };
  it.each([
    [{ smsAlerts: true, mobile: '' }, false, 'required'],
    [{ smsAlerts: true }, true, null],
    [{ smsAlerts: false, mobile: '   ' }, false, null],
    [{ smsAlerts: false, mobile: '06 12' }, false, 'incomplete'],
    [{ smsAlerts: true, mobile: '06 12 34 56 78 9' }, true, 'too-long'],
    [{ smsAlerts: true, mobile: 'domicile' }, false, 'invalid'],
    [{ smsAlerts: true, mobile: '06 12 34 56 78' }, false, null],
  ] as const)('%j, registered %s: %s', (choice, registered, problem) => {
    expect(mobileProblem(choice, registered, FR)).toBe(problem);
  });
});
