/**
 * The worklists on a real slapd (ppolicy with a pwdMaxAge, sssvlv): each list's count against
 * what the generator put in the directory, pages sorted by the directory that add up to the
 * list, each opening and export on record, a garbled state shown as such, the CSV formula-safe;
 * an agent whom slapd's ACL does not let search the password dates is told the list is hidden
 * from them (not "none"), and the directory without sssvlv still gives sorted pages. A jump to
 * page k reads that page alone (virtual list view) and never leaves sssvlv busy; a card opened
 * from a list says so on record.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { readFileSync } from 'node:fs';
import { Client as LdapClient, type Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDirectory, type DirectoryFixture, type FixturePerson } from '../../resources/directory/fixture';
import { generateAgents } from '../../resources/directory/people-generator';
import type { WorklistId, WorklistPage } from '../../src/shared/contract/worklists';
import { worklistQuery } from '../../src/main/worklists/worklist-filters';
import { sortControl } from '../../src/main/worklists/worklist-search';
import { VirtualListViewControl } from '../../src/main/worklists/vlv-control';
import { compareSummaries } from '../../src/main/directory/account-entry';
import { expectOk, expectRefusal, signInAs, startConsole, type ConsoleHarness } from '../support/console-harness';
import { asDirectoryManager } from './support/fault-checks';

const DAY_MS = 86_400_000;
const MAX_AGE_DAYS = 365;
const BASE = 'dc=univ-demo,dc=fr';
const AGENT_DN = `uid=agent.accueil,ou=people,${BASE}`;
const GARBLED_LOGIN = 'zgarbled1';

let fixture: DirectoryFixture;
let supervisor: ConsoleHarness;
let agent: ConsoleHarness;
let everyone: FixturePerson[];

const worklistsConfig = { pageSize: 10, temporaryPasswordDays: 7, validityEndingDays: 30, passwordExpiringDays: 14 };
const open = (on: ConsoleHarness, list: WorklistId, page = 1, affiliation?: string) =>
  expectOk(on, 'worklists:page', { list, page, ...(affiliation ? { affiliation } : {}) });

function startOn(f: DirectoryFixture): ConsoleHarness {
  return startConsole({
    fixture: f,
    overrides: { worklists: worklistsConfig, directory: { passwordPolicyDn: `cn=default,ou=policies,${f.baseDn}` } as never },
  });
}

/** GeneralizedTime -> epoch ms. */
const timeOf = (stamp: string) => Date.parse(`${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(8, 10)}:${stamp.slice(10, 12)}:${stamp.slice(12, 14)}Z`);
const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10).replaceAll('-', '');

/** What each list should hold, read from the generator's people (not from the directory). */
function expected(list: WorklistId, affiliation?: string): FixturePerson[] {
  const now = Date.now();
  const inList = (p: FixturePerson): boolean => {
    switch (list) {
      case 'locked':
        return p.pwdAccountLockedTime !== undefined;
      case 'temporary-password':
        return p.pwdReset && p.pwdChangedTime !== undefined && timeOf(p.pwdChangedTime) <= now - 7 * DAY_MS;
      case 'never-activated':
        return p.resourceState === '{COMPTE}I:SupannCree' && (!affiliation || p.affiliation === affiliation);
      case 'validity-ending': {
        const end = /^\{COMPTE\}A:[^:]*:[^:]*:(\d{8})$/.exec(p.resourceStateDate)?.[1];
        return end !== undefined && end >= day(0) && end <= day(30);
      }
      case 'expired':
        return p.resourceState === '{COMPTE}I:SupannExpire';
      case 'suspended':
        return p.resourceState.startsWith('{COMPTE}S');
      case 'password-expiring': {
        if (!p.pwdChangedTime) return false;
        const expires = timeOf(p.pwdChangedTime) + MAX_AGE_DAYS * DAY_MS;
        return expires >= now && expires <= now + 14 * DAY_MS;
      }
    }
  };
  return everyone.filter(inList);
}

