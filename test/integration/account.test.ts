/**
 * account:open on a real slapd: the card of each named case, masking, consents, activation,
 * ppolicy status, DN validation, the view on record, recent desk actions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDirectory, type DirectoryFixture, type FixturePerson, type NamedKey } from '../../resources/directory/fixture';
import { startConsole, type ConsoleHarness } from '../support/console-harness';
import { hostileDn, tryAddLogin } from '../../resources/directory/hostile-person';
import type { AccountCard } from '../../src/shared/account';
import { accountFactsOf, standingOf } from '../../src/shared/account-standing';
import { accountRule } from '../../src/shared/desk-actions';

let fixture: DirectoryFixture;
let harness: ConsoleHarness;

async function open(person: FixturePerson | string, on: ConsoleHarness = harness): Promise<AccountCard> {
  const result = await on.invoke('account:open', { dn: typeof person === 'string' ? person : person.dn });
  if (!result.ok) throw new Error(`account:open failed: ${result.error.code}`);
  return result.value as AccountCard;
}
const viewer = { login: 'test', role: 'supervisor' } as const;
const agentOf = (kind: 'agent' | 'supervisor') => fixture.agents.find((a) => a.kind === kind)!;

beforeAll(async () => {
  fixture = await startDirectory({ people: 20 });
  harness = startConsole({ fixture });
  const agent = agentOf('agent');
  const signed = await harness.invoke('session:sign-in', { login: agent.login, password: agent.password });
  if (!signed.ok) throw new Error('sign-in failed');
});
afterAll(async () => {
  await harness?.close();
  await fixture?.stop();
});

describe('the account card', () => {
  it('shows an active account, contact data masked', async () => {
    const p = fixture.named.active;
    const card = await open(p);
    expect(card).toMatchObject({
      dn: p.dn,
      login: p.login,
      displayName: 'Julie Bernard',
      givenName: 'Julie',
      familyName: 'Bernard',
      civility: 'Mme',
      alias: 'julie.bernard',
      uniqueId: p.uniqueId,
      principalName: p.principalName,
      primaryAffiliation: 'student',
      affiliations: p.affiliations,
      studentIds: p.studentIds,
      ines: [p.ine],
      mail: p.mail,
      state: { status: 'active', subState: 'SupannActif', reading: 'read' },
      locked: false,
      lockedByAdministrator: false,
      hasPassword: true,
      resetPending: false,
      redListed: false,
      secretQuestionSet: true,
      consents: { smsAlerts: true, photoUse: true, hiddenFromDirectory: false },
      password: { hasPassword: true, mustChange: false, lockedSince: null, lockedByAdministrator: false, recentFailures: [] },
    });
    expect(card.personalMailMasked).toBe(`${p.personalMail![0]}•••@${p.personalMail!.split('@')[1]}`);
    expect(card.consents.mobileMasked).toBe(`+33 ${p.mobile!.split(' ')[1]} •• •• •• ${p.mobile!.slice(-2)}`);
    expect(card.password.lastChange).toMatch(/^2026-09-03T/);
  });

  it('never carries the date of birth, the personal values in clear or the secret answer', async () => {
    for (const key of ['active', 'accented', 'staff', 'external'] as NamedKey[]) {
      const p = fixture.named[key];
      const json = JSON.stringify(await open(p));
      const dob = p.dateOfBirth;
      for (const form of [dob, `${dob.slice(0, 4)}-${dob.slice(4, 6)}-${dob.slice(6)}`]) expect(json).not.toContain(form);
      if (p.personalMail) expect(json).not.toContain(p.personalMail);
      if (p.mobile) expect(json).not.toContain(p.mobile);
      expect(json).not.toMatch(/SSHA/);
      if (p.secretAnswer) expect(json).not.toContain(p.secretAnswer);
    }
  });

  it.each([
    ['neverActivated', 'never-activated', { offered: true, blocker: null }, { hasPassword: false, password: { hasPassword: false } }],
    // Pre-created: the registration is not finalised; the registrar finalises it, then it can be activated.
    ['preCreated', 'pre-created', { offered: false, blocker: { kind: 'account', reason: 'pre-created', fixer: 'registrar' } }, { state: { status: 'inactive', subState: 'SupannPrecree' } }],
    ['expired', 'expired', { offered: false, blocker: { kind: 'account', reason: 'expired', fixer: 'registrar' } }, { state: { status: 'inactive', subState: 'SupannExpire', end: '2025-08-31' } }],
    ['suspended', 'suspended', { offered: false, blocker: { kind: 'account', reason: 'suspended', fixer: 'registrar' } }, { state: { status: 'suspended', subState: 'SupannVerrouille' } }],
    ['staff', 'active', { offered: false, blocker: { kind: 'account', reason: 'already-activated', fixer: null } }, { primaryAffiliation: 'staff', staffIds: [expect.any(String)], state: { end: null } }],
    ['resetPending', 'active', { offered: false }, { resetPending: true }],
    ['redListed', 'active', { offered: false }, { redListed: true, consents: { hiddenFromDirectory: true } }],
  ] as const)('%s: standing %s, activation %j (the shared rule on the card as read)', async (key, standing, activation, extra) => {
    const card = await open(fixture.named[key]);
    expect(standingOf(card.state, card.hasPassword)).toBe(standing);
    expect(accountRule(accountFactsOf(card), 'activation')).toMatchObject(activation);
    expect(card).toMatchObject(extra);
  });

  it('a locked account: since when, and the recent failures (ppolicy)', async () => {
    const card = await open(fixture.named.locked);
    expect(card.locked).toBe(true);
    expect(card.password).toMatchObject({ lockedSince: '2026-11-20T08:34:04.000Z', lockedByAdministrator: false });
    expect(card.password.recentFailures).toHaveLength(5);
  });

  it('a reset pending (pwdReset): must change at next sign-in', async () => {
    expect((await open(fixture.named.resetPending)).password.mustChange).toBe(true);
  });

  it('consents and red list', async () => {
    expect((await open(fixture.named.redListed)).consents.hiddenFromDirectory).toBe(true);
    const noMobile = await open(fixture.named.noMobile);
    expect(noMobile.consents).toMatchObject({ mobileMasked: null, smsAlerts: false });
    expect((await open(fixture.named.noPersonalMail)).personalMailMasked).toBeNull();
    const never = await open(fixture.named.neverActivated);
    expect(never.consents).toMatchObject({ smsAlerts: false, photoUse: false });
    expect(never.secretQuestionSet).toBe(false);
  });

  it('an external (guest): its unique id, no alias, affiliate', async () => {
    const card = await open(fixture.named.external);
    expect(card.uniqueId).toBe(fixture.named.external.uniqueId);
    expect(card.alias).toBeNull();
    expect(card.primaryAffiliation).toBe('affiliate');
  });
});

describe('which DNs may be opened', () => {
  it.each([
    ['the people branch itself', () => fixture.peopleBase],
    ['a group', () => fixture.agentsGroupDn],
    ['the service account', () => fixture.serviceDn],
    ['the base', () => fixture.baseDn],
    ['another tree', () => 'uid=jbernard1,ou=people,dc=elsewhere,dc=fr'],
    ['not a DN', () => '*)(uid=*'],
  ])('refuses %s (INVALID_REQUEST)', async (_label, dn) => {
    expect(await harness.invoke('account:open', { dn: dn() })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });

  it('an unknown account below people: NOT_FOUND', async () => {
    expect(await harness.invoke('account:open', { dn: `uid=nobody.here,${fixture.peopleBase}` })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('the view is on record', () => {
  it('each card opened writes an account-viewed event', async () => {
    const p = fixture.named.faculty;
    const before = harness.services.audit.history(p.login, viewer).events.length;
    await open(p);
    await open(p);
    const events = harness.services.audit.history(p.login, viewer).events;
    expect(events.length - before).toBe(2);
    expect(events[0]).toMatchObject({ action: 'account-viewed', outcome: 'success', agent: { login: 'agent.accueil' }, target: { login: p.login, dn: p.dn } });
  });

  it('a refresh after an action is not a new view, unless the last recorded one is over ten minutes old', async () => {
    const p = fixture.named.noMobile;
    const views = () => harness.services.audit.history(p.login, viewer).events.filter((e) => e.action === 'account-viewed').length;
    const realNow = harness.clock.now;
    const at = (minutes: number) => {
      const when = realNow().getTime() + minutes * 60_000;
      harness.clock.now = () => new Date(when);
    };
    const refresh = async () => expect((await harness.invoke('account:open', { dn: p.dn, refresh: true })).ok).toBe(true);
    try {
      // Later than any view an earlier test recorded: a "refresh" is then a view like any other.
      at(11);
      const before = views();
      await refresh();
      expect(views()).toBe(before + 1);
      await refresh();
      await refresh();
      expect(views()).toBe(before + 1);
      // Opening the card (not a refresh) is always recorded.
      await open(p);
      expect(views()).toBe(before + 2);
      at(22);
      await refresh();
      expect(views()).toBe(before + 3);
    } finally {
      harness.clock.now = realNow;
    }
  });

  it('recent desk actions on the account come from its history (newest first, views left out, at most 10)', async () => {
    const p = fixture.named.homonymA;
    const agent = { login: agentOf('agent').login, displayName: agentOf('agent').displayName };
    for (let i = 0; i < 12; i++)
      harness.services.audit.append({
        action: 'account-unlock',
        outcome: i === 11 ? 'failure' : 'success',
        agent,
        target: { login: p.login, dn: p.dn },
        details: {},
      });
    const card = await open(p);
    expect(card.recentActions).toHaveLength(10);
    expect(card.recentActions[0]).toMatchObject({ action: 'account-unlock', outcome: 'failure', agentLogin: 'agent.accueil' });
    expect(card.recentActions.every((a) => a.action !== 'account-viewed')).toBe(true);
    const seqs = card.recentActions.map((a) => a.seq);
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
  });

  it('no card when its view cannot be recorded (AUDIT_UNAVAILABLE)', async () => {
    const other = startConsole({ fixture });
    try {
      const agent = agentOf('supervisor');
      await other.invoke('session:sign-in', { login: agent.login, password: agent.password });
      other.services.audit.db.close();
      const result = await other.invoke('account:open', { dn: fixture.named.active.dn });
      expect(result).toMatchObject({ ok: false, error: { code: 'AUDIT_UNAVAILABLE' } });
    } finally {
      await other.close();
    }
  });

  it('a login with control characters (slapd takes a BEL or a line feed in a uid): said plainly, nothing half-done', async () => {
    for (const login of ['essai\u0007bip', 'essai\nligne']) {
      expect(await tryAddLogin(fixture, login)).toBeNull();
      const dn = hostileDn(fixture, login);
      const before = harness.services.audit.db.prepare('SELECT max(seq) FROM events').pluck().get();
      for (const [channel, payload] of [
        ['account:open', { dn }],
        ['verification:document', { dn, documentKind: 'national-id' }],
      ] as const) {
        const result = await harness.invoke(channel, payload);
        expect(result).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_ENTRY' } });
      }
      expect(harness.services.audit.db.prepare('SELECT max(seq) FROM events').pluck().get()).toBe(before);
    }
  });
});
