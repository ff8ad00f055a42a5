/**
 * Issue 15 item 1: a mail goes only to the person's own address. Hostile values slapd
 * really stores in supannMailPerso and mail (a CR/LF and a Bcc header, a list, a display
 * name, a comment, a quoted local part, a space, NUL, 297 characters) are put on real
 * entries, then every mail path is tried against the real SMTP peer: the verification
 * code, the notices after a reset, an unlock and a login reminder, the activation's
 * confirmation. Nothing reaches the peer for a hostile address, no envelope ever holds the
 * injected recipient, the card shows "unusable" instead of a masked value, the agent gets
 * MAIL_ADDRESS_UNUSABLE with whom to ask, and the trail records the refusal and no
 * recipient. Internationalised addresses: refused unless the relay is declared SMTPUTF8.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DirectoryFixture, type FixturePerson } from '../../resources/directory/fixture';
import { HOSTILE_ADDRESSES, replaceValues } from '../../resources/directory/hostile-person';
import { expectOk, expectRefusal, signInAs, startConsole, type ConsoleHarness } from '../support/console-harness';
import { startDeskSession, type DeskSession } from './support/desk-session';
import type { SmtpPeer } from './support/smtp-peer';
import type { ChannelName, RequestOf } from '../../src/shared/contract';
import { UNUSABLE_MAILBOX } from '../../src/shared/mail-address';

let desk: DeskSession;
let fixture: DirectoryFixture;
let smtp: SmtpPeer;
let harness: ConsoleHarness;

const INJECTED = 'x@y.z';
const RECORDS_OFFICE = 'la scolarité (étudiants) ou le service des ressources humaines (personnels)';

const call = <C extends ChannelName>(channel: C, payload: RequestOf<C>, on = harness) => expectOk(on, channel, payload);
const refusal = <C extends ChannelName>(channel: C, payload: RequestOf<C>, on = harness) => expectRefusal(on, channel, payload);

/** The account's stored trail rows of one action, details parsed. */
function trailOf(login: string, action: string, on = harness): Array<{ outcome: string; details: Record<string, unknown> }> {
  const rows = on.services.auditDb.prepare('SELECT outcome, details FROM events WHERE target_login = ? AND action = ? ORDER BY seq').all(login, action) as Array<{
    outcome: string;
    details: string;
  }>;
  return rows.map((r) => ({ outcome: r.outcome, details: JSON.parse(r.details) as Record<string, unknown> }));
}
/** Every envelope recipient and every header the peer ever saw. */
const everyRecipient = () => smtp.received.flatMap((m) => m.to.map((t) => t.toLowerCase()));
const headersOf = (raw: string) => raw.slice(0, raw.search(/\r?\n\r?\n/));

const pool = (filter: (p: FixturePerson) => boolean): FixturePerson[] =>
  fixture.people.filter((p) => p.key === null && p.affiliation === 'student' && p.personalMail && filter(p));
let taken = new Set<string>();
function take(filter: (p: FixturePerson) => boolean): FixturePerson {
  const p = pool(filter).find((c) => !taken.has(c.dn));
  if (!p) throw new Error('not enough generated students');
  taken.add(p.dn);
  return p;
}
const activeStudent = () => take((p) => p.state === 'active' && p.password !== null);

async function store(p: FixturePerson, values: Record<string, string>): Promise<void> {
  expect(await replaceValues(fixture, p.dn, values), `slapd stores ${JSON.stringify(values)}`).toBeNull();
}

beforeAll(async () => {
  desk = await startDeskSession({ people: 150 });
  ({ fixture, smtp, harness } = desk);
  taken = new Set();
});
afterAll(async () => {
  await desk?.close();
});

