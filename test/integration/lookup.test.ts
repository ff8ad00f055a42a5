/**
 * directory:search on a real slapd: every key, homonyms, accents, aliases, two student
 * numbers, truncation, hostile input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDirectory, type DirectoryFixture, type FixturePerson } from '../../resources/directory/fixture';
import { startConsole, type ConsoleHarness } from '../support/console-harness';
import type { SearchResponse } from '../../src/shared/contract/directory';
import type { SearchKey } from '../../src/shared/account';
import type { GuichetConfigInput } from '../../src/main/config/schema';

let fixture: DirectoryFixture;
let harness: ConsoleHarness;

async function search(query: string, key: SearchKey = 'auto', on: ConsoleHarness = harness): Promise<SearchResponse> {
  const result = await on.invoke('directory:search', { query, key });
  if (!result.ok) throw new Error(`search ${JSON.stringify(query)} failed: ${result.error.code}`);
  return result.value as SearchResponse;
}
/** The harness merges directory overrides into the fixture's settings; its type wants a whole directory. */
const withDirectory = (directory: Partial<GuichetConfigInput['directory']>, rest: Partial<GuichetConfigInput> = {}): Partial<GuichetConfigInput> =>
  ({ ...rest, directory }) as Partial<GuichetConfigInput>;
const logins = (r: SearchResponse) => r.results.map((p) => p.login);

beforeAll(async () => {
  fixture = await startDirectory({ people: 1_000 });
  harness = startConsole({ fixture });
  const agent = fixture.agents.find((a) => a.kind === 'agent')!;
  const signed = await harness.invoke('session:sign-in', { login: agent.login, password: agent.password });
  if (!signed.ok) throw new Error(`sign-in failed: ${signed.error.code}`);
});
afterAll(async () => {
  await harness?.close();
  await fixture?.stop();
});

describe('every key finds the person', () => {
  const cases: Array<[string, (f: DirectoryFixture) => [string, FixturePerson], string]> = [
    ['login', (f) => [f.named.active.login, f.named.active], 'loginOrAlias'],
    ['login in upper case', (f) => [f.named.active.login.toUpperCase(), f.named.active], 'loginOrAlias'],
    ['alias', (f) => [f.named.active.alias!, f.named.active], 'loginOrAlias'],
    ['alias typed with capitals (caseExact attribute)', (f) => ['Julie.Bernard', f.named.active], 'loginOrAlias'],
    ['student number', (f) => [f.named.active.studentIds[0]!, f.named.active], 'studentId'],
    ['INE', (f) => [f.named.active.ine!, f.named.active], 'ine'],
    ['INE in lower case', (f) => [f.named.active.ine!.toLowerCase(), f.named.active], 'ine'],
    ['staff number', (f) => [f.named.staff.staffId!, f.named.staff], 'staffId'],
    ['eduPersonUniqueId', (f) => [f.named.active.uniqueId, f.named.active], 'uniqueId'],
    ['supannRefId of an external', (f) => [f.named.external.refId!, f.named.external], 'uniqueId'],
    ['institutional mail', (f) => [f.named.active.mail, f.named.active], 'mail'],
    ['personal mail', (f) => [f.named.active.personalMail!, f.named.active], 'mail'],
    ['personal mail, other case', (f) => [f.named.active.personalMail!.toUpperCase(), f.named.active], 'mail'],
    ['eduPersonPrincipalName', (f) => [f.named.active.principalName, f.named.active], 'mail'],
    ['full name', () => ['Julie Bernard', fixture.named.active], 'name'],
    ['full name, family first', () => ['bernard julie', fixture.named.active], 'name'],
    ['name starts', () => ['jul bern', fixture.named.active], 'name'],
  ];
  it.each(cases)('%s', async (_label, pick, key) => {
    const [query, person] = pick(fixture);
    const r = await search(query);
    expect(r.key).toBe(key);
    expect(logins(r)).toContain(person.login);
  });

  it('answers the summary the result list shows', async () => {
    const r = await search(fixture.named.locked.login);
    expect(r.results).toEqual([
      {
        dn: fixture.named.locked.dn,
        login: 'hrichard4',
        displayName: 'Hugo Richard',
        givenName: 'Hugo',
        familyName: 'Richard',
        primaryAffiliation: 'student',
        state: { status: 'active', subState: 'SupannActif', start: '2026-09-01', end: '2027-08-31', reading: 'read' },
        studentIds: fixture.named.locked.studentIds,
        staffIds: [],
        locked: true,
        lockedByAdministrator: false,
        hasPassword: true,
        resetPending: false,
        redListed: false,
      },
    ]);
    // What the badges need: never activated, a temporary password not changed, the red list.
    expect((await search(fixture.named.neverActivated.login)).results[0]).toMatchObject({ hasPassword: false, locked: false });
    expect((await search(fixture.named.preCreated.login)).results[0]).toMatchObject({ hasPassword: false, state: { subState: 'SupannPrecree' } });
    expect((await search(fixture.named.resetPending.login)).results[0]).toMatchObject({ resetPending: true, redListed: false });
    expect((await search(fixture.named.redListed.login)).results[0]).toMatchObject({ redListed: true, resetPending: false });
  });

  it('either of two student numbers finds the person', async () => {
    const person = fixture.named.twoStudentNumbers;
    expect(person.studentIds).toHaveLength(2);
    for (const id of person.studentIds) expect(logins(await search(id))).toEqual([person.login]);
  });

  it('a forced key overrides recognition', async () => {
    expect(logins(await search('julie.bernard', 'login'))).toEqual([]);
    expect(logins(await search('julie.bernard', 'alias'))).toEqual(['jbernard1']);
    const r = await search(fixture.named.staff.staffId!, 'studentId');
    expect(r.key).toBe('studentId');
  });
});