/** slapd's caseIgnoreOrderingMatch: case folded, then code point by code point (rousseau before rémy, Çelik after Colin). */
const sortKey = (p: { familyName: string | null; givenName: string | null }) =>
  [p.familyName ?? '', p.givenName ?? ''].map((s) => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim());
const byName = (a: ReturnType<typeof sortKey>, b: ReturnType<typeof sortKey>) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : a[1]! < b[1]! ? -1 : a[1]! > b[1]! ? 1 : 0);

const asManager = <T>(run: (client: Client) => Promise<T>): Promise<T> => asDirectoryManager(fixture, run);

/**
 * Each page's record: the opening, written while the directory searched, settled by its outcome
 * (with the count) just after the answer went: read a turn later, outcome rows only, each
 * settling an opening.
 */
async function viewedRows(on: ConsoleHarness) {
  await nextTurn();
  const rows = on.services.auditDb
    .prepare("SELECT e.outcome, e.details, i.action AS opened FROM events e LEFT JOIN events i ON i.seq = e.intent_seq WHERE e.action = 'worklist-viewed' AND e.outcome <> 'pending' ORDER BY e.seq")
    .all() as Array<{ outcome: string; details: string; opened: string | null }>;
  expect(rows.every((r) => r.opened === 'worklist-viewed')).toBe(true);
  return rows.map((r) => ({ outcome: r.outcome, details: JSON.parse(r.details) as Record<string, unknown> }));
}

beforeAll(async () => {
  fixture = await startDirectory({
    people: 1_500,
    passwordMaxAgeDays: MAX_AGE_DAYS,
    // A desk where the front-line agent may not see password dates (the supervisor may).
    extraAccess: ['access to attrs=pwdChangedTime', `  by dn.exact="${AGENT_DN}" none`, '  by * break'],
  });
  everyone = [...fixture.people, ...generateAgents(fixture.baseDn)];
  supervisor = startOn(fixture);
  await signInAs(supervisor, fixture, 'supervisor');
  agent = startOn(fixture);
  await signInAs(agent, fixture, 'agent');
}, 60_000);
afterAll(async () => {
  await supervisor?.close();
  await agent?.close();
  await fixture?.stop();
});

describe('counts', () => {
  it('each list counts what the directory holds, dated when taken; never activated by affiliation with the start of term', async () => {
    const before = Date.now();
    const { takenAt, counts } = await expectOk(supervisor, 'worklists:counts', {});
    expect(Date.parse(takenAt)).toBeGreaterThanOrEqual(before - 1_000);
    expect(counts.map((c) => c.list)).toEqual(['locked', 'temporary-password', 'never-activated', 'validity-ending', 'expired', 'suspended', 'password-expiring']);
    for (const c of counts) {
      expect({ list: c.list, count: c.count, problem: c.problem }).toEqual({ list: c.list, count: expected(c.list).length, problem: null });
      expect(c.count).toBeGreaterThan(0);
    }
    const never = counts.find((c) => c.list === 'never-activated')!;
    expect(never.byAffiliation).toEqual(['student', 'staff', 'faculty', 'affiliate'].map((a) => ({ affiliation: a, count: expected('never-activated', a).length })));
    expect(never.params.termStart).toMatch(/^\d{4}-09-01$/);
    expect(never.params.termStart! >= new Date().toISOString().slice(0, 10)).toBe(true);
    expect(counts.find((c) => c.list === 'validity-ending')!.params.days).toBe(30);
  });

  it('a subset is counted alone; counting is not an opening (nothing on record)', async () => {
    const before = (await viewedRows(supervisor)).length;
    const { counts } = await expectOk(supervisor, 'worklists:counts', { lists: ['expired'] });
    expect(counts).toHaveLength(1);
    expect(counts[0]!.count).toBe(expected('expired').length);
    expect((await viewedRows(supervisor))).toHaveLength(before);
  });
});

