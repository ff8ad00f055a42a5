/**
 * Consent changes on a real slapd: each change in one modify and on record with before/after
 * (mobile masked), read back as the directory's administrator; refusals write nothing.
 */
import { Attribute, Change, Client, type Entry } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDirectory, type DirectoryFixture, type FixturePerson } from '../../resources/directory/fixture';
import { expectOk, expectRefusal, startConsole, type ConsoleHarness } from '../support/console-harness';
import type { AuditEventView } from '../../src/shared/audit-events';
import type { AppError } from '../../src/shared/result';
import type { ChannelName, RequestOf } from '../../src/shared/contract';

let fixture: DirectoryFixture;
let harness: ConsoleHarness;

const call = <C extends ChannelName>(channel: C, payload: RequestOf<C>) => expectOk(harness, channel, payload);
const refusal = <C extends ChannelName>(channel: C, payload: RequestOf<C>): Promise<AppError> => expectRefusal(harness, channel, payload);
/** The entry as the directory's administrator sees it (operational attributes included). */
async function asRoot(dn: string): Promise<Entry> {
  const client = new Client({ url: fixture.url, timeout: 3_000 });
  try {
    await client.bind(fixture.rootDn, fixture.rootPassword);
    const { searchEntries } = await client.search(dn, { scope: 'base', attributes: ['*', '+'] });
    return searchEntries[0]!;
  } finally {
    await client.unbind();
  }
}
async function rootModify(dn: string, change: Change): Promise<void> {
  const client = new Client({ url: fixture.url, timeout: 3_000 });
  try {
    await client.bind(fixture.rootDn, fixture.rootPassword);
    await client.modify(dn, change);
  } finally {
    await client.unbind();
  }
}
const list = (entry: Entry, attribute: string): string[] => {
  const raw = entry[attribute];
  return (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String);
};
type ConsentEvent = Extract<AuditEventView, { action: 'consent-change' }>;
/** Every consent-change of the account (outcome rows), oldest first. */
function consentEvents(login: string): ConsentEvent[] {
  return harness.services.audit
    .query({ target: login, action: 'consent-change' }, { login: 'test', role: 'supervisor' }, { limit: 100 })
    .events.filter((e): e is ConsentEvent => e.action === 'consent-change')
    .reverse();
}
const verify = (p: FixturePerson) => call('verification:document', { dn: p.dn, documentKind: 'student-card' });
const generated = (filter: (p: FixturePerson) => boolean) => fixture.people.find((p) => p.key === null && p.affiliation === 'student' && filter(p))!;

beforeAll(async () => {
  fixture = await startDirectory({ people: 60 });
  harness = startConsole({ fixture });
  const agent = fixture.agents.find((a) => a.kind === 'agent')!;
  await call('session:sign-in', { login: agent.login, password: agent.password });
});
afterAll(async () => {
  await harness?.close();
  await fixture?.stop();
});

describe('consents:get', () => {
  it('shows the current choices with the mobile masked, and no history yet', async () => {
    const p = fixture.named.active;
    const view = await call('consents:get', { dn: p.dn });
    expect(view).toMatchObject({ smsAlerts: true, photoUse: true, hiddenFromDirectory: false, history: [], lastChanged: {} });
    expect(view.mobileMasked).toMatch(/^\+33 [67] •• •• •• \d\d$/);
    expect(JSON.stringify(view)).not.toContain(p.mobile!.replace(/\s/g, '').slice(3));
  });
});

