/**
 * The second factor at the desk on a real slapd with the otp overlay (TOTP checked by the
 * directory at bind time) and a real SMTP peer: the card line read from the token, the ACL
 * that lets the desk write the token but never read its secret, enrolment with the first
 * code checked before anything is written, replacement, cancel, removal with its own policy,
 * a write the directory refuses, and the proof: after enrolment the person's bind with
 * password + current code succeeds, and fails with the password alone, a wrong or a
 * replayed code.
 */
import { Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAMED_PERSON_PASSWORD, type DirectoryFixture, type FixturePerson, type TokenHolder } from '../../resources/directory/fixture';
import type { EnrolmentOffer } from '../../src/shared/contract/second-factor';
import type { ChannelName, RequestOf } from '../../src/shared/contract';
import { bindResult, Phone, readQrRows, scan } from '../support/authenticator';
import { expectOk, expectRefusal, signInAs, startConsole, type ConsoleHarness } from '../support/console-harness';
import { startDeskSession, type DeskSession } from './support/desk-session';
import { entryAsRoot, valuesOf } from './support/fault-checks';
import type { SmtpPeer } from './support/smtp-peer';

let desk: DeskSession;
let fixture: DirectoryFixture;
let harness: ConsoleHarness;
let smtp: SmtpPeer;

beforeAll(async () => {
  desk = await startDeskSession({ people: 20 });
  ({ fixture, harness, smtp } = desk);
});
afterAll(async () => {
  await desk?.close();
});

const call = <C extends ChannelName>(channel: C, payload: RequestOf<C>) => expectOk(harness, channel, payload);
const refusal = <C extends ChannelName>(channel: C, payload: RequestOf<C>) => expectRefusal(harness, channel, payload);
const verify = (p: FixturePerson) => call('verification:document', { dn: p.dn, documentKind: 'national-id' });


/** The phone that scanned the offer's QR code, checked against the key shown for typing by hand. */
function scanOffer(offer: EnrolmentOffer): Phone {
  const uri = readQrRows(offer.qr);
  const phone = scan(uri);
  expect(phone.totp.secret.base32).toBe(offer.keyGroups.join(''));
  return phone;
}

/** The person's second-factor rows of the trail, oldest first. */
function trailOf(login: string, action: 'second-factor-enrol' | 'second-factor-remove') {
  return (
    harness.services.auditDb
      .prepare('SELECT outcome, intent_seq AS intentSeq, evidence, directory_code AS directoryCode, details FROM events WHERE target_login = ? AND action = ? ORDER BY seq')
      .all(login, action) as Array<{ outcome: string; intentSeq: number | null; evidence: string; directoryCode: number | null; details: string }>
  ).map((r) => ({ ...r, evidence: JSON.parse(r.evidence) as string[], details: JSON.parse(r.details) as Record<string, unknown> }));
}

const tokenClasses = async (dn: string) => valuesOf(await entryAsRoot(fixture, dn), 'objectClass').filter((c) => c.startsWith('oath'));

describe('the card', () => {
  it('says when the authenticator was enrolled and when its last code was accepted, or that there is none', async () => {
    const holder = fixture.tokenHolders.enrolled;
    const card = await call('account:open', { dn: holder.dn });
    expect(card.secondFactor).toEqual({
      kind: 'totp',
      since: '2026-10-02T09:30:00.000Z',
      lastCodeAt: new Date(holder.lastTimeStep * 30_000).toISOString(),
      digits: 6,
      periodSeconds: 30,
      algorithm: 'SHA1',
    });
    // A token enrolled elsewhere, whose parameters sit in a shared entry, reads the same.
    const staff = await call('account:open', { dn: fixture.tokenHolders.staffEnrolled.dn });
    expect(staff.secondFactor).toMatchObject({ kind: 'totp', digits: 6, periodSeconds: 30, algorithm: 'SHA1' });
    expect((await call('account:open', { dn: fixture.named.active.dn })).secondFactor).toMatchObject({ kind: 'none', since: null });
    // Nothing of the secret travels with the card.
    const text = JSON.stringify(card);
    expect(text).not.toContain(holder.totpSecret.toString('base64'));
    expect(text).not.toMatch(/oathSecret/i);
  });
});

