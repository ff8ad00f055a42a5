/**
 * account:reveal-login on a real slapd: the person proved who they are (identifier + date
 * of birth, then a code to their personal address), the login is shown, on record, and a
 * reminder notice is mailed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DirectoryFixture } from '../../resources/directory/fixture';
import { expectOk, expectRefusal, type ConsoleHarness } from '../support/console-harness';
import { type SmtpPeer } from './support/smtp-peer';
import { startDeskSession, type DeskSession } from './support/desk-session';
import type { AppError } from '../../src/shared/result';
import type { ChannelName, RequestOf } from '../../src/shared/contract';

let fixture: DirectoryFixture;
let smtp: SmtpPeer;
let harness: ConsoleHarness;

const call = <C extends ChannelName>(channel: C, payload: RequestOf<C>) => expectOk(harness, channel, payload);
const refusal = <C extends ChannelName>(channel: C, payload: RequestOf<C>): Promise<AppError> => expectRefusal(harness, channel, payload);
const rows = (login: string, action: string) =>
  harness.services.auditDb
    .prepare('SELECT outcome, evidence, details, comment FROM events WHERE target_login = ? AND action = ? ORDER BY seq')
    .all(login, action) as Array<{ outcome: string; evidence: string; details: string; comment: string | null }>;

let desk: DeskSession;
beforeAll(async () => {
  desk = await startDeskSession({ people: 10 });
  ({ fixture, smtp, harness } = desk);
});
afterAll(async () => {
  await desk?.close();
});

describe('login recovery', () => {
  it('refused without a verification, and nothing is on record', async () => {
    const p = fixture.named.accented;
    expect(await refusal('account:reveal-login', { dn: p.dn })).toMatchObject({
      code: 'VERIFICATION_REQUIRED',
      details: { action: 'reveal-login', reason: 'none', missing: [['document'], ['identifier-birthdate', 'email-code']] },
    });
    expect(rows(p.login, 'login-revealed')).toEqual([]);
  });

  it('after identifier + date of birth and a mailed code: login, alias and mail, on record, notice sent', async () => {
    const p = fixture.named.accented;
    const dob = p.dateOfBirth;
    const matched = await call('verification:identifier', {
      dn: p.dn,
      identifierKind: 'studentId',
      identifier: p.studentIds[0]!,
      dateOfBirth: `${dob.slice(0, 4)}-${dob.slice(4, 6)}-${dob.slice(6)}`,
    });
    expect(matched.matched).toBe(true);
    expect(await refusal('account:reveal-login', { dn: p.dn })).toMatchObject({ code: 'VERIFICATION_REQUIRED', details: { reason: 'insufficient', missing: [['document'], ['email-code']] } });
    const count = smtp.received.length;
    await call('verification:send-code', { dn: p.dn });
    const code = /^\s*([0-9]{6})\s*$/m.exec((await smtp.waitFor(count + 1)).body)![1]!;
    expect((await call('verification:check-code', { dn: p.dn, code })).matched).toBe(true);

    const revealed = await call('account:reveal-login', { dn: p.dn, comment: 'identifiant oublié' });
    expect(revealed).toMatchObject({ login: p.login, alias: p.alias, mail: p.mail, notification: { failed: false } });
    expect(revealed.notification.sentTo).toHaveLength(2);

    const [event] = rows(p.login, 'login-revealed');
    expect(event).toMatchObject({ outcome: 'success', comment: 'identifiant oublié' });
    expect(JSON.parse(event!.details)).toEqual({ channel: 'screen' });
    expect(JSON.parse(event!.evidence).sort()).toEqual(['date-of-birth', 'personal-mail-code']);

    await smtp.waitFor(count + 3);
    const notices = smtp.received.slice(count + 1);
    expect(notices.flatMap((m) => m.to).sort()).toEqual([p.mail, p.personalMail].sort());
    expect(notices[0]!.subject).toContain('rappel de votre identifiant');
    expect(rows(p.login, 'notification-sent').map((r) => JSON.parse(r.details).purpose)).toEqual(['verification', 'login-reminder', 'login-reminder']);
  });

  it('an external needs a supervisor; a new sign-in starts the verification afresh; no alias: null', async () => {
    const p = fixture.named.external;
    await call('verification:document', { dn: p.dn, documentKind: 'passport' });
    expect(await refusal('account:reveal-login', { dn: p.dn })).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'supervisor-required' } });
    const supervisor = fixture.agents.find((a) => a.kind === 'supervisor')!;
    await call('session:sign-in', { login: supervisor.login, password: supervisor.password });
    expect(await refusal('account:reveal-login', { dn: p.dn })).toMatchObject({ code: 'VERIFICATION_REQUIRED', details: { reason: 'none' } });
    await call('verification:document', { dn: p.dn, documentKind: 'passport' });
    const revealed = await call('account:reveal-login', { dn: p.dn });
    expect(revealed).toMatchObject({ login: p.login, alias: null, mail: p.mail });
  });
});
