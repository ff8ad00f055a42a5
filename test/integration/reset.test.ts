/**
 * Assisted password reset on a real slapd (ppolicy: history 3, pwdMustChange) with a real
 * SMTP server: generated and chosen passwords, the directory's own history rule, the rules
 * checked before anything is written, refusals without (or with an expired) verification,
 * the notice that never carries the password, and a mail failure that leaves the reset done.
 */
import { Client } from 'ldapts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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
const verifyByDocument = (p: FixturePerson) => call('verification:document', { dn: p.dn, documentKind: 'national-id' });

/** Binds as the person on a connection of its own; returns the bound client or the LDAP result code. */
async function bindAs(dn: string, password: string): Promise<{ client: Client } | { code: number }> {
  const client = new Client({ url: fixture.url, timeout: 3_000, connectTimeout: 1_000 });
  try {
    await client.bind(dn, password);
    return { client };
  } catch (error) {
    await client.unbind().catch(() => undefined);
    return { code: (error as { code: number }).code };
  }
}
async function canBind(dn: string, password: string): Promise<boolean> {
  const bound = await bindAs(dn, password);
  if (!('client' in bound)) return false;
  await bound.client.unbind();
  return true;
}
/** ppolicy state, read as the directory manager. */
async function ppolicy(dn: string): Promise<{ pwdReset: boolean; pwdChangedTime: string | null }> {
  const client = new Client({ url: fixture.url, timeout: 3_000 });
  try {
    await client.bind(fixture.rootDn, fixture.rootPassword);
    const [entry] = (await client.search(dn, { scope: 'base', attributes: ['pwdReset', 'pwdChangedTime'] })).searchEntries;
    return { pwdReset: String(entry!['pwdReset']) === 'TRUE', pwdChangedTime: (entry!['pwdChangedTime'] as string) || null };
  } finally {
    await client.unbind();
  }
}
interface Row {
  seq: number;
  outcome: string;
  intentSeq: number | null;
  evidence: string[];
  comment: string | null;
  directoryCode: number | null;
  details: Record<string, unknown>;
}
/** The password-reset rows of an account, intents and outcomes, oldest first (straight from the file). */
function resets(login: string, on: ConsoleHarness = harness): Row[] {
  const rows = on.services.auditDb
    .prepare(
      `SELECT seq, outcome, intent_seq AS intentSeq, evidence, comment, directory_code AS directoryCode, details
       FROM events WHERE target_login = ? AND action = 'password-reset' ORDER BY seq`,
    )
    .all(login) as Array<Omit<Row, 'evidence' | 'details'> & { evidence: string; details: string }>;
  return rows.map((r) => ({ ...r, evidence: JSON.parse(r.evidence) as string[], details: JSON.parse(r.details) as Record<string, unknown> }));
}
function generated(): FixturePerson[] {
  return fixture.people.filter((p) => p.key === null && p.affiliation === 'student' && p.password !== null && p.state === 'active');
}
const STRONG = 'Vrille-Hibou-Tamis-47!';
const STRONG_2 = 'Gaufre#Lanterne-Quartz92';

let desk: DeskSession;
beforeAll(async () => {
  desk = await startDeskSession({ people: 60 });
  ({ fixture, smtp, harness } = desk);
});
afterAll(async () => {
  await desk?.close();
});
beforeEach(() => {
  smtp.refuseRecipients = false;
});