describe('a verification code is never sent to a hostile personal address', () => {
  it.each(Object.entries(HOSTILE_ADDRESSES))('%s: refused before sending, the card says unusable, the trail says refused', async (kind, value) => {
    const p = activeStudent();
    await store(p, { supannMailPerso: value });
    const before = smtp.received.length;

    const card = await call('account:open', { dn: p.dn });
    expect(card.personalMailMasked).toBe(UNUSABLE_MAILBOX);
    const status = await call('verification:status', { dn: p.dn });
    expect(status.codeDestinationMasked).toBe(UNUSABLE_MAILBOX);

    const error = await refusal('verification:send-code', { dn: p.dn });
    expect(error.code).toBe('MAIL_ADDRESS_UNUSABLE');
    expect(error.details).toMatchObject({ address: 'personal-mail', whom: RECORDS_OFFICE });
    expect(JSON.stringify(error)).not.toContain(INJECTED);

    // The peer stores a message before it answers 250, so a mail sent during the call is already here.
    expect(smtp.received.length).toBe(before);
    expect(everyRecipient()).not.toContain(INJECTED);

    const refused = trailOf(p.login, 'notification-failed');
    expect(refused).toEqual([
      {
        outcome: 'denied',
        details: { channel: 'mail', purpose: 'verification', reason: 'unusable-address', address: 'personal-mail', problem: expect.any(String) },
      },
    ]);
    expect(refused[0]!.details).not.toHaveProperty('recipient');
    expect(trailOf(p.login, 'notification-sent')).toEqual([]);
    // No code was drawn: the day's quota of sends is untouched, no code is pending.
    expect((await call('verification:status', { dn: p.dn })).codePendingUntil).toBeNull();
    expect(kind).toBeTruthy();
  });

  it('the problem recorded names what is wrong', async () => {
    const cases: Array<[string, string]> = [
      [HOSTILE_ADDRESSES.headerInjection, 'control-character'],
      [HOSTILE_ADDRESSES.list, 'list'],
      [HOSTILE_ADDRESSES.displayName, 'display-name'],
      [HOSTILE_ADDRESSES.comment, 'comment'],
      [HOSTILE_ADDRESSES.inner, 'whitespace'],
      [HOSTILE_ADDRESSES.tooLong, 'too-long'],
    ];
    for (const [value, problem] of cases) {
      const p = activeStudent();
      await store(p, { supannMailPerso: value });
      expect((await refusal('verification:send-code', { dn: p.dn })).details).toMatchObject({ problem });
      expect(trailOf(p.login, 'notification-failed')[0]!.details).toMatchObject({ problem });
    }
  });

  it('an ordinary address still gets its code, with an envelope of that one address and a To header that matches', async () => {
    const p = activeStudent();
    const before = smtp.received.length;
    const status = await call('verification:send-code', { dn: p.dn });
    expect(status.codeDestinationMasked).toBe(`${p.personalMail![0]}•••@${p.personalMail!.split('@')[1]}`);
    const mail = await smtp.waitFor(before + 1);
    expect(mail.to).toEqual([p.personalMail]);
    expect(headersOf(mail.raw)).toMatch(new RegExp(`^To: ${p.personalMail!.replace(/[.+]/g, '\\$&')}\\r?$`, 'm'));
    expect(headersOf(mail.raw)).not.toMatch(/^(Cc|Bcc):/im);
  });
});