describe('the directory’s ACL', () => {
  it('never lets the desk (nor the person) read, search or compare a secret, which is there all the same', async () => {
    const holder = fixture.tokenHolders.enrolled;
    const agent = fixture.agents.find((a) => a.kind === 'agent')!;
    const client = new Client({ url: fixture.url, timeout: 3_000 });
    try {
      await client.bind(agent.dn, agent.password);
      const [entry] = (await client.search(holder.dn, { scope: 'base', attributes: ['*', 'oathSecret'] })).searchEntries;
      expect(valuesOf(entry!, 'oathTOTPToken')).toEqual([holder.dn]);
      expect(valuesOf(entry!, 'oathSecret')).toEqual([]);
      const bySecret = await client.search(fixture.peopleBase, { scope: 'sub', filter: '(oathSecret=*)', attributes: ['uid'] });
      expect(bySecret.searchEntries).toEqual([]);
      const compared = await client.compare(holder.dn, 'oathSecret', holder.totpSecret.toString('latin1')).then(
        () => 0,
        (error: { code?: number }) => error.code,
      );
      expect(compared).toBe(50);
    } finally {
      await client.unbind();
    }
    // The person, signed in with password + code, does not see it either.
    const self = new Client({ url: fixture.url, timeout: 3_000 });
    try {
      await self.bind(holder.dn, `${holder.password!}${new Phone(holder.totpSecret).code()}`);
      const [entry] = (await self.search(holder.dn, { scope: 'base', attributes: ['oathSecret'] })).searchEntries;
      expect(valuesOf(entry!, 'oathSecret')).toEqual([]);
    } finally {
      await self.unbind();
    }
    // It is there: the directory manager reads the raw bytes the person's phone holds.
    const raw = (await entryAsRoot(fixture, holder.dn))['oathSecret'];
    expect(Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw), 'latin1')).toEqual(holder.totpSecret);
  });
});

