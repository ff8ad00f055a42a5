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

describe('names the common name does not reflect', () => {
  const variant = (v: FixturePerson['nameVariant']) => fixture.people.filter((p) => p.nameVariant === v);
  const fold = (x: string) => x.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

  it.each(['married', 'typoFixed', 'pseudonymisedCn'] as const)('%s: found by the name sn and givenName hold, accents or not, either order', async (v) => {
    const people = variant(v);
    expect(people.length).toBeGreaterThan(0);
    for (const p of people) {
      for (const typed of [`${p.givenName} ${p.familyName}`, fold(`${p.familyName} ${p.givenName}`), fold(p.familyName).slice(0, 4) + ' ' + fold(p.givenName).slice(0, 3)]) {
        const r = await search(typed);
        expect(r.key, typed).toBe('name');
        expect(logins(r), `${v} ${p.commonName} / sn ${p.familyName}: ${typed}`).toContain(p.login);
      }
    }
  });

  it('a married name in sn finds the person, and so does the birth name still in cn', async () => {
    const p = variant('married')[0]!;
    expect(logins(await search(`${p.givenName} ${p.formerName}`))).toContain(p.login);
    expect(logins(await search(`${p.givenName} ${p.familyName}`))).toContain(p.login);
  });

  it('searches only the name attributes the configuration lists', async () => {
    const cnOnly = startConsole({ fixture, overrides: withDirectory({ nameAttributes: ['cn'] }) });
    try {
      const agent = fixture.agents.find((a) => a.kind === 'agent')!;
      await cnOnly.invoke('session:sign-in', { login: agent.login, password: agent.password });
      const p = variant('married')[0]!;
      expect(logins(await search(`${p.givenName} ${p.familyName}`, 'auto', cnOnly))).not.toContain(p.login);
      expect(logins(await search(`${p.givenName} ${p.formerName}`, 'auto', cnOnly))).toContain(p.login);
    } finally {
      await cnOnly.close();
    }
  });
});

describe('numbers typed the way they are printed', () => {
  const groups = (digits: string, sizes: number[], sep: string) => {
    const out: string[] = [];
    let at = 0;
    for (const n of sizes) {
      out.push(digits.slice(at, at + n));
      at += n;
    }
    return out.join(sep);
  };

  it.each([
    ['in two groups', (id: string) => groups(id, [4, 4], ' ')],
    ['in three groups', (id: string) => groups(id, [2, 3, 3], ' ')],
    ['with dots', (id: string) => groups(id, [2, 2, 2, 2], '.')],
    ['with dashes', (id: string) => groups(id, [4, 4], '-')],
    ['with a no-break space', (id: string) => groups(id, [4, 4], '\u00a0')],
  ])('a student number %s finds the person, as a student number', async (_label, typed) => {
    const person = fixture.named.active;
    const r = await search(typed(person.studentIds[0]!));
    expect(r).toMatchObject({ key: 'studentId', searched: person.studentIds[0] });
    expect(logins(r)).toEqual([person.login]);
  });

  it('a staff number and an INE typed in groups find the person', async () => {
    const staff = fixture.named.staff;
    expect(logins(await search(groups(staff.staffId!, [3, 3], ' ')))).toEqual([staff.login]);
    const ine = fixture.named.active.ine!;
    const r = await search(`${ine.slice(0, 3)} ${ine.slice(3, 6)} ${ine.slice(6, 9)} ${ine.slice(9)}`);
    expect(r).toMatchObject({ key: 'ine', searched: ine });
    expect(logins(r)).toEqual([fixture.named.active.login]);
  });

  it('a number key forced on a grouped number searches it without its separators', async () => {
    const person = fixture.named.twoStudentNumbers;
    const r = await search(groups(person.studentIds[1]!, [4, 4], ' '), 'staffId');
    expect(r).toMatchObject({ key: 'staffId', searched: person.studentIds[1] });
    expect(logins(r)).toEqual([person.login]);
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