describe('pages', () => {
  it.each(['locked', 'temporary-password', 'never-activated', 'validity-ending', 'expired', 'suspended', 'password-expiring'] as const)(
    '%s: the pages, sorted by the directory, add up to the list, each opening on record',
    async (list) => {
      const want = expected(list);
      const seen: WorklistPage[] = [];
      const pages = Math.ceil(want.length / 10);
      for (let page = 1; page <= pages; page++) seen.push(await open(supervisor, list, page));
      const rows = seen.flatMap((p) => p.rows);
      expect(new Set(rows.map((r) => r.account.login))).toEqual(new Set(want.map((p) => p.login)));
      expect(rows).toHaveLength(want.length);
      expect(seen.every((p) => p.sortedBy === 'directory' && p.count === want.length && p.rows.length <= 10)).toBe(true);
      const keys = rows.map((r) => sortKey(r.account));
      expect([...keys].sort(byName)).toEqual(keys);
      const recorded = (await viewedRows(supervisor)).filter((r) => r.details['list'] === list);
      expect(recorded.map((r) => [r.outcome, r.details['page'], r.details['count']])).toEqual(seen.map((p) => ['success', p.page, want.length]));
    },
  );

  it('the opening is on record before the rows come back, then settled with the count; a trail that cannot be written shows no list', async () => {
    const seqBefore = supervisor.services.auditDb.prepare('SELECT max(seq) FROM events').pluck().get() as number;
    const shown = await open(supervisor, 'locked');
    // When the answer arrives the opening is written (count unknown yet); its outcome follows a turn later.
    const atAnswer = supervisor.services.auditDb.prepare('SELECT seq, outcome, details FROM events WHERE seq > ? ORDER BY seq').all(seqBefore) as Array<{ seq: number; outcome: string; details: string }>;
    expect(atAnswer.map((r) => [r.outcome, JSON.parse(r.details)])).toEqual([['pending', { list: 'locked', page: 1, count: null }]]);
    await nextTurn();
    const settled = supervisor.services.auditDb.prepare('SELECT outcome, intent_seq AS intentSeq, details FROM events WHERE seq > ? ORDER BY seq').all(atAnswer[0]!.seq) as Array<{ outcome: string; intentSeq: number; details: string }>;
    expect(settled.map((r) => [r.outcome, r.intentSeq, JSON.parse(r.details)])).toEqual([['success', atAnswer[0]!.seq, { list: 'locked', page: 1, count: shown.count }]]);

    const other = startOn(fixture);
    try {
      await signInAs(other, fixture, 'supervisor');
      other.services.audit.db.close();
      const result = await other.invoke('worklists:page', { list: 'locked', page: 1 });
      expect(result).toMatchObject({ ok: false, error: { code: 'AUDIT_UNAVAILABLE' } });
      expect(JSON.stringify(result)).not.toContain(fixture.people.find((p) => p.pwdAccountLockedTime !== undefined)!.login);
    } finally {
      await other.close();
    }
  });

  it('rows carry the date the list is about', async () => {
    const locked = { rows: (await Promise.all([1, 2, 3].map((page) => open(supervisor, 'locked', page)))).flatMap((p) => p.rows) };
    const hugo = locked.rows.find((r) => r.account.login === fixture.named.locked.login)!;
    expect(hugo.date).toBe('2026-11-20T08:34:04.000Z');
    const expiring = await open(supervisor, 'password-expiring');
    for (const row of expiring.rows) {
      const person = everyone.find((p) => p.login === row.account.login)!;
      expect(row.date).toBe(new Date(timeOf(person.pwdChangedTime!) + MAX_AGE_DAYS * DAY_MS).toISOString());
    }
    const ending = await open(supervisor, 'validity-ending');
    expect(ending.rows.every((r) => r.date !== null && r.date >= new Date().toISOString().slice(0, 10))).toBe(true);
  });

  it('never activated, narrowed to an affiliation', async () => {
    const page = await open(supervisor, 'never-activated', 1, 'staff');
    expect(page.count).toBe(expected('never-activated', 'staff').length);
    expect(page.rows.every((r) => r.account.primaryAffiliation === 'staff')).toBe(true);
    expect((await viewedRows(supervisor)).at(-1)!.details).toMatchObject({ list: 'never-activated', affiliation: 'staff' });
  });

  it('a garbled account state is listed as unreadable, the list still whole', async () => {
    await asManager((client) =>
      client.add(`uid=${GARBLED_LOGIN},${fixture.peopleBase}`, {
        objectClass: ['inetOrgPerson', 'supannPerson', 'eduPerson'],
        uid: GARBLED_LOGIN,
        cn: '=HYPERLINK("http://x")',
        sn: '=HYPERLINK("http://x")',
        displayName: '=HYPERLINK("http://x")',
        // Suspended, and active by its dates: the two contradict each other.
        supannRessourceEtat: '{COMPTE}S:SupannVerrouille',
        supannRessourceEtatDate: '{COMPTE}A:SupannActif:2026xx01:',
      }),
    );
    try {
      const pages: WorklistPage[] = [];
      for (let page = 1; page <= Math.ceil((expected('suspended').length + 1) / 10); page++) pages.push(await open(supervisor, 'suspended', page));
      const rows = pages.flatMap((p) => p.rows);
      expect(rows).toHaveLength(expected('suspended').length + 1);
      const garbled = rows.find((r) => r.account.login === GARBLED_LOGIN)!;
      expect(garbled.account.state.reading).toBe('unreadable');
      expect(garbled.dateUnreadable).toBe(true);

      const exported = await expectOk(supervisor, 'worklists:export', { list: 'suspended', separator: ';', columns: 'fr' });
      expect(exported.count).toBe(rows.length);
      const csv = readFileSync(exported.path, 'utf8');
      expect(csv.startsWith('\uFEFFIdentifiant;Nom;')).toBe(true);
      expect(csv.split('\r\n').filter(Boolean)).toHaveLength(rows.length + 1);
      // The formula is inert (a leading quote), the unreadable state said so.
      expect(csv).toContain(`${GARBLED_LOGIN};"'=HYPERLINK(""http://x"")";;illisible;illisible;`);
      expect(csv).not.toMatch(/;=HYPERLINK/);
      const [event] = supervisor.services.auditDb.prepare("SELECT outcome, details FROM events WHERE action = 'worklist-exported'").all() as Array<{ outcome: string; details: string }>;
      expect(event!.outcome).toBe('success');
      expect(JSON.parse(event!.details)).toEqual({ list: 'suspended', count: rows.length, fileName: exported.fileName });
    } finally {
      await asManager((client) => client.del(`uid=${GARBLED_LOGIN},${fixture.peopleBase}`));
    }
  });
});

