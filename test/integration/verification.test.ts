/**
 * Identity verification at the desk on a real slapd and a real SMTP server: each evidence
 * kind matching and not, the policy verdicts, the throttle and its survival across a
 * restart, the code mailed and typed back, another account dropping the verification.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDirectory, type DirectoryFixture, type FixturePerson } from '../../resources/directory/fixture';
import { startConsole, type ConsoleHarness, type PayloadArg } from '../support/console-harness';
import type { ChannelName, RequestOf, ResponseOf } from '../../src/shared/contract';
import { startSmtpPeer, type SmtpPeer } from './support/smtp-peer';
import type { AuditEventView } from '../../src/shared/audit-events';
import type { AppError } from '../../src/shared/result';
import type { VerificationState, VerifiedAction } from '../../src/shared/verification';
import { evaluateRequirement } from '../../src/shared/verification-policy';
import type { Role } from '../../src/shared/domain';

/** What the shared rule says of `action` with the evidence main reports and the requirement it sends (the screen computes the same). */
function verdictOf(state: VerificationState, action: VerifiedAction, role: Role = 'agent') {
  const e = evaluateRequirement(state.requirements[action], role, state.active ? state.evidence.map((x) => x.kind) : []);
  return { satisfied: e.satisfied, missing: e.missing, missingRole: e.missingRole };
}

let fixture: DirectoryFixture;
let smtp: SmtpPeer;
let harness: ConsoleHarness;
const dirs: string[] = [];

const isoDate = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;

async function call<C extends ChannelName>(channel: C, payload: RequestOf<C>, on: ConsoleHarness = harness): Promise<ResponseOf<C>> {
  const result = await on.invoke(channel, ...([payload] as PayloadArg<C>));
  if (!result.ok) throw Object.assign(new Error(`${channel}: ${result.error.code}`), { appError: result.error });
  return result.value;
}
async function refusal<C extends ChannelName>(channel: C, payload: RequestOf<C>, on: ConsoleHarness = harness): Promise<AppError> {
  const result = await on.invoke(channel, ...([payload] as PayloadArg<C>));
  if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return result.error;
}
async function signIn(on: ConsoleHarness, kind: 'agent' | 'supervisor' = 'agent'): Promise<void> {
  const agent = fixture.agents.find((a) => a.kind === kind)!;
  await call('session:sign-in', { login: agent.login, password: agent.password }, on);
}
function attempts(login: string, on: ConsoleHarness = harness): AuditEventView[] {
  return on.services.audit
    .query({ target: login, action: 'verification-attempt' }, { login: 'test', role: 'supervisor' }, { limit: 100 })
    .events.reverse();
}
const identifier = (p: FixturePerson, overrides: Partial<RequestOf<'verification:identifier'>> = {}): RequestOf<'verification:identifier'> => ({
  dn: p.dn,
  identifierKind: 'studentId',
  identifier: p.studentIds[0]!,
  dateOfBirth: isoDate(p.dateOfBirth),
  ...overrides,
});
/** The code in the mail: the large line of digits. */
const codeIn = (body: string) => /^\s*([0-9]{6,8})\s*$/m.exec(body)?.[1] ?? null;
/** Distinct students with the named cases left alone for the other tests. */
function students(count: number, filter: (p: FixturePerson) => boolean = () => true): FixturePerson[] {
  const found = fixture.people.filter((p) => p.key === null && p.affiliation === 'student' && p.password !== null && p.studentIds.length > 0 && filter(p));
  if (found.length < count) throw new Error('not enough generated students');
  return found.slice(0, count);
}

