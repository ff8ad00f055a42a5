/**
 * The password expiry list on a real slapd (ppolicy, pwdMaxAge 365 days), at its edges: with
 * the desk's clock set so that one person's password expires exactly now, or exactly N days
 * from now, that person is listed; a second later (already expired) or earlier (expiring in
 * N days and a second) they are not. The count and the first page's count are the accounts
 * whose password expires within N days, never those already expired nor those without one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDirectory, type DirectoryFixture, type FixturePerson } from '../../resources/directory/fixture';
import { generateAgents } from '../../resources/directory/people-generator';
import { expectOk, signInAs, startConsole, type ConsoleHarness } from '../support/console-harness';

const DAY_MS = 86_400_000;
const MAX_AGE_MS = 365 * DAY_MS;
const DAYS = 14;

let fixture: DirectoryFixture;
let desk: ConsoleHarness;
let everyone: FixturePerson[];

/** GeneralizedTime (seconds) -> epoch ms. */
const timeOf = (stamp: string) => Date.parse(`${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(8, 10)}:${stamp.slice(10, 12)}:${stamp.slice(12, 14)}Z`);
const expiryOf = (p: FixturePerson) => (p.pwdChangedTime ? timeOf(p.pwdChangedTime) + MAX_AGE_MS : null);

/** Who the list holds at `now`, from the generator's people: expiring at now or later, at now + N days or earlier. */
const expectedAt = (now: number) => everyone.filter((p) => {
  const expires = expiryOf(p);
  return expires !== null && expires >= now && expires <= now + DAYS * DAY_MS;
});

async function listedAt(now: number): Promise<{ count: number; pageCount: number }> {
  desk.clock.now = () => new Date(now);
  const { counts } = await expectOk(desk, 'worklists:counts', { lists: ['password-expiring'] });
  const page = await expectOk(desk, 'worklists:page', { list: 'password-expiring', page: 1 });
  return { count: counts[0]!.count!, pageCount: page.count! };
}

beforeAll(async () => {
  fixture = await startDirectory({ people: 600, passwordMaxAgeDays: 365 });
  everyone = [...fixture.people, ...generateAgents(fixture.baseDn)];
  desk = startConsole({ fixture, overrides: { worklists: { passwordExpiringDays: DAYS }, directory: { passwordPolicyDn: fixture.policyDn } as never } });
  await signInAs(desk, fixture, 'supervisor');
}, 60_000);
afterAll(async () => {
  await desk?.close();
  await fixture?.stop();
});

describe('the password expiry list at its edges', () => {
  it('holds a password expiring exactly now or exactly N days from now; not one expired a second ago, nor one expiring a second after N days', async () => {
    // Someone whose password expires within the next N days, away from the edges of today's window.
    const now = Date.now();
    const edge = everyone.find((p) => {
      const expires = expiryOf(p);
      return expires !== null && expires > now + 2 * DAY_MS && expires < now + (DAYS - 2) * DAY_MS;
    })!;
    expect(edge).toBeDefined();
    const expires = expiryOf(edge)!;
    const cases = [
      { now: expires, listed: true },
      { now: expires + 1_000, listed: false },
      { now: expires - DAYS * DAY_MS, listed: true },
      { now: expires - DAYS * DAY_MS - 1_000, listed: false },
    ];
    for (const c of cases) {
      const expected = expectedAt(c.now);
      expect(expected.includes(edge)).toBe(c.listed);
      expect(await listedAt(c.now)).toEqual({ count: expected.length, pageCount: expected.length });
    }
    // Never those already expired, nor those without a password date.
    const expired = everyone.filter((p) => expiryOf(p) !== null && expiryOf(p)! < now).length;
    const without = everyone.filter((p) => expiryOf(p) === null).length;
    expect(expired).toBeGreaterThan(0);
    expect(without).toBeGreaterThan(0);
  });
});
