import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  AUDIT_ACTIONS,
  DETAIL_SCHEMAS,
  auditEventInputSchema,
  isMaskedEmail,
  isMaskedPhone,
  maskEmail,
  maskPhone,
} from '../../../src/shared/audit-events';
import { assertNoSecrets, findForbiddenKey } from '../../../src/main/audit/secret-scrubber';

describe('masking helpers', () => {
  it('mask e-mail addresses and phone numbers, keeping just enough to recognise them', () => {
    expect(maskEmail('jean.dupont@etu.univ-demo.fr')).toBe('j***@e***.fr');
    expect(maskEmail('pas-une-adresse')).toBe('***');
    expect(maskPhone('+33 6 12 34 56 78')).toBe('+33*******78');
    expect(maskPhone('06 12 34 56 78')).toBe('06******78');
    expect(maskPhone('12')).toBe('***');
  });

  it('masked values are recognised as masked; clear ones are not', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (address) => {
        expect(isMaskedEmail(maskEmail(address))).toBe(true);
        expect(isMaskedEmail(address)).toBe(false);
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^\+?[0-9]{8,14}$/), (phone) => {
        expect(isMaskedPhone(maskPhone(phone))).toBe(true);
        expect(isMaskedPhone(phone)).toBe(false);
        expect(maskPhone(phone)).not.toContain(phone.replace('+', '').slice(2, -2));
      }),
    );
  });
});

describe('event schemas', () => {
  it('cover every action of the closed union', () => {
    expect(Object.keys(DETAIL_SCHEMAS).sort()).toEqual([...AUDIT_ACTIONS].sort());
  });

  it('have no field that could hold a password, code, answer or date of birth', () => {
    const keysOf = (schema: unknown, seen = new Set<unknown>()): string[] => {
      if (!schema || typeof schema !== 'object' || seen.has(schema)) return [];
      seen.add(schema);
      const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def ?? {};
      const shape = (def['shape'] as Record<string, unknown> | undefined) ?? {};
      return [
        ...Object.keys(shape),
        ...Object.values(shape).flatMap((s) => keysOf(s, seen)),
        ...['innerType', 'element', 'in', 'out'].flatMap((k) => keysOf(def[k], seen)),
        ...((def['options'] as unknown[] | undefined) ?? []).flatMap((s) => keysOf(s, seen)),
      ];
    };
    const keys = Object.values(DETAIL_SCHEMAS).flatMap((schema) => keysOf(schema));
    expect(keys).toContain('mustChangeAtNextLogin');
    for (const key of keys) expect(findForbiddenKey({ [key]: 1 })).toBeNull();
  });

  it('refuse unknown keys, wrong outcomes and unmasked contact values', () => {
    const base = { action: 'notification-sent', outcome: 'success', agent: null, details: { channel: 'mail', recipient: 'j***@u***.fr', purpose: 'activation' } };
    expect(auditEventInputSchema.safeParse(base).success).toBe(true);
    expect(auditEventInputSchema.safeParse({ ...base, outcome: 'pending' }).success).toBe(false);
    expect(auditEventInputSchema.safeParse({ ...base, details: { ...base.details, recipient: 'jean@univ.fr' } }).success).toBe(false);
    expect(auditEventInputSchema.safeParse({ ...base, details: { ...base.details, body: 'Votre code : 123456' } }).success).toBe(false);
    expect(auditEventInputSchema.safeParse({ ...base, extra: 1 }).success).toBe(false);
  });

  it('an address refused before sending is recorded without a recipient: which address and what is wrong only', () => {
    const refused = {
      action: 'notification-failed',
      outcome: 'denied',
      agent: null,
      details: { channel: 'mail', purpose: 'verification', reason: 'unusable-address', address: 'personal-mail', problem: 'control-character' },
    };
    expect(auditEventInputSchema.safeParse(refused).success).toBe(true);
    expect(auditEventInputSchema.safeParse({ ...refused, details: { ...refused.details, recipient: 'a***@y***.z' } }).success).toBe(false);
    expect(auditEventInputSchema.safeParse({ ...refused, details: { ...refused.details, problem: 'a@b.fr\r\nBcc: x@y.z' } }).success).toBe(false);
  });
});

describe('secret scrubber', () => {
  it('refuses secret-named keys at any depth, naming the key and never the value', () => {
    for (const key of ['password', 'newPassword', 'motDePasse', 'otp', 'oneTimeCode', 'code', 'secretAnswer', 'reponse', 'dateOfBirth', 'birthDate', 'dob', 'token', 'pin'])
      expect(findForbiddenKey({ a: [{ b: { [key]: 'x' } }] })).toBe(`details.a[0].b.${key}`);
    expect(() => assertNoSecrets({ changes: { password: 'Hunter2!' } })).toThrow(/details\.changes\.password/);
    try {
      assertNoSecrets({ password: 'Hunter2!' });
    } catch (error) {
      expect((error as Error).message).not.toContain('Hunter2');
    }
    expect(findForbiddenKey({ changes: { locked: { before: true, after: false } }, source: 'search' })).toBeNull();
  });
});