describe('refusals before anything is written', () => {
  it('without a verification: VERIFICATION_REQUIRED, the old password still works, nothing on record', async () => {
    const p = fixture.named.homonymA;
    await call('verification:clear', { dn: p.dn });
    for (const channel of ['password:reset-generated', 'password:reset-chosen'] as const) {
      const error = await refusal(channel, { dn: p.dn, ...(channel === 'password:reset-chosen' ? { password: STRONG } : {}) });
      expect(error).toMatchObject({ code: 'VERIFICATION_REQUIRED', details: { action: channel === 'password:reset-chosen' ? 'reset-chosen' : 'reset-generated', reason: 'none' } });
    }
    expect(await canBind(p.dn, NAMED_PERSON_PASSWORD)).toBe(true);
    expect(resets(p.login)).toEqual([]);
  });

  it('a secret answer alone is not enough', async () => {
    const p = fixture.named.homonymB;
    expect((await call('verification:secret-answer', { dn: p.dn, answer: p.secretAnswer! })).matched).toBe(true);
    expect(await refusal('password:reset-generated', { dn: p.dn })).toMatchObject({ code: 'VERIFICATION_REQUIRED', details: { reason: 'insufficient' } });
  });

  it('an expired verification: VERIFICATION_REQUIRED reason expired', async () => {
    const p = fixture.named.homonymA;
    await verifyByDocument(p);
    const realNow = harness.clock.now;
    harness.clock.now = () => new Date(Date.now() + 10 * 60_000 + 1_000);
    try {
      expect(await refusal('password:reset-generated', { dn: p.dn })).toMatchObject({
        code: 'VERIFICATION_REQUIRED',
        details: { action: 'reset-generated', reason: 'expired' },
      });
      expect(await refusal('account:reveal-login', { dn: p.dn })).toMatchObject({ code: 'VERIFICATION_REQUIRED', details: { reason: 'expired' } });
    } finally {
      harness.clock.now = realNow;
    }
    expect(await canBind(p.dn, NAMED_PERSON_PASSWORD)).toBe(true);
  });

  it('a verification of another account does not count', async () => {
    const [a, b] = generated();
    await verifyByDocument(a!);
    expect(await refusal('password:reset-generated', { dn: b!.dn })).toMatchObject({ code: 'VERIFICATION_REQUIRED' });
    // ...and turning to b dropped a's verification.
    expect(await refusal('password:reset-generated', { dn: a!.dn })).toMatchObject({ code: 'VERIFICATION_REQUIRED' });
  });

  it('a staff account needs a supervisor: FORBIDDEN for an agent, done by a supervisor', async () => {
    const p = fixture.named.staff;
    await verifyByDocument(p);
    expect(await refusal('password:reset-generated', { dn: p.dn })).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'supervisor-required' } });
    const supervisorDesk = startConsole({ fixture });
    try {
      await signInAs(supervisorDesk, fixture, 'supervisor');
      await call('verification:document', { dn: p.dn, documentKind: 'passport' }, supervisorDesk);
      const reset = await call('password:reset-generated', { dn: p.dn }, supervisorDesk);
      expect(await canBind(p.dn, reset.password)).toBe(true);
    } finally {
      await supervisorDesk.close();
    }
  });

  it('an expired or a suspended account: ACCOUNT_STATE for every password action, with who can help; nothing written', async () => {
    for (const p of [fixture.named.expired, fixture.named.suspended]) {
      await verifyByDocument(p);
      const before = await ppolicy(p.dn);
      for (const [channel, payload] of [
        ['password:reset-generated', {}],
        ['password:reset-chosen', { password: STRONG }],
        ['account:reveal-login', {}],
        ['account:unlock', {}],
      ] as const)
        expect(await refusal(channel, { dn: p.dn, ...payload }), channel).toMatchObject({
          code: 'ACCOUNT_STATE',
          details: { reason: p.state, fixer: 'registrar' },
        });
      expect(await canBind(p.dn, NAMED_PERSON_PASSWORD)).toBe(true);
      expect(await ppolicy(p.dn)).toEqual(before);
      expect(resets(p.login)).toEqual([]);
    }
  });

  it('a chosen password that breaks the rules: POLICY_VIOLATION with every failing rule, nothing written', async () => {
    const p = fixture.named.accented;
    await verifyByDocument(p);
    const before = await ppolicy(p.dn);
    const short = await refusal('password:reset-chosen', { dn: p.dn, password: 'abc' });
    expect(short).toMatchObject({ code: 'POLICY_VIOLATION', details: { reason: 'rules' } });
    expect(short.details!['rules']).toEqual(expect.arrayContaining(['length', 'upper', 'digit', 'special']));
    const withLogin = await refusal('password:reset-chosen', { dn: p.dn, password: `Zq9!${p.login}-Wx7#` });
    expect(withLogin.details!['rules']).toContain('not-login');
    // The date of birth cannot be read: it is compared, in any common form.
    const dob = p.dateOfBirth;
    for (const form of [`${dob.slice(6)}/${dob.slice(4, 6)}/${dob.slice(0, 4)}`, dob, `${dob.slice(6)}${dob.slice(4, 6)}${dob.slice(2, 4)}`]) {
      const error = await refusal('password:reset-chosen', { dn: p.dn, password: `Vrille#Hibou-${form}-Tamis` });
      expect(error.details!['rules'], form).toEqual(['not-birth-date']);
    }
    expect(JSON.stringify(short)).not.toContain('abc');
    expect(await ppolicy(p.dn)).toEqual(before);
    expect(resets(p.login)).toEqual([]);
  });
});