describe('enrolment', () => {
  it('needs the verification its policy asks for, and writes nothing before the first code is right', async () => {
    const p = fixture.named.noMobile;
    expect(await refusal('second-factor:start-enrolment', { dn: p.dn })).toMatchObject({ code: 'VERIFICATION_REQUIRED', details: { action: 'second-factor-enrol' } });
    await verify(p);
    const offer = await call('second-factor:start-enrolment', { dn: p.dn });
    expect(offer).toMatchObject({ replacing: false, issuer: 'Université de démonstration', account: p.login, digits: 6, periodSeconds: 30, algorithm: 'SHA1' });
    expect(offer.keyGroups.join('')).toMatch(/^[A-Z2-7]{32}$/);
    const phone = scanOffer(offer);
    // The URI names the institution and the login, as the app shows them.
    expect(readQrRows(offer.qr)).toMatch(new RegExp(`^otpauth://totp/Universit%C3%A9%20de%20d%C3%A9monstration:${p.login}\\?`));
    const wrong = await call('second-factor:confirm-enrolment', { dn: p.dn, enrolmentId: offer.enrolmentId, code: phone.wrongCode() });
    expect(wrong).toEqual({ confirmed: false, triesLeft: 4, over: false });
    expect(await tokenClasses(p.dn)).toEqual([]);
    expect(trailOf(p.login, 'second-factor-enrol')).toEqual([]);
  });

  it('writes the token under the agent’s bind once the code is right: password + current code signs in; alone, wrong or replayed it does not', async () => {
    const p = fixture.named.noMobile;
    const offer = await call('second-factor:start-enrolment', { dn: p.dn });
    const phone = scanOffer(offer);
    const mails = smtp.received.length;
    const deskCode = phone.code();
    const done = await call('second-factor:confirm-enrolment', { dn: p.dn, enrolmentId: offer.enrolmentId, code: deskCode, comment: 'téléphone neuf' });
    expect(done).toMatchObject({ confirmed: true, replaced: false });
    expect(await tokenClasses(p.dn)).toEqual(['oathTOTPUser', 'oathTOTPToken', 'oathTOTPParams']);

    expect(await bindResult(fixture.url, p.dn, NAMED_PERSON_PASSWORD)).toBe(49);
    expect(await bindResult(fixture.url, p.dn, `${NAMED_PERSON_PASSWORD}${phone.wrongCode()}`)).toBe(49);
    // The code typed at the desk was used there: it does not sign in again.
    expect(await bindResult(fixture.url, p.dn, `${NAMED_PERSON_PASSWORD}${deskCode}`)).toBe(49);
    const next = phone.nextCode();
    expect(await bindResult(fixture.url, p.dn, `${NAMED_PERSON_PASSWORD}${next}`)).toBe(0);
    expect(await bindResult(fixture.url, p.dn, `${NAMED_PERSON_PASSWORD}${next}`)).toBe(49);

    // The card now says it, the trail has it with the evidence, the person was told (never the key).
    const card = await call('account:open', { dn: p.dn });
    expect(card.secondFactor).toMatchObject({ kind: 'totp', digits: 6, periodSeconds: 30, algorithm: 'SHA1' });
    expect(Date.now() - Date.parse(card.secondFactor!.since!)).toBeLessThan(60_000);
    expect(trailOf(p.login, 'second-factor-enrol')).toMatchObject([
      { outcome: 'pending', intentSeq: null, evidence: ['identity-document'], details: { replaced: false, kind: 'totp' } },
      { outcome: 'success', details: { replaced: false, changes: { secondFactor: { before: 'none', after: 'totp' } } } },
    ]);
    const notice = await smtp.waitFor(mails + 1);
    expect(notice.subject).toMatch(/double authentification/);
    expect(notice.body).toMatch(/un nouvel appareil de double authentification .* a été enregistré/);
    for (const m of smtp.received) {
      expect(m.raw).not.toContain(offer.keyGroups.join(''));
      expect(m.raw).not.toContain(offer.keyGroups.join(' '));
    }
  });

  it('replaces the authenticator the person has: the old phone’s codes stop working, the new one’s work', async () => {
    const holder: TokenHolder = fixture.tokenHolders.enrolled;
    const old = new Phone(holder.totpSecret);
    await verify(holder);
    const offer = await call('second-factor:start-enrolment', { dn: holder.dn });
    expect(offer.replacing).toBe(true);
    const phone = scanOffer(offer);
    expect(await call('second-factor:confirm-enrolment', { dn: holder.dn, enrolmentId: offer.enrolmentId, code: phone.code() })).toMatchObject({ confirmed: true, replaced: true });
    expect(await bindResult(fixture.url, holder.dn, `${NAMED_PERSON_PASSWORD}${old.nextCode()}`)).toBe(49);
    expect(await bindResult(fixture.url, holder.dn, `${NAMED_PERSON_PASSWORD}${phone.nextCode()}`)).toBe(0);
    expect(trailOf(holder.login, 'second-factor-enrol').at(-1)).toMatchObject({ outcome: 'success', details: { replaced: true, changes: { secondFactor: { before: 'totp', after: 'totp' } } } });
    expect((await smtp.waitFor(smtp.received.length)).body).toMatch(/a remplacé l’ancien/);
  });

  it('takes a token enrolled elsewhere (shared parameters) back onto the entry when it is replaced', async () => {
    await signInAs(harness, fixture, 'supervisor');
    const staff = fixture.tokenHolders.staffEnrolled;
    await verify(staff);
    const offer = await call('second-factor:start-enrolment', { dn: staff.dn });
    const phone = scanOffer(offer);
    await call('second-factor:confirm-enrolment', { dn: staff.dn, enrolmentId: offer.enrolmentId, code: phone.code() });
    expect(valuesOf(await entryAsRoot(fixture, staff.dn), 'oathTOTPParams')).toEqual([staff.dn]);
    expect(await bindResult(fixture.url, staff.dn, `${NAMED_PERSON_PASSWORD}${phone.nextCode()}`)).toBe(0);
    await signInAs(harness, fixture, 'agent');
  });

  it('cancel, too many wrong codes, a lock or a sign-out drop the key: nothing is written and the enrolment cannot be confirmed', async () => {
    const p = fixture.named.accented;
    await verify(p);
    const first = await call('second-factor:start-enrolment', { dn: p.dn });
    expect(await call('second-factor:cancel-enrolment', { dn: p.dn, enrolmentId: first.enrolmentId })).toEqual({ cancelled: true });
    const code = scanOffer(first).code();
    expect(await refusal('second-factor:confirm-enrolment', { dn: p.dn, enrolmentId: first.enrolmentId, code })).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'enrolment-over' } });

    const second = await call('second-factor:start-enrolment', { dn: p.dn });
    const phone = scanOffer(second);
    let answer;
    for (let i = 0; i < 5; i++) answer = await call('second-factor:confirm-enrolment', { dn: p.dn, enrolmentId: second.enrolmentId, code: phone.wrongCode() });
    expect(answer).toEqual({ confirmed: false, triesLeft: 0, over: true });
    expect(await refusal('second-factor:confirm-enrolment', { dn: p.dn, enrolmentId: second.enrolmentId, code: phone.code() })).toMatchObject({ code: 'NOT_FOUND' });

    const third = await call('second-factor:start-enrolment', { dn: p.dn });
    await call('session:lock', { reason: 'manual' });
    await call('session:resume', { password: fixture.agents.find((a) => a.kind === 'agent')!.password });
    // The lock dropped the verification too: checked again, the key is still gone.
    await verify(p);
    expect(await refusal('second-factor:confirm-enrolment', { dn: p.dn, enrolmentId: third.enrolmentId, code: scanOffer(third).code() })).toMatchObject({ code: 'NOT_FOUND' });

    await verify(p);
    const fourth = await call('second-factor:start-enrolment', { dn: p.dn });
    await signInAs(harness, fixture, 'agent');
    await verify(p);
    expect(await refusal('second-factor:confirm-enrolment', { dn: p.dn, enrolmentId: fourth.enrolmentId, code: scanOffer(fourth).code() })).toMatchObject({ code: 'NOT_FOUND' });

    expect(await tokenClasses(p.dn)).toEqual([]);
    expect(await bindResult(fixture.url, p.dn, NAMED_PERSON_PASSWORD)).toBe(0);
    expect(trailOf(p.login, 'second-factor-enrol')).toEqual([]);
  });

  it('an enrolment is one agent’s, for one account: another account’s confirm does not take it', async () => {
    const a = fixture.named.homonymA;
    const b = fixture.named.homonymB;
    await verify(a);
    const offer = await call('second-factor:start-enrolment', { dn: a.dn });
    await verify(b);
    expect(await refusal('second-factor:confirm-enrolment', { dn: b.dn, enrolmentId: offer.enrolmentId, code: scanOffer(offer).code() })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await tokenClasses(b.dn)).toEqual([]);
  });
});

