/**
 * Suspend, reactivate and extend validity on a real slapd: the SUPANN state written and read
 * back, intent and outcome with before/after in the trail, whether the person was there and
 * verified, the notice; refusals by main (role, state, reason, note, date bounds) writing
 * nothing, and by the directory's ACL (an agent allowed by the configuration, refused by
 * slapd) recorded as denied with the state untouched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryFixture } from '../../resources/directory/fixture';
import { addDays } from '../../src/shared/lifecycle-actions';
import type { ChannelName, RequestOf } from '../../src/shared/contract';
import { expectOk, expectRefusal, signInAs, startConsole, type ConsoleHarness } from '../support/console-harness';
import { startDeskSession, type DeskSession } from './support/desk-session';
import { entryAsRoot, replaceAsRoot, valuesOf } from './support/fault-checks';
import type { SmtpPeer } from './support/smtp-peer';

let desk: DeskSession;
let fixture: DirectoryFixture;
let smtp: SmtpPeer;
let supervisor: ConsoleHarness;

const call = <C extends ChannelName>(channel: C, payload: RequestOf<C>, on: ConsoleHarness = supervisor) => expectOk(on, channel, payload);
const refusal = <C extends ChannelName>(channel: C, payload: RequestOf<C>, on: ConsoleHarness = supervisor) => expectRefusal(on, channel, payload);

async function stateOf(dn: string) {
  const entry = await entryAsRoot(fixture, dn);
  return { state: valuesOf(entry, 'supannRessourceEtat').join(), dated: valuesOf(entry, 'supannRessourceEtatDate').join() };
}
function rows(login: string, action: string, on: ConsoleHarness = supervisor) {
  return (
    on.services.auditDb
      .prepare('SELECT outcome, evidence, details, comment FROM events WHERE target_login = ? AND action = ? ORDER BY seq')
      .all(login, action) as Array<{ outcome: string; evidence: string; details: string; comment: string | null }>
  ).map((r) => ({ outcome: r.outcome, evidence: JSON.parse(r.evidence) as string[], details: JSON.parse(r.details) as Record<string, unknown>, comment: r.comment }));
}
const today = () => new Date().toISOString().slice(0, 10);
const compact = (day: string) => day.replaceAll('-', '');

beforeAll(async () => {
  desk = await startDeskSession({ people: 20, agent: 'supervisor' });
  ({ fixture, smtp, harness: supervisor } = desk);
});
afterAll(async () => {
  await desk?.close();
});

describe('suspend and reactivate', () => {
  it('an agent is refused by main (supervisor-only by default): nothing written, nothing recorded', async () => {
    const agentDesk = startConsole({ fixture });
    try {
      await signInAs(agentDesk, fixture, 'agent');
      const p = fixture.named.active;
      const before = await stateOf(p.dn);
      expect(await refusal('lifecycle:suspend', { dn: p.dn, reason: 'compromised', personPresent: false }, agentDesk)).toMatchObject({
        code: 'FORBIDDEN',
        details: { action: 'suspend', reason: 'supervisor-required' },
      });
      expect(await stateOf(p.dn)).toEqual(before);
      expect(rows(p.login, 'account-suspend', agentDesk)).toEqual([]);
    } finally {
      await agentDesk.close();
    }
  });

  it('a supervisor suspends an absent person: the state, the trail with reason, ticket and before/after, the notice', async () => {
    const p = fixture.named.active;
    const before = await stateOf(p.dn);
    const end = before.dated.split(':')[3];
    const mails = smtp.received.length;
    const done = await call('lifecycle:suspend', { dn: p.dn, reason: 'compromised', personPresent: false, comment: 'connexions depuis l’étranger', ticket: 'INC0012345' });
    expect(await stateOf(p.dn)).toEqual({
      state: '{COMPTE}S:SupannVerrouAdministratif',
      dated: `{COMPTE}S:SupannVerrouAdministratif:${compact(today())}:${end}`,
    });
    expect(done.changes).toEqual({
      accountState: { before: '{COMPTE}A:SupannActif', after: '{COMPTE}S:SupannVerrouAdministratif' },
      accountStateDate: { before: before.dated.split(':').slice(2).join(':'), after: `${compact(today())}:${end}` },
    });
    const trail = rows(p.login, 'account-suspend');
    expect(trail.map((r) => r.outcome)).toEqual(['pending', 'success']);
    expect(trail[0]).toMatchObject({ evidence: [], comment: 'connexions depuis l’étranger', details: { reason: 'compromised', person: 'absent', ticket: 'INC0012345' } });
    expect(trail[1]!.details).toMatchObject({ changes: done.changes, ticket: 'INC0012345' });
    await smtp.waitFor(mails + 1);
    expect(smtp.received.slice(mails).map((m) => m.subject).join()).toContain('suspension de votre compte');
    expect(smtp.received.slice(mails).map((m) => m.body).join()).toContain('par le service d’assistance');

    // The card reads it back: the desk model now offers reactivation, not suspension.
    const card = await call('account:open', { dn: p.dn });
    expect(card.state).toMatchObject({ status: 'suspended', subState: 'SupannVerrouAdministratif', reading: 'read' });
  });

  it('an account already suspended cannot be suspended again; a reason that needs words needs them', async () => {
    const p = fixture.named.active;
    expect(await refusal('lifecycle:suspend', { dn: p.dn, reason: 'compromised', personPresent: false })).toMatchObject({
      code: 'ACCOUNT_STATE',
      details: { reason: 'already-suspended' },
    });
    expect(await refusal('lifecycle:reactivate', { dn: p.dn, reason: 'other', personPresent: true })).toMatchObject({
      code: 'INVALID_REQUEST',
      details: { field: 'reasonText', reason: 'required' },
    });
    expect(await refusal('lifecycle:reactivate', { dn: p.dn, reason: 'not-a-reason', personPresent: true })).toMatchObject({
      code: 'INVALID_REQUEST',
      details: { field: 'reason' },
    });
    expect(rows(p.login, 'account-reactivate')).toEqual([]);
  });

  it('reactivation with the person at the desk and verified: active again, dates kept, evidence on record', async () => {
    const p = fixture.named.active;
    const suspended = await stateOf(p.dn);
    await call('verification:document', { dn: p.dn, documentKind: 'student-card' });
    await call('lifecycle:reactivate', { dn: p.dn, reason: 'identity-confirmed', personPresent: true });
    const [, , start, end] = suspended.dated.split(':');
    expect(await stateOf(p.dn)).toEqual({ state: '{COMPTE}A:SupannActif', dated: `{COMPTE}A:SupannActif:${start}:${end}` });
    const trail = rows(p.login, 'account-reactivate');
    expect(trail[0]).toMatchObject({ evidence: ['student-card'], details: { reason: 'identity-confirmed', person: 'present-verified' } });
    expect(trail[1]!.outcome).toBe('success');
  });

  it('a security lock (SupannVerrouTechnique) is the security team’s to lift', async () => {
    const p = fixture.named.twoStudentNumbers;
    await replaceAsRoot(fixture, p.dn, { supannRessourceEtat: ['{COMPTE}S:SupannVerrouTechnique'], supannRessourceEtatDate: ['{COMPTE}S:SupannVerrouTechnique:20261001:'] });
    expect(await refusal('lifecycle:reactivate', { dn: p.dn, reason: 'cleared', personPresent: false })).toMatchObject({
      code: 'ACCOUNT_STATE',
      details: { reason: 'technical-suspension', fixer: 'security-team' },
    });
  });

  it('an unreadable state allows no change at all, and says whom to contact', async () => {
    const p = fixture.named.noMobile;
    await replaceAsRoot(fixture, p.dn, { supannRessourceEtat: ['{COMPTE}Z:Bizarre'] });
    for (const channel of ['lifecycle:suspend', 'lifecycle:reactivate'] as const)
      expect(await refusal(channel, { dn: p.dn, reason: 'other', reasonText: 'x', personPresent: false })).toMatchObject({
        code: 'ACCOUNT_STATE',
        details: { reason: 'state-unreadable', fixer: 'directory-team' },
      });
    expect(await refusal('lifecycle:extend', { dn: p.dn, reason: 'contract-renewed', personPresent: false, newEnd: addDays(today(), 30) })).toMatchObject({
      code: 'ACCOUNT_STATE',
      details: { reason: 'state-unreadable' },
    });
  });
});

describe('extend validity', () => {
  it('a new end within the bound: written, before/after on record; beyond the bound or not later: refused, nothing written', async () => {
    const p = fixture.named.noPersonalMail;
    const before = await stateOf(p.dn);
    const tooFar = addDays(today(), supervisor.config.lifecycle.maxExtensionDays + 1);
    expect(await refusal('lifecycle:extend', { dn: p.dn, reason: 'contract-renewed', personPresent: false, newEnd: tooFar })).toMatchObject({
      code: 'INVALID_REQUEST',
      details: { field: 'newEnd', reason: 'too-far' },
    });
    expect(await refusal('lifecycle:extend', { dn: p.dn, reason: 'contract-renewed', personPresent: false, newEnd: today() })).toMatchObject({
      details: { field: 'newEnd', reason: 'past' },
    });
    expect(await stateOf(p.dn)).toEqual(before);
    const [, , start, end = ''] = before.dated.split(':');
    const endDay = `${end.slice(0, 4)}-${end.slice(4, 6)}-${end.slice(6, 8)}`;
    expect(await refusal('lifecycle:extend', { dn: p.dn, reason: 'contract-renewed', personPresent: false, newEnd: addDays(endDay, -1) })).toMatchObject({
      details: { field: 'newEnd', reason: 'not-later' },
    });
    const newEnd = addDays(endDay, 30);
    await call('lifecycle:extend', { dn: p.dn, reason: 'contract-renewed', personPresent: false, newEnd });
    expect(await stateOf(p.dn)).toEqual({ state: before.state, dated: `${before.state}:${start}:${compact(newEnd)}` });
    expect(rows(p.login, 'validity-extend')[1]!.details).toMatchObject({ reason: 'contract-renewed', changes: { accountStateDate: { after: `${start}:${compact(newEnd)}` } } });
  });

  it('an account with no end date has nothing to extend (staff)', async () => {
    expect(await refusal('lifecycle:extend', { dn: fixture.named.staff.dn, reason: 'contract-renewed', personPresent: false, newEnd: addDays(today(), 30) })).toMatchObject({
      code: 'ACCOUNT_STATE',
      details: { reason: 'no-end-date' },
    });
  });

  it('an expired account extended is active again from today', async () => {
    const p = fixture.named.expired;
    const newEnd = addDays(today(), 60);
    await call('lifecycle:extend', { dn: p.dn, reason: 'grace-period', reasonText: 'réinscription tardive', personPresent: true, newEnd });
    expect(await stateOf(p.dn)).toEqual({ state: '{COMPTE}A:SupannActif', dated: `{COMPTE}A:SupannActif:${compact(today())}:${compact(newEnd)}` });
    // Present but not verified: the trail says so.
    expect(rows(p.login, 'validity-extend')[0]!.details).toMatchObject({ person: 'present-unverified', reasonText: 'réinscription tardive' });
  });
});

describe('the directory has the last word, and the configuration’s note rules apply', () => {
  it('an agent the configuration lets suspend is refused by slapd’s ACL: denied on record, the state untouched', async () => {
    const agentDesk = startConsole({ fixture, overrides: { lifecycle: { roles: { suspend: 'agent' } } } });
    try {
      await signInAs(agentDesk, fixture, 'agent');
      const p = fixture.named.redListed;
      const before = await stateOf(p.dn);
      const error = await refusal('lifecycle:suspend', { dn: p.dn, reason: 'person-request', personPresent: true }, agentDesk);
      expect(error.code).toBe('FORBIDDEN');
      expect(await stateOf(p.dn)).toEqual(before);
      expect(rows(p.login, 'account-suspend', agentDesk).map((r) => r.outcome)).toEqual(['pending', 'denied']);
    } finally {
      await agentDesk.close();
    }
  });

  it('requireTicket with the institution’s format: missing or malformed refused before anything; audit.requireComment satisfied by a comment', async () => {
    const strict = startConsole({
      fixture,
      overrides: { mail: smtp.mailConfig(), audit: { requireTicket: ['account-suspend'], requireComment: ['account-suspend', 'password-reset'], ticketPattern: '^INC\\d{7}$' } },
    });
    try {
      await signInAs(strict, fixture, 'supervisor');
      const p = fixture.named.homonymA;
      const ask = { dn: p.dn, reason: 'compromised', personPresent: false } as const;
      expect(await refusal('lifecycle:suspend', { ...ask, ticket: 'INC0012345' }, strict)).toMatchObject({ code: 'INVALID_REQUEST', details: { field: 'comment', reason: 'required' } });
      expect(await refusal('lifecycle:suspend', { ...ask, comment: 'vu' }, strict)).toMatchObject({ details: { field: 'ticket', reason: 'required' } });
      expect(await refusal('lifecycle:suspend', { ...ask, comment: 'vu', ticket: 'REQ-42' }, strict)).toMatchObject({ details: { field: 'ticket', reason: 'format' } });
      expect(rows(p.login, 'account-suspend', strict)).toEqual([]);
      await call('lifecycle:suspend', { ...ask, comment: 'vu', ticket: 'INC0012345' }, strict);
      expect(rows(p.login, 'account-suspend', strict)[0]).toMatchObject({ comment: 'vu', details: { ticket: 'INC0012345' } });

      // A reset under audit.requireComment: refused without a comment, done with one (no screen could type one before).
      const q = fixture.named.homonymB;
      await call('verification:document', { dn: q.dn, documentKind: 'student-card' }, strict);
      expect(await refusal('password:reset-generated', { dn: q.dn }, strict)).toMatchObject({ code: 'INVALID_REQUEST', details: { field: 'comment' } });
      const reset = await call('password:reset-generated', { dn: q.dn, comment: 'mot de passe oublié' }, strict);
      expect(reset.groups.join('').length).toBeGreaterThan(8);
    } finally {
      await strict.close();
    }
  });
});