describe('generated password', () => {
  it('shown once, must be changed: the person binds but can do nothing else until they change it', async () => {
    const p = fixture.named.active;
    await verifyByDocument(p);
    const mailsBefore = smtp.received.length;
    const reset = await call('password:reset-generated', { dn: p.dn, comment: 'oubli du mot de passe' });
    expect(reset).toMatchObject({
      login: p.login,
      mustChangeAtNextLogin: true,
      changeUrl: 'https://www.univ-demo.fr/mot-de-passe',
      notification: { failed: false },
    });
    expect(reset.password).toHaveLength(15);
    expect(reset.groups.join('')).toBe(reset.password);
    expect(await canBind(p.dn, NAMED_PERSON_PASSWORD)).toBe(false);

    const bound = await bindAs(p.dn, reset.password);
    expect('client' in bound).toBe(true);
    if ('client' in bound) {
      const refused = await bound.client.search(p.dn, { scope: 'base' }).catch((error: { code: number }) => error.code);
      expect(refused).toBe(50);
      await bound.client.unbind();
    }
    expect((await ppolicy(p.dn)).pwdReset).toBe(true);

    // Intent then outcome, with the evidence, the comment and what changed.
    const events = resets(p.login);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ intentSeq: null, outcome: 'pending', evidence: ['identity-document'], comment: 'oubli du mot de passe' });
    expect(events[1]).toMatchObject({
      intentSeq: events[0]!.seq,
      outcome: 'success',
      details: { delivery: 'shown-at-desk', mustChangeAtNextLogin: true, changes: { mustChangeAtNextLogin: { before: false, after: true } } },
    });

    // A notice to both addresses, without the password.
    await smtp.waitFor(mailsBefore + 2);
    const notices = smtp.received.slice(mailsBefore);
    expect(notices.flatMap((m) => m.to).sort()).toEqual([p.mail, p.personalMail].sort());
    expect(reset.notification.sentTo.sort()).toEqual([`${p.mail[0]}•••@${p.mail.split('@')[1]}`, `${p.personalMail![0]}•••@${p.personalMail!.split('@')[1]}`].sort());
    for (const notice of notices) {
      expect(notice.subject).toContain('réinitialisation de votre mot de passe');
      expect(notice.body).toContain('GUICHET-TEST-01');
      expect(notice.raw).not.toContain(reset.password);
      expect(notice.body).not.toContain(reset.password);
      for (const group of reset.groups.filter((g) => g.length === 4)) expect(notice.body).not.toContain(group);
    }
    const sent = harness.services.audit.query({ target: p.login, action: 'notification-sent' }, { login: 't', role: 'supervisor' }).events;
    expect(sent.map((e) => e.details)).toEqual([
      expect.objectContaining({ purpose: 'password-reset' }),
      expect.objectContaining({ purpose: 'password-reset' }),
    ]);
  });

  it('clears a lock as it resets, and says so on record', async () => {
    const [p] = generated().slice(5);
    const client = new Client({ url: fixture.url, timeout: 3_000 });
    await client.bind(fixture.rootDn, fixture.rootPassword);
    const { Change, Attribute } = await import('ldapts');
    await client.modify(p!.dn, new Change({ operation: 'replace', modification: new Attribute({ type: 'pwdAccountLockedTime', values: ['20261120083404Z'] }) }));
    await client.unbind();
    await verifyByDocument(p!);
    const reset = await call('password:reset-generated', { dn: p!.dn });
    expect(await canBind(p!.dn, reset.password)).toBe(true);
    expect(resets(p!.login).at(-1)!.details).toMatchObject({ changes: { locked: { before: true, after: false } } });
  });

  it('an SMTP failure leaves the reset done and reports failed:true', async () => {
    const p = fixture.named.faculty;
    const supervisorDesk = startConsole({ fixture, overrides: { mail: smtp.mailConfig() } });
    try {
      await signInAs(supervisorDesk, fixture, 'supervisor');
      await call('verification:document', { dn: p.dn, documentKind: 'passport' }, supervisorDesk);
      smtp.refuseRecipients = true;
      const reset = await call('password:reset-generated', { dn: p.dn }, supervisorDesk);
      expect(reset.notification).toEqual({ sentTo: [], failed: true, unusable: [] });
      expect(await canBind(p.dn, reset.password)).toBe(true);
      const failed = supervisorDesk.services.audit.query({ target: p.login, action: 'notification-failed' }, { login: 't', role: 'supervisor' }).events;
      expect(failed).toHaveLength(2);
      expect(failed[0]!.details).toMatchObject({ channel: 'mail', purpose: 'password-reset', reason: 'invalid-recipient' });
      expect(resets(p.login, supervisorDesk).map((r) => r.outcome)).toEqual(['pending', 'success']);
    } finally {
      smtp.refuseRecipients = false;
      await supervisorDesk.close();
    }
  });
});