describe('a write the directory refuses', () => {
  it('leaves the old token in place, says FORBIDDEN to the agent and denied (50) in the trail', async () => {
    const holder = fixture.tokenHolders.protected;
    await verify(holder);
    const offer = await call('second-factor:start-enrolment', { dn: holder.dn });
    const phone = scanOffer(offer);
    const error = await refusal('second-factor:confirm-enrolment', { dn: holder.dn, enrolmentId: offer.enrolmentId, code: phone.code() });
    expect(error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'insufficient-access', resultCode: 50 } });
    expect(trailOf(holder.login, 'second-factor-enrol')).toMatchObject([{ outcome: 'pending' }, { outcome: 'denied', directoryCode: 50 }]);
    // The key is gone with the attempt; the person's old phone still signs them in.
    expect(await refusal('second-factor:confirm-enrolment', { dn: holder.dn, enrolmentId: offer.enrolmentId, code: phone.code() })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await bindResult(fixture.url, holder.dn, `${NAMED_PERSON_PASSWORD}${new Phone(holder.totpSecret).code()}`)).toBe(0);
    expect(await refusal('second-factor:remove', { dn: holder.dn, reason: 'lost-device' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await tokenClasses(holder.dn)).toEqual(['oathTOTPUser', 'oathTOTPToken', 'oathTOTPParams']);
  });
});