beforeAll(async () => {
  fixture = await startDirectory({ people: 60 });
  smtp = await startSmtpPeer();
  harness = startConsole({ fixture, overrides: { mail: smtp.mailConfig() } });
  await signIn(harness);
});
afterAll(async () => {
  await harness?.close();
  await smtp?.close();
  await fixture?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('evidence kinds', () => {
  it('a document checked in person satisfies a student reset; it is recorded by kind only', async () => {
    const p = fixture.named.active;
    const before = await call('verification:status', { dn: p.dn });
    expect(before).toMatchObject({ dn: p.dn, active: false, evidence: [], startedAt: null });
    expect(verdictOf(before, 'reset-password')).toEqual({
      satisfied: false,
      missing: [['document'], ['identifier-birthdate', 'email-code']],
      missingRole: null,
    });
    const state = await call('verification:document', { dn: p.dn, documentKind: 'student-card' });
    expect(state.active).toBe(true);
    expect(state.evidence).toEqual([{ kind: 'document', at: expect.any(String), detail: 'student-card' }]);
    expect(verdictOf(state, 'reset-password').satisfied).toBe(true);
    expect(Date.parse(state.expiresAt!) - Date.parse(state.startedAt!)).toBe(10 * 60_000);
    expect(attempts(p.login).at(-1)).toMatchObject({ outcome: 'success', details: { method: 'student-card', matched: true } });
    await call('verification:clear', { dn: p.dn });
  });

  it('identifier and date of birth: matched only when both are right, compared on the directory side', async () => {
    const p = fixture.named.twoStudentNumbers;
    // The second student number, typed with spaces: normalised before comparing.
    const second = p.studentIds[1]!;
    const spaced = `${second.slice(0, 4)} ${second.slice(4)}`;
    const wrongDate = await call('verification:identifier', identifier(p, { identifier: spaced, dateOfBirth: '2001-01-01' }));
    expect(wrongDate).toMatchObject({ matched: false, state: { active: false } });
    const wrongId = await call('verification:identifier', identifier(p, { identifier: '29999999' }));
    expect(wrongId.matched).toBe(false);
    const ok = await call('verification:identifier', identifier(p, { identifier: spaced }));
    expect(ok.matched).toBe(true);
    expect(ok.state.evidence).toEqual([{ kind: 'identifier-birthdate', at: expect.any(String), detail: 'studentId' }]);
    // Not enough alone for a reset: a code to the personal address is still missing.
    expect(verdictOf(ok.state, 'reset-password')).toMatchObject({ satisfied: false, missing: [['document'], ['email-code']] });
    // Enough for a consent change.
    expect(verdictOf(ok.state, 'consent-change').satisfied).toBe(true);
    expect(attempts(p.login).map((e) => [e.outcome, e.details])).toEqual([
      ['failure', { method: 'date-of-birth', matched: false }],
      ['failure', { method: 'date-of-birth', matched: false }],
      ['success', { method: 'date-of-birth', matched: true }],
    ]);
    // A success clears the failure counter.
    expect(ok.state.blocked).toEqual({});
  });

  it('INE in lower case and a staff number match their own kind only', async () => {
    const [p] = students(1, (s) => !!s.ine);
    expect((await call('verification:identifier', identifier(p!, { identifierKind: 'staffId', identifier: p!.ine }))).matched).toBe(false);
    const ok = await call('verification:identifier', identifier(p!, { identifierKind: 'ine', identifier: p!.ine!.toLowerCase() }));
    expect(ok.matched).toBe(true);
    const staff = fixture.named.staff;
    const staffOk = await call('verification:identifier', identifier(staff, { identifierKind: 'staffId', identifier: staff.staffId }));
    expect(staffOk.matched).toBe(true);
  });

  it('secret answer: accents, case and spaces do not matter; it is never enough alone', async () => {
    const p = fixture.named.noMobile;
    expect(p.secretAnswer).toBeTruthy();
    const status = await call('verification:status', { dn: p.dn });
    expect(status.secretQuestion).toBe(p.secretQuestion);
    const wrong = await call('verification:secret-answer', { dn: p.dn, answer: 'pas la bonne réponse' });
    expect(wrong.matched).toBe(false);
    const typed = `  ${p.secretAnswer!.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase()} `;
    const ok = await call('verification:secret-answer', { dn: p.dn, answer: typed });
    expect(ok.matched).toBe(true);
    expect(ok.state.evidence.map((e) => e.kind)).toEqual(['secret-question']);
    for (const action of ['reset-password', 'unlock', 'reveal-login', 'consent-change'] as const) expect(verdictOf(ok.state, action).satisfied).toBe(false);
    expect(attempts(p.login).map((e) => e.details)).toEqual([
      { method: 'security-question', matched: false },
      { method: 'security-question', matched: true },
    ]);
    expect(JSON.stringify(ok)).not.toMatch(/SSHA/);
  });

  it('a code mailed to the personal address, typed back, completes identifier + code', async () => {
    const p = fixture.named.accented;
    expect((await call('verification:identifier', identifier(p))).matched).toBe(true);
    const sentBefore = smtp.received.length;
    const sent = await call('verification:send-code', { dn: p.dn });
    expect(sent.codePendingUntil).not.toBeNull();
    expect(sent.codeDestinationMasked).toBe(`${p.personalMail![0]}•••@${p.personalMail!.split('@')[1]}`);
    const mail = await smtp.waitFor(sentBefore + 1);
    expect(mail.to).toEqual([p.personalMail]);
    const code = codeIn(mail.body);
    expect(code).toMatch(/^[0-9]{6}$/);
    expect(JSON.stringify(sent)).not.toContain(code);

    const wrongCode = code === '000000' ? '111111' : '000000';
    const wrong = await call('verification:check-code', { dn: p.dn, code: wrongCode });
    expect(wrong).toMatchObject({ matched: false, triesLeft: 2 });
    const ok = await call('verification:check-code', { dn: p.dn, code: ` ${code!} ` });
    expect(ok.matched).toBe(true);
    expect(ok.state.codePendingUntil).toBeNull();
    expect(ok.state.evidence.map((e) => e.kind).sort()).toEqual(['email-code', 'identifier-birthdate']);
    expect(verdictOf(ok.state, 'reset-password').satisfied).toBe(true);
    // Used once.
    expect(await call('verification:check-code', { dn: p.dn, code: code! })).toMatchObject({ matched: false, triesLeft: 0 });
    const methods = attempts(p.login).map((e) => [e.details, e.outcome]);
    expect(methods).toContainEqual([{ method: 'personal-mail-code', matched: true }, 'success']);
    const sentEvent = harness.services.audit.query({ target: p.login, action: 'notification-sent' }, { login: 't', role: 'supervisor' }).events[0]!;
    expect(sentEvent.details).toEqual({ channel: 'mail', recipient: expect.stringMatching(/^.\*\*\*@.\*\*\*\.[a-z]+$/), purpose: 'verification' });
  });

  it('three wrong codes make the code void; the daily quota of sends is enforced', async () => {
    const [p] = students(1, (s) => !!s.personalMail);
    for (let i = 0; i < 3; i += 1) await call('verification:send-code', { dn: p!.dn });
    const last = smtp.to(p!.personalMail!).at(-1)!;
    const code = codeIn(last.body)!;
    const wrong = code === '000000' ? '111111' : '000000';
    expect((await call('verification:check-code', { dn: p!.dn, code: wrong })).triesLeft).toBe(2);
    expect((await call('verification:check-code', { dn: p!.dn, code: wrong })).triesLeft).toBe(1);
    expect(await call('verification:check-code', { dn: p!.dn, code: wrong })).toMatchObject({ matched: false, triesLeft: 0 });
    expect(await call('verification:check-code', { dn: p!.dn, code })).toMatchObject({ matched: false, triesLeft: 0 });
    const quota = await refusal('verification:send-code', { dn: p!.dn });
    expect(quota).toMatchObject({ code: 'THROTTLED', details: { method: 'email-code', until: expect.any(String) } });
    const state = await call('verification:status', { dn: p!.dn });
    expect(state.blocked['email-code']).toBe(quota.details!['until']);
  });

  it('no personal address: NOT_FOUND with a reason, nothing sent', async () => {
    const p = fixture.named.noPersonalMail;
    const before = smtp.received.length;
    const status = await call('verification:status', { dn: p.dn });
    expect(status.codeDestinationMasked).toBeNull();
    expect(await refusal('verification:send-code', { dn: p.dn })).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'no-personal-mail' } });
    expect(smtp.received.length).toBe(before);
  });

  it('an SMTP refusal: MAIL_FAILED, recorded, no code pending', async () => {
    const [, p] = students(2, (s) => !!s.personalMail);
    smtp.refuseRecipients = true;
    try {
      expect(await refusal('verification:send-code', { dn: p!.dn })).toMatchObject({ code: 'MAIL_FAILED', details: { reason: 'send-failed' } });
    } finally {
      smtp.refuseRecipients = false;
    }
    expect((await call('verification:status', { dn: p!.dn })).codePendingUntil).toBeNull();
    const failed = harness.services.audit.query({ target: p!.login, action: 'notification-failed' }, { login: 't', role: 'supervisor' }).events;
    expect(failed[0]?.details).toMatchObject({ channel: 'mail', purpose: 'verification', reason: 'invalid-recipient' });
  });
});

