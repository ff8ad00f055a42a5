/**
 * account:unlock on a real slapd (ppolicy lockout after 5 failures, no automatic unlock):
 * the locked person binds again afterwards, the failures are shown first, an account that
 * is not locked is refused (not-locked), an administrative lock needs a supervisor.
 */
import { Attribute, Change, Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAMED_PERSON_PASSWORD, type DirectoryFixture, type FixturePerson } from '../../resources/directory/fixture';
import { expectOk, expectRefusal, signInAs, startConsole, type ConsoleHarness } from '../support/console-harness';
import { type SmtpPeer } from './support/smtp-peer';
import { startDeskSession, type DeskSession } from './support/desk-session';
import type { AppError } from '../../src/shared/result';
import type { ChannelName, RequestOf } from '../../src/shared/contract';

let fixture: DirectoryFixture;
let smtp: SmtpPeer;
let harness: ConsoleHarness;

const call = <C extends ChannelName>(channel: C, payload: RequestOf<C>, on: ConsoleHarness = harness) => expectOk(on, channel, payload);
const refusal = <C extends ChannelName>(channel: C, payload: RequestOf<C>, on: ConsoleHarness = harness): Promise<AppError> => expectRefusal(on, channel, payload);
async function bindCode(dn: string, password: string): Promise<number> {
  const client = new Client({ url: fixture.url, timeout: 3_000 });
  try {
    await client.bind(dn, password);
    return 0;
  } catch (error) {
    return (error as { code: number }).code;
  } finally {
    await client.unbind().catch(() => undefined);
  }
}
async function asManager<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ url: fixture.url, timeout: 3_000 });
  try {
    await client.bind(fixture.rootDn, fixture.rootPassword);
    return await run(client);
  } finally {
    await client.unbind();
  }
}
const lockState = (dn: string) =>
  asManager(async (client) => {
    const [entry] = (await client.search(dn, { scope: 'base', attributes: ['pwdAccountLockedTime', 'pwdFailureTime'] })).searchEntries;
    const failures = entry!['pwdFailureTime'];
    return { locked: String(entry!['pwdAccountLockedTime'] ?? '') !== '', failures: Array.isArray(failures) ? failures.length : 1 };
  });
function unlockRows(login: string, on: ConsoleHarness = harness) {
  return (
    on.services.auditDb
      .prepare("SELECT outcome, intent_seq AS intentSeq, evidence, details FROM events WHERE target_login = ? AND action = 'account-unlock' ORDER BY seq")
      .all(login) as Array<{ outcome: string; intentSeq: number | null; evidence: string; details: string }>
  ).map((r) => ({ ...r, evidence: JSON.parse(r.evidence) as string[], details: JSON.parse(r.details) as unknown }));
}

let desk: DeskSession;
beforeAll(async () => {
  desk = await startDeskSession({ people: 20 });
  ({ fixture, smtp, harness } = desk);
});
afterAll(async () => {
  await desk?.close();
});

describe('unlock', () => {
  it('needs a verification for unlock', async () => {
    const p = fixture.named.locked;
    expect(await refusal('account:unlock', { dn: p.dn })).toMatchObject({ code: 'VERIFICATION_REQUIRED', details: { action: 'unlock', reason: 'none' } });
    expect((await lockState(p.dn)).locked).toBe(true);
    expect(unlockRows(p.login)).toEqual([]);
  });

  it('shows the failures, lifts the lock, and the person binds again with their password', async () => {
    const p = fixture.named.locked;
    // Locked: even the right password is refused.
    expect(await bindCode(p.dn, NAMED_PERSON_PASSWORD)).toBe(49);
    await call('verification:document', { dn: p.dn, documentKind: 'student-card' });
    const before = smtp.received.length;
    const result = await call('account:unlock', { dn: p.dn, comment: 'bloqué après 5 essais' });
    expect(result.previousFailures).toEqual(
      [...p.pwdFailureTimes].reverse().map((t) => `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12, 14)}.000Z`),
    );
    expect(result.notification).toMatchObject({ failed: false });
    expect(result.notification.sentTo).toHaveLength(2);
    expect((await lockState(p.dn)).locked).toBe(false);
    expect(await bindCode(p.dn, NAMED_PERSON_PASSWORD)).toBe(0);

    const rows = unlockRows(p.login);
    expect(rows.map((r) => r.outcome)).toEqual(['pending', 'success']);
    expect(rows[0]!.evidence).toEqual(['student-card']);
    expect(rows[1]!.details).toEqual({ changes: { locked: { before: true, after: false } } });

    await smtp.waitFor(before + 2);
    const notices = smtp.received.slice(before);
    expect(notices.flatMap((m) => m.to).sort()).toEqual([p.mail, p.personalMail].sort());
    expect(notices[0]!.subject).toContain('déverrouillage de votre compte');
    expect(notices[0]!.body).not.toContain(NAMED_PERSON_PASSWORD);
  });

  it('an account that is not locked (any more): refused as the screen does not offer it, nothing recorded, nobody notified', async () => {
    const p = fixture.named.locked;
    const before = smtp.received.length;
    const rows = unlockRows(p.login).length;
    expect(await refusal('account:unlock', { dn: p.dn })).toMatchObject({ code: 'ACCOUNT_STATE', details: { action: 'unlock', reason: 'not-locked' } });
    expect(unlockRows(p.login)).toHaveLength(rows);
    expect(smtp.received.length).toBe(before);
  });

  it('a lock made by failed binds at the desk is lifted too', async () => {
    const p = fixture.people.find((x) => x.key === null && x.affiliation === 'student' && x.password !== null && x.state === 'active') as FixturePerson;
    for (let i = 0; i < 5; i += 1) expect(await bindCode(p.dn, `wrong-${i}`)).toBe(49);
    expect(await bindCode(p.dn, p.password!)).toBe(49);
    await call('verification:document', { dn: p.dn, documentKind: 'student-card' });
    const result = await call('account:unlock', { dn: p.dn });
    expect(result.previousFailures).toHaveLength(5);
    // The old failures no longer count: one more typo does not lock the account again.
    expect(await lockState(p.dn)).toEqual({ locked: false, failures: 0 });
    expect(await bindCode(p.dn, 'one-more-typo')).toBe(49);
    expect(await bindCode(p.dn, p.password!)).toBe(0);
  });

  it('an administrative lock is lifted by a supervisor only', async () => {
    const p = fixture.named.twoStudentNumbers;
    await asManager((client) =>
      client.modify(p.dn, new Change({ operation: 'replace', modification: new Attribute({ type: 'pwdAccountLockedTime', values: ['000001010000Z'] }) })),
    );
    await call('verification:document', { dn: p.dn, documentKind: 'passport' });
    expect(await refusal('account:unlock', { dn: p.dn })).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'administrative-lock' } });
    expect((await lockState(p.dn)).locked).toBe(true);
    const supervisorDesk = startConsole({ fixture });
    try {
      await signInAs(supervisorDesk, fixture, 'supervisor');
      await call('verification:document', { dn: p.dn, documentKind: 'passport' }, supervisorDesk);
      const result = await call('account:unlock', { dn: p.dn }, supervisorDesk);
      expect(result.notification).toEqual({ sentTo: [], failed: false, unusable: [] });
      expect(await bindCode(p.dn, NAMED_PERSON_PASSWORD)).toBe(0);
    } finally {
      await supervisorDesk.close();
    }
  });
});