describe('lost device: removal', () => {
  it('needs the ID document, and a supervisor for staff; then the password alone signs in and the person is told what to do next', async () => {
    const staff = fixture.tokenHolders.staffEnrolled;
    await verify(staff);
    expect(await refusal('second-factor:remove', { dn: staff.dn, reason: 'lost-device' })).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'supervisor-required' } });

    await signInAs(harness, fixture, 'supervisor');
    expect(await refusal('second-factor:remove', { dn: staff.dn, reason: 'lost-device' })).toMatchObject({ code: 'VERIFICATION_REQUIRED', details: { action: 'second-factor-remove' } });
    await verify(staff);
    const mails = smtp.received.length;
    const removed = await call('second-factor:remove', { dn: staff.dn, reason: 'lost-device', comment: 'téléphone volé' });
    expect(removed.enrolOnlineUrl).toBeNull();
    expect(await tokenClasses(staff.dn)).toEqual([]);
    const entry = await entryAsRoot(fixture, staff.dn);
    for (const attribute of ['oathSecret', 'oathTOTPToken', 'oathTOTPParams', 'oathTOTPLastTimeStep', 'guichetSecondFactorSince']) expect(valuesOf(entry, attribute)).toEqual([]);
    expect(await bindResult(fixture.url, staff.dn, NAMED_PERSON_PASSWORD)).toBe(0);
    expect((await call('account:open', { dn: staff.dn })).secondFactor).toMatchObject({ kind: 'none' });
    expect(trailOf(staff.login, 'second-factor-remove')).toMatchObject([
      { outcome: 'pending', evidence: ['identity-document'], details: { reason: 'lost-device' } },
      { outcome: 'success', details: { changes: { secondFactor: { before: 'totp', after: 'none' } } } },
    ]);
    const notice = await smtp.waitFor(mails + 1);
    expect(notice.body).toMatch(/a été retiré/);
    expect(notice.body).toMatch(/Pour enregistrer un nouvel appareil, présentez-vous au guichet/);
    expect(await refusal('second-factor:remove', { dn: staff.dn, reason: 'lost-device' })).toMatchObject({ code: 'ACCOUNT_STATE', details: { reason: 'no-second-factor' } });
    await signInAs(harness, fixture, 'agent');
  });
});

