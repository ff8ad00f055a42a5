/**
 * Full names whose words start alike ("Clémence Clément") on a real slapd crowded with
 * near-homonyms: the person is shown, exact full names first, in either order of the words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'ldapts';
import { startDirectory, type DirectoryFixture } from '../../resources/directory/fixture';
import { startConsole, type ConsoleHarness } from '../support/console-harness';
import type { SearchResponse } from '../../src/shared/contract/directory';

let fixture: DirectoryFixture;
let harness: ConsoleHarness;

interface Named {
  uid: string;
  given: string;
  family: string;
}

const FAMILIES = ['Martin', 'Petit', 'Thomas', 'Robert', 'Dupont', 'Laurent', 'Bertrand', 'Vincent', 'Mathieu', 'Gauthier', 'Fontaine', 'Lambert'];
const GIVEN = ['Lucas', 'Emma', 'Hugo', 'Jade', 'Louis', 'Alice', 'Arthur', 'Chloé', 'Jules', 'Léa', 'Adam', 'Manon'];

/**
 * More near-homonyms than a full-name search fetches (4 x 50 + 1), added before the people
 * asked for, so that slapd (which answers in the order entries were added) meets them first.
 * None of them matches "Clémence Clément": each holds a word starting "clé", an "m" and a "t".
 */
function crowd(): Named[] {
  const out: Named[] = [];
  for (let i = 0; i < 240; i++) {
    const kind = i % 4;
    const k = Math.floor(i / 4);
    if (kind === 0) out.push({ uid: `crowd${i}`, given: 'Clément', family: FAMILIES[k % FAMILIES.length]! });
    else if (kind === 1) out.push({ uid: `crowd${i}`, given: GIVEN[k % GIVEN.length]!, family: 'Clément' });
    else if (kind === 2) out.push({ uid: `crowd${i}`, given: 'Clémence', family: FAMILIES[k % FAMILIES.length]! });
    else out.push({ uid: `crowd${i}`, given: 'Clémentine', family: k % 2 === 0 ? 'Leclerc' : 'Martin' });
  }
  return out;
}

const CLEMENCE_CLEMENT: Named = { uid: 'cclement9', given: 'Clémence', family: 'Clément' };
const CLEMENT_CLEMENCE: Named = { uid: 'cclemence9', given: 'Clément', family: 'Clémence' };
/** Matches "Clémence Clément" (a word of the family name starts "clement") without being it, and sorts before it. */
const ABEL_CLEMENT: Named = { uid: 'cabel9', given: 'Clémence', family: 'Abel-Clément' };
/** Words starting alike, one typed with a hyphen, one glued ("benali" for "Ben Ali"). */
const MARIE_CLAIRE_MARIN: Named = { uid: 'mmarin9', given: 'Marie-Claire', family: 'Marin' };
const BENJAMIN_BEN_ALI: Named = { uid: 'bbenali9', given: 'Benjamin', family: 'Ben Ali' };

async function addPeople(people: readonly Named[]): Promise<void> {
  const client = new Client({ url: fixture.url, timeout: 10_000, connectTimeout: 2_000 });
  try {
    await client.bind(fixture.rootDn, fixture.rootPassword);
    // One at a time: the order of the adds is the order slapd answers in.
    for (const p of people) {
      await client.add(`uid=${p.uid},${fixture.peopleBase}`, {
        objectClass: ['inetOrgPerson'],
        uid: p.uid,
        sn: p.family,
        givenName: p.given,
        cn: `${p.given} ${p.family}`,
        displayName: `${p.given} ${p.family}`,
      });
    }
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

async function search(query: string): Promise<SearchResponse> {
  const result = await harness.invoke('directory:search', { query });
  if (!result.ok) throw new Error(`search ${JSON.stringify(query)} failed: ${result.error.code}`);
  return result.value as SearchResponse;
}
const logins = (r: SearchResponse) => r.results.map((p) => p.login);

beforeAll(async () => {
  fixture = await startDirectory({ people: 1_000 });
  await addPeople([...crowd(), ABEL_CLEMENT, CLEMENCE_CLEMENT, CLEMENT_CLEMENCE, MARIE_CLAIRE_MARIN, BENJAMIN_BEN_ALI]);
  harness = startConsole({ fixture });
  const agent = fixture.agents.find((a) => a.kind === 'agent')!;
  const signed = await harness.invoke('session:sign-in', { login: agent.login, password: agent.password });
  if (!signed.ok) throw new Error(`sign-in failed: ${signed.error.code}`);
}, 120_000);
afterAll(async () => {
  await harness?.close();
  await fixture?.stop();
});

describe('two words starting alike', () => {
  it('"Clémence Clément" shows Clémence Clément first, then the other exact order, then the rest', async () => {
    const r = await search('Clémence Clément');
    expect(r.key).toBe('name');
    expect(logins(r)).toContain(CLEMENCE_CLEMENT.uid);
    expect(logins(r)).toContain(CLEMENT_CLEMENCE.uid);
    expect(logins(r)).toContain(ABEL_CLEMENT.uid);
    expect(logins(r).slice(0, 2)).toEqual([CLEMENCE_CLEMENT.uid, CLEMENT_CLEMENCE.uid]);
    // No one of the crowd: each lacks a word starting "clemence" or "clement".
    expect(logins(r).filter((l) => l.startsWith('crowd'))).toEqual([]);
    expect(r.truncated).toBe(false);
  });

  it('the reversed order "Clément Clémence" shows Clément Clémence first, then Clémence Clément', async () => {
    const r = await search('Clément Clémence');
    expect(logins(r).slice(0, 2)).toEqual([CLEMENT_CLEMENCE.uid, CLEMENCE_CLEMENT.uid]);
    expect(r.truncated).toBe(false);
  });

  it.each(['clemence clement', 'CLÉMENT CLEMENCE', 'clément  clémence'])('%s, accents and case aside, finds them too', async (typed) => {
    const r = await search(typed);
    expect(logins(r)).toEqual(expect.arrayContaining([CLEMENCE_CLEMENT.uid, CLEMENT_CLEMENCE.uid]));
  });

  it('words starting alike, one typed with its hyphen or glued, still find the person', async () => {
    expect(logins(await search('Marie-Claire Marin'))).toContain(MARIE_CLAIRE_MARIN.uid);
    expect(logins(await search('marin marie-claire'))).toContain(MARIE_CLAIRE_MARIN.uid);
    expect(logins(await search('benali benjamin'))).toContain(BENJAMIN_BEN_ALI.uid);
    expect(logins(await search('Benjamin Ben Ali'))).toContain(BENJAMIN_BEN_ALI.uid);
  });
});