describe('a jump to page k', () => {
  /** The sequential read the jump replaces: the sorted list's first k pages, under the supervisor's own bind. */
  async function sequentialPage(list: WorklistId, page: number): Promise<string[]> {
    const { filter } = worklistQuery(list, supervisor.config.directory.attributes, supervisor.config.worklists, {
      now: new Date(),
      today: new Date().toISOString().slice(0, 10),
      maxAgeSeconds: MAX_AGE_DAYS * 86_400,
    })!;
    const who = fixture.agents.find((a) => a.kind === 'supervisor')!;
    const client = new LdapClient({ url: fixture.url, timeout: 5_000 });
    try {
      await client.bind(who.dn, who.password);
      const { searchEntries } = await client.search(fixture.peopleBase, { scope: 'sub', filter, attributes: ['uid'], sizeLimit: page * 10 }, [sortControl(supervisor.config.directory.attributes)]);
      return searchEntries.slice((page - 1) * 10).map((e) => String(e['uid']));
    } finally {
      await client.unbind();
    }
  }

  it('page k by its offset holds what the sequential read gives as page k, with the whole count', async () => {
    const want = expected('never-activated');
    const last = Math.ceil(want.length / 10);
    expect(last).toBeGreaterThan(5);
    for (const page of [last, 2, Math.ceil(last / 2), last - 1]) {
      const jumped = await open(supervisor, 'never-activated', page);
      expect({ page, count: jumped.count, sortedBy: jumped.sortedBy }).toEqual({ page, count: want.length, sortedBy: 'directory' });
      expect(jumped.rows.map((r) => r.account.login)).toEqual(await sequentialPage('never-activated', page));
    }
    expect((await viewedRows(supervisor)).at(-1)).toEqual({ outcome: 'success', details: { list: 'never-activated', page: last - 1, count: want.length } });
  });

  it('many jumps in a row, across lists, never end in "busy" (sssvlv holds a view until its connection closes: 8 per connection here)', async () => {
    const lists = ['never-activated', 'suspended', 'expired', 'validity-ending'] as const;
    for (let i = 0; i < 30; i++) {
      const list = lists[i % lists.length]!;
      const pages = Math.ceil(expected(list).length / 10);
      const page = 2 + (i % Math.max(1, pages - 1));
      const result = await supervisor.invoke('worklists:page', { list, page: Math.min(page, pages) });
      // Sorted by the directory each time: not refused busy, nor read whole because sssvlv was busy.
      expect(result.ok ? result.value.sortedBy : `${result.error.code} at jump ${i}`).toBe('directory');
    }
    // Other sorted lists on the agent's own connection still work afterwards.
    expect((await open(supervisor, 'locked')).rows.length).toBeGreaterThan(0);
  });

  it('sssvlv busy (every server-wide slot held by other sorted lists): the page still comes, from the list, sorted by the console', async () => {
    const want = new Set(expected('suspended').map((p) => p.login));
    const who = fixture.agents.find((a) => a.kind === 'supervisor')!;
    const holders: LdapClient[] = [];
    try {
      // sssvlv-max 32 in the fixture, 8 per connection: 4 connections each holding 8 views.
      for (let c = 0; c < 4; c++) {
        const holder = new LdapClient({ url: fixture.url, timeout: 5_000 });
        holders.push(holder);
        await holder.bind(who.dn, who.password);
        for (let v = 0; v < 8; v++) {
          await holder.search(fixture.peopleBase, { scope: 'sub', filter: '(objectClass=person)', attributes: ['1.1'] }, [sortControl(supervisor.config.directory.attributes), new VirtualListViewControl(1, 1)]);
        }
      }
      const page = await open(supervisor, 'suspended', 2);
      expect({ sortedBy: page.sortedBy, count: page.count }).toEqual({ sortedBy: 'console', count: expected('suspended').length });
      // The console's order (French collation) is not slapd's (code points): its own page 2.
      expect(page.rows).toHaveLength(Math.min(10, want.size - 10));
      expect(page.rows.every((r) => want.has(r.account.login))).toBe(true);
      const accounts = page.rows.map((r) => r.account);
      expect([...accounts].sort(compareSummaries)).toEqual(accounts);
    } finally {
      await Promise.all(holders.map((h) => h.unbind().catch(() => undefined)));
    }
    // The views freed with their connections: the directory sorts again.
    await expect.poll(async () => (await open(supervisor, 'suspended', 2)).sortedBy).toBe('directory');
  });

  it('a page past the end of a list that shrank gives no rows and the list as it is now', async () => {
    const want = expected('suspended');
    const page = await open(supervisor, 'suspended', Math.ceil(want.length / 10) + 3);
    expect({ count: page.count, rows: page.rows, problem: page.problem }).toEqual({ count: want.length, rows: [], problem: null });
  });
});