describe('evidence: the person signs in on the privacy screen', () => {
  const signIn = (p: FixturePerson, password: string, code?: string) =>
    harness.invoke('verification:person-sign-in', { dn: p.dn, password, ...(code ? { code } : {}) });
  const failures = async (dn: string) => valuesOf(await entryAsRoot(fixture, dn), 'pwdFailureTime').length;
  const attempts = (login: string) =>
    (
      harness.services.auditDb
        .prepare("SELECT outcome, details FROM events WHERE target_login = ? AND action = 'verification-attempt' ORDER BY seq")
        .all(login) as Array<{ outcome: string; details: string }>
    ).map((r) => ({ outcome: r.outcome, ...(JSON.parse(r.details) as { method: string; matched: boolean }) }));

  it('without an authenticator, the password alone: a wrong one counts in the directory too; the right one is strong evidence', async () => {
    const p = fixture.named.twoStudentNumbers;
    const before = attempts(p.login).length;
    expect(await signIn(p, 'Pas-Le-Bon-Mot-2026!')).toMatchObject({ ok: true, value: { matched: false } });
    // The directory counted it against the person's own lockout (ppolicy), as the screen warns.
    expect(await failures(p.dn)).toBe(1);
    const answer = await signIn(p, NAMED_PERSON_PASSWORD);
    expect(answer).toMatchObject({ ok: true, value: { matched: true } });
    const state = answer.ok ? answer.value.state : null;
    expect(state?.evidence).toMatchObject([{ kind: 'person-sign-in', detail: 'password' }]);
    // Enough to enrol an authenticator (the desk's guard lets it start), never to remove one (that asks for the ID document).
    const offer = await call('second-factor:start-enrolment', { dn: p.dn });
    await call('second-factor:cancel-enrolment', { dn: p.dn, enrolmentId: offer.enrolmentId });
    expect(await failures(p.dn)).toBe(0);
    expect(attempts(p.login).slice(before)).toEqual([
      { outcome: 'failure', method: 'person-sign-in', matched: false },
      { outcome: 'success', method: 'person-sign-in', matched: true },
    ]);
    // The agent's own session is untouched: the card still reads under the agent's bind.
    expect((await call('account:open', { dn: p.dn })).login).toBe(p.login);
  });

  it('with an authenticator, password + current code; the code is asked for, a wrong one fails, the actions can use it', async () => {
    const holder = fixture.tokenHolders.protected;
    const phone = new Phone(holder.totpSecret);
    expect(await signIn(holder, NAMED_PERSON_PASSWORD)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', details: { reason: 'code-required' } } });
    expect(await failures(holder.dn)).toBe(0);
    expect(await signIn(holder, NAMED_PERSON_PASSWORD, phone.wrongCode())).toMatchObject({ ok: true, value: { matched: false } });
    const answer = await signIn(holder, NAMED_PERSON_PASSWORD, phone.nextCode());
    expect(answer).toMatchObject({ ok: true, value: { matched: true, state: { evidence: [{ kind: 'person-sign-in', detail: 'password-and-code' }] } } });
    expect(attempts(holder.login).at(-1)).toEqual({ outcome: 'success', method: 'person-sign-in-with-code', matched: true });
    // Evidence for the next action, named so in the trail.
    const offer = await call('second-factor:start-enrolment', { dn: holder.dn });
    await call('second-factor:cancel-enrolment', { dn: holder.dn, enrolmentId: offer.enrolmentId });
  });

  it('is throttled like the identifier check, and refused outright on a locked account (nothing is tried)', async () => {
    const p = fixture.named.faculty;
    for (let i = 0; i < 3; i++) expect(await signIn(p, `Faux-${i}-Mot-De-Passe!`)).toMatchObject({ ok: true, value: { matched: false } });
    expect(await signIn(p, NAMED_PERSON_PASSWORD)).toMatchObject({ ok: false, error: { code: 'THROTTLED', details: { method: 'person-sign-in' } } });
    expect(attempts(p.login).at(-1)).toEqual({ outcome: 'denied', method: 'person-sign-in', matched: false });
    expect((await call('verification:status', { dn: p.dn })).blocked['person-sign-in']).toBeTruthy();
    expect(await failures(p.dn)).toBe(3);

    const locked = fixture.named.locked;
    const lockedFailures = await failures(locked.dn);
    expect(await signIn(locked, NAMED_PERSON_PASSWORD)).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED', details: { reason: 'person-locked' } } });
    expect(await failures(locked.dn)).toBe(lockedFailures);
  });
});

describe('the agent’s note (audit.requireTicket, requireComment)', () => {
  it('a confirmation or a removal without the note the configuration requires is refused before anything, uses up no try, and the note goes on record', async () => {
    const strict = startConsole({
      fixture,
      overrides: { mail: smtp.mailConfig(), audit: { requireTicket: ['second-factor-enrol', 'second-factor-remove'], requireComment: ['second-factor-remove'], ticketPattern: '^INC\\d{7}$' } },
    });
    const rows = (login: string, action: string) =>
      strict.services.auditDb.prepare('SELECT outcome, comment, details FROM events WHERE target_login = ? AND action = ? ORDER BY seq').all(login, action) as Array<{
        outcome: string;
        comment: string | null;
        details: string;
      }>;
    try {
      await signInAs(strict, fixture, 'agent');
      const p = fixture.named.noPersonalMail;
      await expectOk(strict, 'verification:document', { dn: p.dn, documentKind: 'national-id' });
      const offer = await expectOk(strict, 'second-factor:start-enrolment', { dn: p.dn });
      const phone = scanOffer(offer);
      const ask = { dn: p.dn, enrolmentId: offer.enrolmentId, code: phone.code() };
      expect(await expectRefusal(strict, 'second-factor:confirm-enrolment', ask)).toMatchObject({ code: 'INVALID_REQUEST', details: { field: 'ticket', reason: 'required' } });
      expect(await expectRefusal(strict, 'second-factor:confirm-enrolment', { ...ask, ticket: 'REQ-42' })).toMatchObject({ details: { field: 'ticket', reason: 'format' } });
      expect(await tokenClasses(p.dn)).toEqual([]);
      expect(rows(p.login, 'second-factor-enrol')).toEqual([]);
      // The same key, the same code: the refusals above used up nothing.
      expect(await expectOk(strict, 'second-factor:confirm-enrolment', { ...ask, ticket: 'INC0012345' })).toMatchObject({ confirmed: true });
      expect(rows(p.login, 'second-factor-enrol').map((r) => [r.outcome, JSON.parse(r.details).ticket])).toEqual([
        ['pending', 'INC0012345'],
        ['success', 'INC0012345'],
      ]);

      expect(await expectRefusal(strict, 'second-factor:remove', { dn: p.dn, reason: 'lost-device', ticket: 'INC0012346' })).toMatchObject({ details: { field: 'comment', reason: 'required' } });
      expect(await tokenClasses(p.dn)).toEqual(['oathTOTPUser', 'oathTOTPToken', 'oathTOTPParams']);
      await expectOk(strict, 'second-factor:remove', { dn: p.dn, reason: 'lost-device', comment: 'téléphone perdu', ticket: 'INC0012346' });
      expect(await tokenClasses(p.dn)).toEqual([]);
      expect(rows(p.login, 'second-factor-remove').map((r) => [r.outcome, r.comment, JSON.parse(r.details).ticket])).toEqual([
        ['pending', 'téléphone perdu', 'INC0012346'],
        ['success', 'téléphone perdu', 'INC0012346'],
      ]);
    } finally {
      await strict.close();
    }
  });
});
