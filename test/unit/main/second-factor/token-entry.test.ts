/** The token as the card reads it (every value untrusted) and the one modify that enrols, replaces or removes it. */
import type { Change, Entry } from 'ldapts';
import { describe, expect, it } from 'vitest';
import type { ReadableClient } from '../../../../src/main/directory/client-access';
import { enrolChanges, removeChanges, tokenAttributes, tokenStateOf } from '../../../../src/main/second-factor/token-entry';
import { createPendingEnrolments } from '../../../../src/main/second-factor/pending-enrolment';
import { qrRows } from '../../../../src/main/second-factor/qr-matrix';
import { groupKey } from '../../../../src/shared/second-factor';
import { readQrRows } from '../../../support/authenticator';

const attrs = { secondFactorSince: 'guichetSecondFactorSince' };
const DN = 'uid=jdoe,ou=people,dc=univ,dc=fr';
const PARAMS = 'cn=totp,ou=policies,dc=univ,dc=fr';

/** A directory holding these entries, answering base searches only. */
function directoryOf(...entries: Entry[]): ReadableClient {
  return {
    search: async (base: string) => ({ searchEntries: entries.filter((e) => e.dn === base), searchReferences: [] }),
    compare: async () => false,
  } as unknown as ReadableClient;
}

const person = (extra: Record<string, string | string[]>): Entry => ({ dn: DN, objectClass: ['inetOrgPerson', 'guichetAccount'], ...extra }) as Entry;
const enrolled = (extra: Record<string, string | string[]> = {}) =>
  person({
    objectClass: ['inetOrgPerson', 'guichetAccount', 'oathTOTPUser', 'oathTOTPToken', 'oathTOTPParams'],
    oathTOTPToken: DN,
    oathTOTPParams: DN,
    oathOTPLength: '6',
    oathHMACAlgorithm: '1.2.840.113549.2.7',
    oathTOTPTimeStepPeriod: '30',
    oathTOTPLastTimeStep: '59870734',
    guichetSecondFactorSince: '20261002093000Z',
    ...extra,
  });

const summary = (changes: Change[]) => changes.map((c) => [c.operation, c.modification.type, c.modification.values.map((v) => (Buffer.isBuffer(v) ? `<${v.length} bytes>` : v))]);

describe('the token on the card', () => {
  it('reads kind, enrolment time, last accepted code and parameters, never asking for the secret', async () => {
    expect(tokenAttributes(attrs)).not.toContain('oathSecret');
    const state = await tokenStateOf(directoryOf(), enrolled(), attrs);
    expect(state.status).toEqual({ kind: 'totp', since: '2026-10-02T09:30:00.000Z', lastCodeAt: new Date(59870734 * 30_000).toISOString(), digits: 6, periodSeconds: 30, algorithm: 'SHA1' });
    expect(state.classes).toEqual(['oathTOTPUser', 'oathTOTPToken', 'oathTOTPParams']);
  });

  it('follows parameters kept in a shared entry, and says "none" without the user class', async () => {
    const shared = { dn: PARAMS, oathOTPLength: '8', oathHMACAlgorithm: '1.2.840.113549.2.9', oathTOTPTimeStepPeriod: '60' } as Entry;
    const entry = enrolled({ objectClass: ['inetOrgPerson', 'oathTOTPUser', 'oathTOTPToken'], oathTOTPParams: PARAMS, oathOTPLength: [] as never });
    const state = await tokenStateOf(directoryOf(shared), entry, attrs);
    expect(state.status).toMatchObject({ kind: 'totp', digits: 8, periodSeconds: 60, algorithm: 'SHA256', lastCodeAt: new Date(59870734 * 60_000).toISOString() });
    expect((await tokenStateOf(directoryOf(), person({ oathTOTPToken: DN }), attrs)).status.kind).toBe('none');
  });

  it('treats the directory’s values as untrusted: junk reads as unknown, not as a date or a number', async () => {
    const junk = enrolled({ oathOTPLength: '-6', oathHMACAlgorithm: 'md5', oathTOTPTimeStepPeriod: '30s', oathTOTPLastTimeStep: '9'.repeat(30), guichetSecondFactorSince: 'hier' });
    const state = await tokenStateOf(directoryOf(), junk, attrs);
    expect(state.status).toEqual({ kind: 'totp', since: null, lastCodeAt: null, digits: null, periodSeconds: null, algorithm: null });
    // A token entry that cannot be read (gone, or closed to the desk) still says "an authenticator".
    const elsewhere = await tokenStateOf(directoryOf(), enrolled({ oathTOTPToken: 'cn=gone,dc=univ,dc=fr' }), attrs);
    expect(elsewhere.status).toMatchObject({ kind: 'totp', lastCodeAt: null, digits: null });
  });
});

