/**
 * The card completed (issue 14), on a real slapd: the password's expiry from pwdChangedTime and
 * the policy's pwdMaxAge (the default policy, or the one the entry names in pwdPolicySubentry;
 * a value that is no count, or a policy the desk cannot read, say so), the last successful
 * sign-in kept by the lastbind overlay ("non suivi" where the configuration says the directory
 * keeps none), and the directory photo: read only when the agent asks, only a JPEG, its view on
 * record but never the photo, in the trail, the exports or the log.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAMED_PERSON_PASSWORD, startDirectory, type DirectoryFixture } from '../../resources/directory/fixture';
import { DEMO_PHOTO_JPEG } from '../../resources/directory/lifecycle-people';
import { deskView } from '../../src/shared/desk-view';
import type { AccountCard } from '../../src/shared/account';
import type { GuichetConfigInput } from '../../src/main/config/schema';
import { expectOk, expectRefusal, signInAs, startConsole, type ConsoleHarness } from '../support/console-harness';
import { asDirectoryManager, replaceAsRoot } from './support/fault-checks';

const MAX_AGE_DAYS = 90;
let fixture: DirectoryFixture;
let desk: ConsoleHarness;

function consoleWith(directory: Partial<GuichetConfigInput['directory']>): ConsoleHarness {
  return startConsole({ fixture, logToFile: true, overrides: { directory: directory as GuichetConfigInput['directory'] } });
}
const open = (dn: string, on: ConsoleHarness = desk) => expectOk(on, 'account:open', { dn });
const view = (card: AccountCard, now = Date.now()) => deskView({ card, verification: null, agentRole: 'agent', mailConfigured: false, now });

beforeAll(async () => {
  fixture = await startDirectory({ people: 20, passwordMaxAgeDays: MAX_AGE_DAYS });
  // The harness's defaults are the fixture's: its default policy, lastbind's authTimestamp.
  desk = consoleWith({});
  await signInAs(desk, fixture, 'agent');
});
afterAll(async () => {
  await desk?.close();
  await fixture?.stop();
});

describe('the password’s expiry', () => {
  it('is pwdChangedTime plus the default policy’s pwdMaxAge, counted in days on the model’s clock', async () => {
    const p = fixture.named.active;
    const card = await open(p.dn);
    expect(card.passwordPolicy).toEqual({ reading: 'read', maxAgeSeconds: MAX_AGE_DAYS * 86_400 });
    // The same read says how many former passwords the directory refuses (the fixture's pwdInHistory).
    expect(card.passwordHistory).toBe(3);
    const changed = Date.parse(card.password.lastChange!);
    const expires = new Date(changed + MAX_AGE_DAYS * 86_400_000).toISOString();
    const tenDaysLater = changed + 10 * 86_400_000 + 3_600_000;
    expect(view(card, tenDaysLater).signInTimes.passwordExpiry).toEqual({ kind: 'expires', at: expires, days: MAX_AGE_DAYS - 11, soon: false });
    expect(view(card, changed + (MAX_AGE_DAYS + 2) * 86_400_000).signInTimes.passwordExpiry).toEqual({ kind: 'expired', at: expires, days: 2 });
  });

  it('follows the policy the entry names (pwdPolicySubentry), and says so when its pwdMaxAge is no believable count', async () => {
    const staffPolicy = `cn=staff,ou=policies,${fixture.baseDn}`;
    const odd = `cn=odd,ou=policies,${fixture.baseDn}`;
    await asDirectoryManager(fixture, async (client) => {
      await client.add(staffPolicy, { objectClass: ['namedPolicy', 'pwdPolicy'], cn: 'staff', pwdAttribute: 'userPassword', pwdMaxAge: String(30 * 86_400), pwdInHistory: '5' });
      // An INTEGER slapd accepts, but a century and more: not believed.
      await client.add(odd, { objectClass: ['namedPolicy', 'pwdPolicy'], cn: 'odd', pwdAttribute: 'userPassword', pwdMaxAge: '99999999999' });
    });
    const staff = fixture.named.staff;
    await replaceAsRoot(fixture, staff.dn, { pwdPolicySubentry: [staffPolicy] });
    expect(await open(staff.dn)).toMatchObject({ passwordPolicy: { reading: 'read', maxAgeSeconds: 30 * 86_400 }, passwordHistory: 5 });
    const faculty = fixture.named.faculty;
    await replaceAsRoot(fixture, faculty.dn, { pwdPolicySubentry: [odd] });
    const card = await open(faculty.dn);
    expect(card.passwordPolicy).toEqual({ reading: 'unreadable' });
    expect(card.passwordHistory).toBeNull();
    expect(view(card).signInTimes.passwordExpiry).toEqual({ kind: 'unreadable' });
  });

  it('is not known when no policy is configured, or the configured one is not there', async () => {
    const p = fixture.named.active;
    for (const directory of [{ passwordPolicyDn: undefined }, { passwordPolicyDn: `cn=missing,ou=policies,${fixture.baseDn}` }]) {
      const other = consoleWith(directory);
      try {
        await signInAs(other, fixture, 'agent');
        const card = await open(p.dn, other);
        expect(card.passwordPolicy).toEqual({ reading: 'unknown' });
        expect(card.passwordHistory).toBeNull();
        expect(view(card).signInTimes.passwordExpiry).toEqual({ kind: 'policy-unknown' });
      } finally {
        await other.close();
      }
    }
  });
});

describe('the last successful sign-in', () => {
  it('is what slapd’s lastbind overlay wrote at the person’s own bind', async () => {
    const p = fixture.named.noMobile;
    const before = await open(p.dn);
    expect(before.lastSignIn).toEqual({ reading: 'read', at: null });
    expect(view(before).signInTimes.lastSignIn).toEqual({ kind: 'never' });
    const client = new Client({ url: fixture.url, timeout: 3_000 });
    const bound = Date.now();
    await client.bind(p.dn, NAMED_PERSON_PASSWORD);
    await client.unbind();
    const after = await open(p.dn);
    expect(after.lastSignIn.reading).toBe('read');
    const at = Date.parse((after.lastSignIn as { at: string }).at);
    expect(Math.abs(at - bound)).toBeLessThan(5_000);
    expect(view(after).signInTimes.lastSignIn).toMatchObject({ kind: 'at', days: 0 });
  });

  it('is "non suivi" where the configuration says the directory keeps none, whatever the entry holds', async () => {
    const other = consoleWith({ attributes: { lastAuthentication: null } as never });
    try {
      await signInAs(other, fixture, 'agent');
      const card = await open(fixture.named.active.dn, other);
      expect(card.lastSignIn).toEqual({ reading: 'not-tracked' });
      expect(view(card).signInTimes.lastSignIn).toEqual({ kind: 'not-tracked' });
    } finally {
      await other.close();
    }
  });
});

describe('the directory photo', () => {
  const trailText = () => JSON.stringify(desk.services.auditDb.prepare('SELECT * FROM events').all());

  it('is never on the card; asked for, it comes as the JPEG the directory holds, its view on record without it', async () => {
    const p = fixture.named.active;
    const card = await open(p.dn);
    expect(card.photoOffered).toBe(true);
    expect(JSON.stringify(card)).not.toContain(DEMO_PHOTO_JPEG.toString('base64').slice(0, 40));
    const photo = await expectOk(desk, 'account:photo', { dn: p.dn });
    expect(photo).toEqual({ kind: 'jpeg', base64: DEMO_PHOTO_JPEG.toString('base64'), bytes: DEMO_PHOTO_JPEG.length });
    const viewed = desk.services.auditDb.prepare("SELECT details FROM events WHERE action = 'account-viewed' AND target_login = ? ORDER BY seq DESC LIMIT 1").get(p.login) as {
      details: string;
    };
    expect(JSON.parse(viewed.details)).toEqual({ source: 'photo' });
    // Not in the trail, its exports or the log, whole or in part.
    const sample = DEMO_PHOTO_JPEG.toString('base64').slice(100, 160);
    expect(trailText()).not.toContain(sample);
    await signInAs(desk, fixture, 'supervisor');
    for (const format of ['csv', 'jsonl'] as const) {
      const exported = await expectOk(desk, 'audit:export', { format, filter: { target: p.login } });
      expect(exported.count).toBeGreaterThan(0);
      expect(readFileSync(exported.path, 'utf8')).not.toContain(sample);
    }
    await signInAs(desk, fixture, 'agent');
    expect(readFileSync(join(desk.dataDir, 'logs', 'guichet.log'), 'utf8')).not.toContain(sample);
  });

  it('none, not a JPEG, or far too large: said so, nothing shown', async () => {
    expect(await expectOk(desk, 'account:photo', { dn: fixture.named.noMobile.dn })).toEqual({ kind: 'none' });
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const huge = Buffer.concat([DEMO_PHOTO_JPEG.subarray(0, 4), Buffer.alloc(1_200_000, 0x20)]);
    await asDirectoryManager(fixture, async (client) => {
      const { Attribute, Change } = await import('ldapts');
      await client.modify(fixture.named.staff.dn, new Change({ operation: 'replace', modification: new Attribute({ type: 'jpegPhoto', values: [png] }) }));
      await client.modify(fixture.named.faculty.dn, new Change({ operation: 'replace', modification: new Attribute({ type: 'jpegPhoto', values: [huge] }) }));
    });
    expect(await expectOk(desk, 'account:photo', { dn: fixture.named.staff.dn })).toEqual({ kind: 'unusable', reason: 'not-jpeg' });
    expect(await expectOk(desk, 'account:photo', { dn: fixture.named.faculty.dn })).toEqual({ kind: 'unusable', reason: 'too-large' });
  });

  it('is refused outside the people branch and without a session, and not offered where the directory keeps none', async () => {
    expect(await expectRefusal(desk, 'account:photo', { dn: fixture.agents[0]!.dn.replace(/^uid=[^,]+/, 'cn=x') })).toMatchObject({ code: expect.stringMatching(/INVALID_REQUEST|NOT_FOUND|FORBIDDEN/) });
    const none = consoleWith({ attributes: { photo: null } as never });
    try {
      await signInAs(none, fixture, 'agent');
      expect((await open(fixture.named.active.dn, none)).photoOffered).toBe(false);
      expect(await expectRefusal(none, 'account:photo', { dn: fixture.named.active.dn })).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'photo-not-kept' } });
      await expectOk(none, 'session:sign-out', {});
      expect((await expectRefusal(none, 'account:photo', { dn: fixture.named.active.dn })).code).toBe('NOT_SIGNED_IN');
    } finally {
      await none.close();
    }
  });
});