describe('chosen password', () => {
  it('set through the person’s own change: they bind with it and may use the account at once', async () => {
    const p = fixture.named.twoStudentNumbers;
    await verifyByDocument(p);
    const result = await call('password:reset-chosen', { dn: p.dn, password: STRONG });
    expect(result).toMatchObject({ login: p.login, notification: { failed: false } });
    const bound = await bindAs(p.dn, STRONG);
    expect('client' in bound).toBe(true);
    if ('client' in bound) {
      const { searchEntries } = await bound.client.search(p.dn, { scope: 'base', attributes: ['uid'] });
      expect(searchEntries[0]!['uid']).toBe(p.login);
      await bound.client.unbind();
    }
    expect((await ppolicy(p.dn)).pwdReset).toBe(false);
    const events = resets(p.login);
    expect(events.at(-1)).toMatchObject({
      outcome: 'success',
      details: { delivery: 'chosen-by-person', mustChangeAtNextLogin: false, changes: { mustChangeAtNextLogin: { before: false, after: false } } },
    });
  });

  it('one of the last 3 passwords is refused by the directory (history); a temporary password is left', async () => {
    const p = fixture.named.noMobile;
    await verifyByDocument(p);
    // The current password is the fixture's: the directory keeps it in the history.
    await call('password:reset-chosen', { dn: p.dn, password: STRONG_2 });
    expect(await canBind(p.dn, STRONG_2)).toBe(true);
    const again = await refusal('password:reset-chosen', { dn: p.dn, password: STRONG_2 });
    expect(again).toMatchObject({
      code: 'POLICY_VIOLATION',
      details: { reason: 'history', temporaryLeft: true, resultCode: 19 },
    });
    expect(JSON.stringify(again)).not.toContain(STRONG_2);
    // Neither the refused password nor the old one opens the account; it must be changed.
    expect(await canBind(p.dn, STRONG_2)).toBe(false);
    expect((await ppolicy(p.dn)).pwdReset).toBe(true);
    const outcome = resets(p.login).at(-1)!;
    expect(outcome).toMatchObject({ outcome: 'failure', directoryCode: 19 });
    // Starting over with a new password works.
    await call('password:reset-chosen', { dn: p.dn, password: STRONG });
    expect(await canBind(p.dn, STRONG)).toBe(true);
  });

  it('a password the profile accepts but the directory finds too short is refused as directory-policy', async () => {
    const desk = startConsole({ fixture, overrides: { passwordPolicy: { profile: 'upvd' } } });
    try {
      await signInAs(desk, fixture, 'agent');
      const [p] = generated().slice(8);
      await call('verification:document', { dn: p!.dn, documentKind: 'passport' }, desk);
      // 10 characters: upvd accepts 8+, the test directory wants 12.
      const error = await refusal('password:reset-chosen', { dn: p!.dn, password: 'Kq7%Tz2#Lw' }, desk);
      expect(error).toMatchObject({ code: 'POLICY_VIOLATION', details: { reason: 'directory-policy', temporaryLeft: true } });
    } finally {
      await desk.close();
    }
  });
});