describe('the one modify', () => {
  const token = { dn: DN, secret: Buffer.alloc(20, 1), digits: 6 as const, periodSeconds: 30 as const, algorithm: 'SHA1' as const, window: 1, lastStep: 100, since: '20261201100000Z' };

  it('enrols: adds the missing classes (the local one too), replaces every token attribute, clears the old drift', async () => {
    const before = await tokenStateOf(directoryOf(), person({ objectClass: ['inetOrgPerson'] }), attrs);
    expect(summary(enrolChanges(before, token, { sinceAttribute: 'guichetSecondFactorSince', localClass: 'guichetAccount' }))).toEqual([
      ['add', 'objectClass', ['oathTOTPUser', 'oathTOTPToken', 'oathTOTPParams', 'guichetAccount']],
      ['replace', 'oathTOTPToken', [DN]],
      ['replace', 'oathTOTPParams', [DN]],
      ['replace', 'oathSecret', ['<20 bytes>']],
      ['replace', 'oathOTPLength', ['6']],
      ['replace', 'oathHMACAlgorithm', ['1.2.840.113549.2.7']],
      ['replace', 'oathTOTPTimeStepPeriod', ['30']],
      ['replace', 'oathTOTPTimeStepWindow', ['1']],
      ['replace', 'oathTOTPLastTimeStep', ['100']],
      ['replace', 'oathTOTPTimeStepDrift', []],
      ['replace', 'guichetSecondFactorSince', ['20261201100000Z']],
    ]);
  });

  it('replaces: adds no class the entry has (as the server spells them)', async () => {
    const before = await tokenStateOf(directoryOf(), enrolled({ objectClass: ['inetOrgPerson', 'GUICHETACCOUNT', 'oathtotpuser', 'oathTOTPToken', 'oathTOTPParams'] }), attrs);
    const changes = enrolChanges(before, token, { sinceAttribute: 'guichetSecondFactorSince', localClass: 'guichetAccount' });
    expect(changes.some((c) => c.modification.type === 'objectClass')).toBe(false);
  });

  it('removes: deletes the classes it has, empties every token attribute (present or not)', async () => {
    const before = await tokenStateOf(directoryOf(), enrolled({ objectClass: ['inetOrgPerson', 'oathTOTPUser', 'oathTOTPToken'], oathTOTPParams: PARAMS }), attrs);
    const changes = summary(removeChanges(before, { sinceAttribute: 'guichetSecondFactorSince' }));
    expect(changes[0]).toEqual(['delete', 'objectClass', ['oathTOTPUser', 'oathTOTPToken']]);
    expect(changes.slice(1).every(([operation, , values]) => operation === 'replace' && (values as unknown[]).length === 0)).toBe(true);
    expect(changes.map(([, type]) => type)).toEqual(expect.arrayContaining(['oathSecret', 'oathTOTPToken', 'oathTOTPParams', 'oathTOTPLastTimeStep', 'guichetSecondFactorSince']));
  });
});

describe('the enrolment waiting for its first code', () => {
  const agent = { login: 'agent.accueil', role: 'agent' as const, signedInAt: '2026-12-01T09:00:00.000Z' };

  it('is one agent’s, for one account, until it expires; its key is zeroed when it goes', () => {
    let now = new Date('2026-12-01T10:00:00Z');
    const pending = createPendingEnrolments(() => now);
    const enrolment = pending.open(DN, agent, 60_000);
    expect(enrolment.secret).toHaveLength(20);
    expect(enrolment.secret.some((b) => b !== 0)).toBe(true);
    expect(pending.get(enrolment.id, DN.toUpperCase(), agent)).toBe(enrolment);
    expect(() => pending.get(enrolment.id, 'uid=other,ou=people,dc=univ,dc=fr', agent)).toThrow(/over/);
    expect(() => pending.get(enrolment.id, DN, { ...agent, signedInAt: '2026-12-01T09:30:00.000Z' })).toThrow(/over/);
    expect(pending.pending).toBe(true);
    now = new Date(now.getTime() + 60_000);
    expect(() => pending.get(enrolment.id, DN, agent)).toThrow(/over/);
    expect(pending.pending).toBe(false);
    expect(enrolment.secret.every((b) => b === 0)).toBe(true);
  });

  it('a new enrolment wipes the previous one; wiping another id does nothing', () => {
    const pending = createPendingEnrolments(() => new Date());
    const first = pending.open(DN, agent, 60_000);
    const second = pending.open(DN, agent, 60_000);
    expect(first.secret.every((b) => b === 0)).toBe(true);
    expect(pending.wipe(first.id)).toBe(false);
    expect(pending.wipe(second.id)).toBe(true);
    expect(second.secret.every((b) => b === 0)).toBe(true);
  });
});

describe('what the privacy screen shows', () => {
  it('a QR code a decoder reads back as the URI, and the key in groups of four', () => {
    const uri = 'otpauth://totp/Universit%C3%A9:jdoe?issuer=Universit%C3%A9&secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30';
    const rows = qrRows(uri);
    expect(rows.every((r) => r.length === rows.length && /^[01]+$/.test(r))).toBe(true);
    expect(readQrRows(rows)).toBe(uri);
    expect(groupKey('jbswy3dpehpk3pxpjbswy3dpehpk3pxp')).toEqual(['JBSW', 'Y3DP', 'EHPK', '3PXP', 'JBSW', 'Y3DP', 'EHPK', '3PXP']);
  });
});
