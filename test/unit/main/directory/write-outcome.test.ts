/** How a directory write's outcome is told: refusals as closed codes, a lost answer settled by reading back. */
import { describe, expect, it } from 'vitest';
import { directoryRefusal, isUncertain, NotApplied, settleUncertain } from '../../../../src/main/directory/write-outcome';
import { GuichetError } from '../../../../src/shared/result';

/** What ldapts throws: an Error with the LDAP result code. */
const ldapError = (code: number, message = 'refused') => Object.assign(new Error(message), { code });
const timeout = () => Object.assign(new Error('Timeout'), { name: 'TimeoutError' });
const refusalOf = async (run: () => Promise<unknown>) => run().then(() => null, (error: unknown) => error);

describe('directoryRefusal', () => {
  it('names each LDAP refusal with a closed code and a detail the renderer translates', () => {
    expect(directoryRefusal(ldapError(50))).toMatchObject({ code: 'FORBIDDEN', details: { resultCode: 50, reason: 'insufficient-access' } });
    expect(directoryRefusal(ldapError(19, 'Password is in history of old passwords'))).toMatchObject({ code: 'POLICY_VIOLATION', details: { reason: 'history' } });
    expect(directoryRefusal(ldapError(19, 'Password fails quality checking policy'))).toMatchObject({ code: 'POLICY_VIOLATION', details: { reason: 'directory-policy' } });
    expect(directoryRefusal(ldapError(32))).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'no-such-entry' } });
    expect(directoryRefusal(ldapError(53))).toMatchObject({ code: 'DIRECTORY_REFUSED', details: { reason: 'unwilling' } });
    expect(directoryRefusal(timeout())).toMatchObject({ code: 'DIRECTORY_TIMEOUT', details: { reason: 'timeout' } });
  });

  it('never quotes the server text, and adds the caller details', () => {
    const refusal = directoryRefusal(ldapError(50, 'no write access to userPassword of uid=jdupont'), { temporaryLeft: true });
    expect(refusal.message).not.toContain('jdupont');
    expect(refusal.details).toEqual({ resultCode: 50, reason: 'insufficient-access', temporaryLeft: true });
  });

  it('keeps a console error as it is, and tells a write never sent as the outage it is', () => {
    const own = new GuichetError('CONFLICT', 'changed meanwhile', { reason: 'changed-meanwhile' });
    expect(directoryRefusal(own)).toBe(own);
    expect(directoryRefusal(new NotApplied('DIRECTORY_UNAVAILABLE'), { passwordChanged: true })).toMatchObject({
      code: 'DIRECTORY_UNAVAILABLE',
      details: { passwordChanged: true },
    });
  });
});

describe('settleUncertain', () => {
  it('answers the write when its answer comes, without reading back', async () => {
    let reads = 0;
    const value = await settleUncertain(async () => 'written', async () => (reads++, true), () => 'found');
    expect(value).toBe('written');
    expect(reads).toBe(0);
  });

  it('a lost answer is read back: applied -> the applied value; not applied -> NotApplied; unreadable -> OUTCOME_UNKNOWN', async () => {
    expect(await settleUncertain(async () => Promise.reject(timeout()), async () => true, () => 'found')).toBe('found');
    const notApplied = await refusalOf(() => settleUncertain(async () => Promise.reject(timeout()), async () => false, () => 'found'));
    expect(notApplied).toBeInstanceOf(NotApplied);
    expect((notApplied as NotApplied).toGuichetError()).toMatchObject({ code: 'DIRECTORY_TIMEOUT', details: { applied: false } });
    const unknown = await refusalOf(() =>
      settleUncertain(async () => Promise.reject(timeout()), async () => Promise.reject(timeout()), () => 'found'),
    );
    expect(unknown).toMatchObject({ code: 'OUTCOME_UNKNOWN' });
  });

  it('a refusal is not uncertain: it is never read back, and comes back as its closed code', async () => {
    let reads = 0;
    const refused = await refusalOf(() => settleUncertain(async () => Promise.reject(ldapError(50)), async () => (reads++, true), () => 'found'));
    expect(refused).toMatchObject({ code: 'FORBIDDEN' });
    expect(reads).toBe(0);
    expect(isUncertain(ldapError(50))).toBe(false);
    expect(isUncertain(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(true);
  });
});