describe('names', () => {
  it('returns both homonyms', async () => {
    const r = await search('Martin Dupont');
    expect(logins(r)).toEqual(expect.arrayContaining([fixture.named.homonymA.login, fixture.named.homonymB.login]));
    expect(r.results.every((p) => p.displayName === 'Martin Dupont')).toBe(true);
  });

  it.each(['eloise lefevre', 'Éloïse Lefèvre', 'ELOISE LEFEVRE', 'lefevre eloise', 'eloise nguessan', "éloïse n'guessan", 'Eloïse Lefevre-N'])(
    'finds Éloïse Lefèvre-N’Guessan from %s, accents or not',
    async (typed) => {
      expect(logins(await search(typed))).toContain(fixture.named.accented.login);
    },
  );

  it('folds accents but not letters: "lefevre" does not find Lefebvre', async () => {
    const r = await search('lefevre');
    expect(r.results.length).toBeGreaterThan(0);
    expect(r.results.every((p) => /^Lef[eè]vre/.test(p.familyName ?? ''))).toBe(true);
  });

  it('accents outside French (Vietnamese) are folded too: "tran" finds Trần, typed or pasted', async () => {
    const tran = fixture.people.find((p) => p.familyName === 'Trần')!;
    expect(tran).toBeDefined();
    const given = tran.givenName.normalize('NFD').replace(/\p{M}/gu, '');
    for (const typed of [`${given} tran`, `tran ${given}`, tran.displayName]) expect(logins(await search(typed))).toContain(tran.login);
  });

  it('a family name written with an apostrophe is found without it', async () => {
    const r = await search('ndiaye');
    expect(logins(r)).toContain(fixture.named.external.login);
  });

  it('sorts by family name then given name', async () => {
    const r = await search('ma');
    expect(r.results.length).toBeGreaterThan(10);
    const collator = new Intl.Collator('fr', { sensitivity: 'base' });
    for (let i = 1; i < r.results.length; i++) {
      const [a, b] = [r.results[i - 1]!, r.results[i]!];
      const family = collator.compare(a.familyName ?? '', b.familyName ?? '');
      expect(family < 0 || (family === 0 && collator.compare(a.givenName ?? '', b.givenName ?? '') <= 0), `${a.displayName} before ${b.displayName}`).toBe(true);
    }
  });

  it('more than sizeLimit matches: truncated, the renderer asks to refine', async () => {
    const small = startConsole({ fixture, overrides: withDirectory({ sizeLimit: 5 }) });
    try {
      const agent = fixture.agents.find((a) => a.kind === 'agent')!;
      await small.invoke('session:sign-in', { login: agent.login, password: agent.password });
      const r = await search('dupont', 'auto', small);
      expect(r).toMatchObject({ truncated: true, sizeLimit: 5 });
      expect(r.results).toHaveLength(5);
      const exact = await search(fixture.named.active.login, 'auto', small);
      expect(exact).toMatchObject({ truncated: false, results: [{ login: 'jbernard1' }] });
    } finally {
      await small.close();
    }
  });
});

describe('hostile input', () => {
  it.each([
    '*',
    '*)(uid=*',
    '*)(|(uid=*',
    ')(objectClass=*',
    '\\',
    '\\2a',
    '\u0000',
    'jb*',
    '(',
    ')',
    '*@*',
    '{*}*',
    '"; DROP TABLE events; --',
    'a'.repeat(256),
  ])('%j matches nobody and raises no error', async (typed) => {
    for (const key of ['auto', 'login', 'alias', 'mail', 'uniqueId', 'name', 'studentId'] as const) {
      const result = await harness.invoke('directory:search', { query: typed, key });
      expect(result).toMatchObject({ ok: true, value: { results: [], truncated: false } });
    }
  });

  it('NUL is dropped, not sent: the rest is searched as typed', async () => {
    expect(logins(await search('jbernard1\u0000'))).toEqual(['jbernard1']);
  });

  it('more than 256 characters is refused as an invalid request, without echoing it', async () => {
    const long = `*)(uid=*${'x'.repeat(10_000)}`;
    const result = await harness.invoke('directory:search', { query: long });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(JSON.stringify(result)).not.toContain('xxxx');
  });
});