describe('a card opened from a list', () => {
  it('its opening is on record with the list it came from; a list that does not exist is refused before the directory', async () => {
    const [row] = (await open(supervisor, 'locked')).rows;
    await expectOk(supervisor, 'account:open', { dn: row!.account.dn, fromWorklist: 'locked' });
    const viewed = supervisor.services.auditDb.prepare("SELECT target_login, details FROM events WHERE action = 'account-viewed' ORDER BY seq DESC LIMIT 1").get() as { target_login: string; details: string };
    expect({ login: viewed.target_login, details: JSON.parse(viewed.details) }).toEqual({ login: row!.account.login, details: { source: 'worklist', list: 'locked' } });
    // Opened from the search, it says nothing of a list.
    await expectOk(supervisor, 'account:open', { dn: row!.account.dn });
    const plain = supervisor.services.auditDb.prepare("SELECT details FROM events WHERE action = 'account-viewed' ORDER BY seq DESC LIMIT 1").get() as { details: string };
    expect(JSON.parse(plain.details)).toEqual({});
    const forged = await supervisor.invokeRaw('account:open', { dn: row!.account.dn, fromWorklist: 'everyone' });
    expect(forged.ok).toBe(false);
  });
});

describe("the directory's ACL", () => {
  it('an agent who may not search password dates is told those lists are hidden from them; the others are counted', async () => {
    const { counts } = await expectOk(agent, 'worklists:counts', {});
    const of = (list: WorklistId) => counts.find((c) => c.list === list)!;
    expect(of('temporary-password')).toMatchObject({ count: null, problem: 'hidden' });
    expect(of('password-expiring')).toMatchObject({ count: null, problem: 'hidden' });
    expect(of('locked')).toMatchObject({ count: expected('locked').length, problem: null });
    expect(of('never-activated')).toMatchObject({ count: expected('never-activated').length, problem: null });
  });

  it('opening a hidden list shows no rows and is on record as denied; its export is refused', async () => {
    const page = await open(agent, 'temporary-password');
    expect(page).toMatchObject({ count: null, problem: 'hidden', rows: [] });
    expect((await viewedRows(agent)).at(-1)).toEqual({ outcome: 'denied', details: { list: 'temporary-password', page: 1, count: null, days: 7 } });
    const refused = await expectRefusal(agent, 'worklists:export', { list: 'password-expiring', separator: ',', columns: 'fr' });
    expect(refused.code).toBe('FORBIDDEN');
  });

  it('without the policy in the configuration the expiry list says the policy sets no maximum age', async () => {
    // The harness names the fixture's default policy: this console is configured without one.
    const plain = startConsole({ fixture, overrides: { worklists: worklistsConfig, directory: { passwordPolicyDn: undefined } as never } });
    try {
      await signInAs(plain, fixture, 'supervisor');
      const { counts } = await expectOk(plain, 'worklists:counts', { lists: ['password-expiring'] });
      expect(counts[0]).toMatchObject({ count: null, problem: 'no-max-age' });
    } finally {
      await plain.close();
    }
  });

  it('a refused request is refused before the directory', async () => {
    const bad = await supervisor.invokeRaw('worklists:page', { list: 'everyone', page: 1 });
    expect(bad.ok).toBe(false);
    const injected = await supervisor.invokeRaw('worklists:page', { list: 'never-activated', affiliation: 'student)(uid=*' });
    expect(injected.ok).toBe(false);
  });
});

describe('without sssvlv', () => {
  it('the console sorts: the same people, in the same order', async () => {
    const bare = await startDirectory({ people: 300, serverSort: false });
    const desk = startOn(bare);
    try {
      await signInAs(desk, bare, 'supervisor');
      const first = await open(desk, 'never-activated');
      expect(first.sortedBy).toBe('console');
      const want = bare.people.filter((p) => p.resourceState === '{COMPTE}I:SupannCree');
      expect(first.count).toBe(want.length);
      expect(first.rows.map((r) => r.account.login)).toHaveLength(Math.min(10, want.length));
    } finally {
      await desk.close();
      await bare.stop();
    }
  });
});