describe('consents:update', () => {
  it('each change is written in one modify, kept other consents, and is on record with before/after', async () => {
    const p = fixture.named.active;
    // A consent the console does not manage must survive.
    await rootModify(p.dn, new Change({ operation: 'add', modification: new Attribute({ type: 'supannConsentement', values: ['{APPLI:OFFICE365}CGU'] }) }));
    await verify(p);
    const view = await call('consents:update', { dn: p.dn, smsAlerts: false, photoUse: false, hiddenFromDirectory: true, comment: 'à sa demande' });
    expect(view).toMatchObject({ smsAlerts: false, photoUse: false, hiddenFromDirectory: true });
    const entry = await asRoot(p.dn);
    expect(list(entry, 'supannConsentement')).toEqual(['{APPLI:OFFICE365}CGU']);
    expect(list(entry, 'supannListeRouge')).toEqual(['TRUE']);
    expect(list(entry, 'mobile')).toEqual([p.mobile]); // untouched: not typed again

    const [event] = consentEvents(p.login);
    expect(event).toMatchObject({ outcome: 'success', comment: 'à sa demande', evidence: ['student-card'], agent: { login: fixture.agents.find((a) => a.kind === 'agent')!.login } });
    expect(event!.details).toEqual({
      changes: {
        consents: { before: ['{PHOTO}TROMBINOSCOPE', '{SMS}ALERTES'], after: [] },
        hiddenFromDirectory: { before: false, after: true },
      },
    });
    expect(view.history).toHaveLength(1);
    expect(view.history[0]).toMatchObject({ fields: ['smsAlerts', 'photoUse', 'hiddenFromDirectory'], before: { smsAlerts: true, photoUse: true, hiddenFromDirectory: false } });
    expect(Object.keys(view.lastChanged).sort()).toEqual(['hiddenFromDirectory', 'photoUse', 'smsAlerts']);

    // Then the number, then SMS back on: each its own record, newest first in the history.
    await call('consents:update', { dn: p.dn, smsAlerts: false, mobile: '07 81 23 45 67', photoUse: false, hiddenFromDirectory: true });
    expect(list(await asRoot(p.dn), 'mobile')).toEqual(['+33781234567']);
    const last = await call('consents:update', { dn: p.dn, smsAlerts: true, photoUse: false, hiddenFromDirectory: true });
    const events = consentEvents(p.login);
    expect(events.map((e) => e.details.changes)).toEqual([
      expect.anything(),
      { mobile: { before: '+33*******78'.replace('78', p.mobile!.slice(-2)), after: '+33*******67' } },
      { consents: { before: [], after: ['{SMS}ALERTES'] } },
    ]);
    expect(JSON.stringify(events)).not.toContain('781234567');
    expect(last.history.map((h) => h.fields)).toEqual([['smsAlerts'], ['mobile'], ['smsAlerts', 'photoUse', 'hiddenFromDirectory']]);
    expect(last.mobileMasked).toBe('+33 7 •• •• •• 67');
    expect(list(await asRoot(p.dn), 'supannConsentement').sort()).toEqual(['{APPLI:OFFICE365}CGU', '{SMS}ALERTES']);
  });

  it('the same choices again write nothing and record nothing', async () => {
    const p = fixture.named.staff;
    await verify(p);
    const before = await asRoot(p.dn);
    const count = consentEvents(p.login).length;
    await call('consents:update', { dn: p.dn, smsAlerts: true, mobile: p.mobile, photoUse: true, hiddenFromDirectory: false });
    expect(await asRoot(p.dn)).toEqual(before);
    expect(consentEvents(p.login)).toHaveLength(count);
  });

  it('SMS yes without a number is refused at the mobile field, and nothing is written', async () => {
    const p = fixture.named.noMobile;
    await verify(p);
    const before = await asRoot(p.dn);
    const error = await refusal('consents:update', { dn: p.dn, smsAlerts: true, photoUse: false, hiddenFromDirectory: true });
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', details: { field: 'mobile', reason: 'required' } });
    expect(await asRoot(p.dn)).toEqual(before);
    expect(consentEvents(p.login)).toEqual([]);
  });

  it('an invalid number is refused, and nothing is written', async () => {
    const p = fixture.named.noMobile;
    await verify(p);
    const before = await asRoot(p.dn);
    const error = await refusal('consents:update', { dn: p.dn, smsAlerts: true, mobile: '06 12 34', photoUse: false, hiddenFromDirectory: false });
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', details: { field: 'mobile', reason: 'incomplete' } });
    expect(error.message).not.toContain('06 12 34');
    expect(await asRoot(p.dn)).toEqual(before);
  });

  it('a foreign number is accepted and stored in E.164; the trail has it masked', async () => {
    const p = fixture.named.noMobile;
    await verify(p);
    const view = await call('consents:update', { dn: p.dn, smsAlerts: true, mobile: '0044 7911 123456', photoUse: false, hiddenFromDirectory: false });
    expect(list(await asRoot(p.dn), 'mobile')).toEqual(['+447911123456']);
    expect(list(await asRoot(p.dn), 'supannConsentement')).toEqual(['{SMS}ALERTES']);
    expect(view.mobileMasked).toBe('+44 7 • •• •• •• 56');
    expect(consentEvents(p.login).at(-1)!.details.changes.mobile).toEqual({ before: null, after: '+44********56' });

    const tunisian = generated((q) => q.mobile !== undefined);
    await verify(tunisian);
    await call('consents:update', { dn: tunisian.dn, smsAlerts: true, mobile: '+216 20 123 456', photoUse: true, hiddenFromDirectory: false });
    expect(list(await asRoot(tunisian.dn), 'mobile')).toEqual(['+21620123456']);
  });

  it('without the identity check for consent-change it is refused, and nothing is written', async () => {
    const p = fixture.named.redListed;
    await call('verification:clear', { dn: p.dn });
    const before = await asRoot(p.dn);
    const error = await refusal('consents:update', { dn: p.dn, smsAlerts: false, photoUse: false, hiddenFromDirectory: false });
    expect(error.code).toBe('VERIFICATION_REQUIRED');
    expect(await asRoot(p.dn)).toEqual(before);
    expect(consentEvents(p.login)).toEqual([]);
    // The check made for another account does not count for this one.
    await verify(fixture.named.active);
    expect((await refusal('consents:update', { dn: p.dn, smsAlerts: false, photoUse: false, hiddenFromDirectory: false })).code).toBe('VERIFICATION_REQUIRED');
  });

  it('a DN outside the people branch is refused before any directory call', async () => {
    const error = await refusal('consents:update', { dn: fixture.agentsGroupDn, smsAlerts: false, photoUse: false, hiddenFromDirectory: false });
    expect(error.code).toBe('INVALID_REQUEST');
  });
});