describe('scope of a verification', () => {
  it('turning to another account drops the verification of the first', async () => {
    const [a, b] = students(4).slice(2);
    await call('verification:document', { dn: a!.dn, documentKind: 'passport' });
    expect((await call('verification:status', { dn: a!.dn })).active).toBe(true);
    await call('verification:status', { dn: b!.dn });
    const back = await call('verification:status', { dn: a!.dn });
    expect(back).toMatchObject({ active: false, evidence: [] });
  });

  it('a staff account needs a supervisor: the verdict says so', async () => {
    const p = fixture.named.staff;
    const state = await call('verification:document', { dn: p.dn, documentKind: 'national-id' });
    expect(verdictOf(state, 'reset-password')).toEqual({ satisfied: false, missing: [], missingRole: 'supervisor' });
    expect(verdictOf(state, 'reset-password', 'supervisor').satisfied).toBe(true);
  });

  it('refuses a DN outside the people branch and a signed-out desk', async () => {
    expect(await refusal('verification:status', { dn: fixture.agentsGroupDn })).toMatchObject({ code: 'INVALID_REQUEST' });
    expect(await refusal('verification:document', { dn: 'uid=nobody,ou=people,dc=univ-demo,dc=fr', documentKind: 'passport' })).toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('throttling', () => {
  it('three wrong answers block the method for 15 minutes, and the block survives a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'guichet-throttle-desk-'));
    dirs.push(dataDir);
    const [p] = students(1, (s) => s.studentIds.length === 1 && !s.personalMail);
    const first = startConsole({ fixture, dataDir });
    try {
      await signIn(first);
      for (let i = 0; i < 3; i += 1) {
        const answer = await call('verification:identifier', identifier(p!, { dateOfBirth: '1990-01-0' + (i + 1) }), first);
        expect(answer.matched).toBe(false);
      }
      const blocked = await refusal('verification:identifier', identifier(p!), first);
      expect(blocked).toMatchObject({ code: 'THROTTLED', details: { method: 'identifier-birthdate', until: expect.any(String) } });
      const until = Date.parse(blocked.details!['until'] as string);
      expect(until - Date.now()).toBeGreaterThan(14 * 60_000);
      expect(until - Date.now()).toBeLessThanOrEqual(15 * 60_000);
      // The refused attempt is on record as denied.
      expect(attempts(p!.login, first).at(-1)).toMatchObject({ outcome: 'denied', details: { matched: false } });
    } finally {
      await first.close();
    }
    const second = startConsole({ fixture, dataDir });
    try {
      await signIn(second);
      const state = await call('verification:status', { dn: p!.dn }, second);
      expect(state.blocked['identifier-birthdate']).toEqual(expect.any(String));
      // Even the right answer is refused while blocked.
      expect(await refusal('verification:identifier', identifier(p!), second)).toMatchObject({ code: 'THROTTLED' });
      // Another method stays open.
      expect((await call('verification:document', { dn: p!.dn, documentKind: 'passport' }, second)).active).toBe(true);
      // Once the block is over, the right answer matches again.
      second.clock.now = () => new Date(Date.now() + 16 * 60_000);
      expect((await call('verification:identifier', identifier(p!), second)).matched).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('the secret answer is throttled the same way', async () => {
    const p = fixture.named.redListed;
    for (let i = 0; i < 3; i += 1) expect((await call('verification:secret-answer', { dn: p.dn, answer: `faux ${i}` })).matched).toBe(false);
    expect(await refusal('verification:secret-answer', { dn: p.dn, answer: p.secretAnswer! })).toMatchObject({
      code: 'THROTTLED',
      details: { method: 'secret-question' },
    });
    expect((await call('verification:status', { dn: p.dn })).blocked['secret-question']).toEqual(expect.any(String));
  });
});