describe('notices after an action go only to the usable addresses', () => {
  it('a reset: the notice goes to the institutional address alone; the personal one is reported and recorded as unusable', async () => {
    const p = activeStudent();
    await store(p, { supannMailPerso: HOSTILE_ADDRESSES.headerInjection });
    await call('verification:document', { dn: p.dn, documentKind: 'student-card' });
    const before = smtp.received.length;
    const reset = await call('password:reset-generated', { dn: p.dn });
    expect(reset.notification).toEqual({ sentTo: [`${p.mail[0]}•••@${p.mail.split('@')[1]}`], failed: false, unusable: ['personal-mail'] });
    const mail = await smtp.waitFor(before + 1);
    expect(smtp.received.length).toBe(before + 1);
    expect(mail.to).toEqual([p.mail]);
    expect(headersOf(mail.raw)).not.toMatch(/bcc|x@y\.z/i);
    expect(everyRecipient()).not.toContain(INJECTED);
    expect(trailOf(p.login, 'notification-failed')).toEqual([
      { outcome: 'denied', details: { channel: 'mail', purpose: 'password-reset', reason: 'unusable-address', address: 'personal-mail', problem: 'control-character' } },
    ]);
    expect(trailOf(p.login, 'notification-sent').map((e) => e.details['recipient'])).toEqual([`${p.mail[0]}***@${p.mail.split('@')[1]![0]}***.fr`]);
  });

  it('a login reminder with both addresses hostile: nothing is sent, both are reported', async () => {
    const p = activeStudent();
    await store(p, { supannMailPerso: HOSTILE_ADDRESSES.list, mail: HOSTILE_ADDRESSES.displayName });
    await call('verification:document', { dn: p.dn, documentKind: 'student-card' });
    const before = smtp.received.length;
    const card = await call('account:open', { dn: p.dn });
    expect(card.personalMailMasked).toBe(UNUSABLE_MAILBOX);
    const revealed = await call('account:reveal-login', { dn: p.dn });
    expect(revealed.notification).toEqual({ sentTo: [], failed: false, unusable: ['personal-mail', 'mail'] });
    expect(smtp.received.length).toBe(before);
    expect(trailOf(p.login, 'notification-failed').map((e) => [e.details['address'], e.details['problem']])).toEqual([
      ['personal-mail', 'list'],
      ['mail', 'display-name'],
    ]);
  });

  it('an unlock: the notice skips the hostile personal address', async () => {
    const p = take((c) => c.state === 'locked' && c.password !== null);
    await store(p, { supannMailPerso: HOSTILE_ADDRESSES.lineFeedInjection });
    await call('verification:document', { dn: p.dn, documentKind: 'student-card' });
    const before = smtp.received.length;
    const unlocked = await call('account:unlock', { dn: p.dn });
    expect(unlocked.notification).toMatchObject({ failed: false, unusable: ['personal-mail'] });
    const mail = await smtp.waitFor(before + 1);
    expect(mail.to).toEqual([p.mail]);
    expect(everyRecipient()).not.toContain(INJECTED);
  });

  it('an activation: the confirmation is not sent to a hostile personal address, the activation stands', async () => {
    const p = take((c) => c.state === 'neverActivated');
    await store(p, { supannMailPerso: HOSTILE_ADDRESSES.headerInjection });
    await call('verification:document', { dn: p.dn, documentKind: 'student-card' });
    const before = smtp.received.length;
    const done = await call('activation:complete', {
      dn: p.dn,
      secretQuestion: 'Dans quelle ville vos parents se sont-ils rencontrés ?',
      secretAnswer: 'Saint-Étienne',
      smsAlerts: false,
      photoUse: false,
      hiddenFromDirectory: false,
      password: 'Tournesol-Vif-83!Quai',
      charterAccepted: true,
    });
    expect(done.notification).toEqual({ sentTo: [], failed: false, unusable: ['personal-mail'] });
    expect(smtp.received.length).toBe(before);
    expect(trailOf(p.login, 'notification-failed')).toEqual([
      { outcome: 'denied', details: { channel: 'mail', purpose: 'activation', reason: 'unusable-address', address: 'personal-mail', problem: 'control-character' } },
    ]);
    expect(trailOf(p.login, 'activation').at(-1)!.outcome).toBe('success');
  });

  it('no stored event anywhere names the injected recipient, even masked', () => {
    // maskEmail('x@y.z') and maskEmail('a@b.fr\r\nBcc: x@y.z') both end in '@y***.z'.
    const rows = harness.services.auditDb.prepare("SELECT details FROM events WHERE details LIKE '%@y***.z%' OR details LIKE '%Bcc%'").all();
    expect(rows).toEqual([]);
  });
});

describe('internationalised addresses (RFC 6531)', () => {
  it('slapd itself refuses one in supannMailPerso (IA5 String)', async () => {
    const p = activeStudent();
    expect(await replaceValues(fixture, p.dn, { supannMailPerso: 'josé@exemple.fr' })).toBe(21);
  });

  // An institution may map the personal address to a Directory String attribute, which holds UTF-8.
  async function consoleMappedToDescription(smtpUtf8: boolean): Promise<ConsoleHarness> {
    const on = startConsole({
      fixture,
      overrides: { mail: { ...smtp.mailConfig(), smtpUtf8 }, directory: { attributes: { personalMail: 'description' } } as never },
    });
    await signInAs(on, fixture, 'agent');
    return on;
  }

  it('refused clearly when the relay is not declared SMTPUTF8', async () => {
    const on = await consoleMappedToDescription(false);
    try {
      const p = activeStudent();
      await store(p, { description: 'josé@exemple.fr' });
      const before = smtp.received.length;
      expect((await call('account:open', { dn: p.dn }, on)).personalMailMasked).toBe(UNUSABLE_MAILBOX);
      expect((await refusal('verification:send-code', { dn: p.dn }, on)).details).toMatchObject({ problem: 'international' });
        expect(smtp.received.length).toBe(before);
    } finally {
      await on.close();
    }
  });

  it('sent with SMTPUTF8 when the relay is declared to offer it', async () => {
    const on = await consoleMappedToDescription(true);
    try {
      const p = activeStudent();
      await store(p, { description: 'josé@exemple.fr' });
      const before = smtp.received.length;
      const status = await call('verification:send-code', { dn: p.dn }, on);
      expect(status.codeDestinationMasked).toBe('j•••@exemple.fr');
      expect((await smtp.waitFor(before + 1)).to).toEqual(['josé@exemple.fr']);
    } finally {
      await on.close();
    }
  });
});
