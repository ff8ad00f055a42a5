/** The fixture's cache of loaded databases (resources/directory/loaded-cache.ts) on a real slapd: the second start of the same people copies the first load, and serves the same directory. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, EqualityFilter } from 'ldapts';
import { startDirectory, type DirectoryFixture } from '../../resources/directory/fixture';

describe('directory fixture: a load reused', () => {
  let cacheDir: string;
  const previous = process.env['GUICHET_FIXTURE_CACHE'];
  beforeAll(() => {
    cacheDir = mkdtempSync(path.join(os.tmpdir(), 'guichet-cache-test-'));
    process.env['GUICHET_FIXTURE_CACHE'] = cacheDir;
  });
  afterAll(() => {
    if (previous === undefined) delete process.env['GUICHET_FIXTURE_CACHE'];
    else process.env['GUICHET_FIXTURE_CACHE'] = previous;
    rmSync(cacheDir, { recursive: true, force: true });
  });

  async function logins(fixture: DirectoryFixture, wanted: string[]): Promise<string[]> {
    const client = new Client({ url: fixture.url, timeout: 5_000 });
    try {
      await client.bind(fixture.rootDn, fixture.rootPassword);
      const found: string[] = [];
      for (const login of wanted) {
        const { searchEntries } = await client.search(fixture.peopleBase, { scope: 'one', filter: new EqualityFilter({ attribute: 'uid', value: login }), attributes: ['uid'] });
        found.push(...searchEntries.map((e) => String(e['uid'])));
      }
      return found;
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  it('loads once, then copies the same database for the same people (and loads again for other people)', async () => {
    const first = await startDirectory({ people: 300, seed: 5, reuseLoaded: true });
    const sample = [first.people[0]!.login, first.people[150]!.login, first.people.at(-1)!.login, first.agents[0]!.login];
    try {
      expect(first.timings.reusedLoad).toBe(false);
      expect(await logins(first, sample)).toEqual(sample);
    } finally {
      await first.stop();
    }
    expect(readdirSync(cacheDir)).toHaveLength(1);

    const second = await startDirectory({ people: 300, seed: 5, reuseLoaded: true });
    try {
      expect(second.timings.reusedLoad).toBe(true);
      expect(second.people.map((p) => p.login)).toEqual(first.people.map((p) => p.login));
      expect(await logins(second, sample)).toEqual(sample);
      // The copy is the second fixture's own: an agent still binds with the generated password.
      const agent = second.agents.find((a) => a.kind === 'agent')!;
      const client = new Client({ url: second.url, timeout: 5_000 });
      await expect(client.bind(agent.dn, agent.password)).resolves.toBeUndefined();
      await client.unbind();
    } finally {
      await second.stop();
    }

    const other = await startDirectory({ people: 300, seed: 6, reuseLoaded: true });
    try {
      expect(other.timings.reusedLoad).toBe(false);
      expect(await logins(other, [other.people[10]!.login])).toEqual([other.people[10]!.login]);
    } finally {
      await other.stop();
    }
  });

  it('leaves small directories out unless asked', async () => {
    const before = readdirSync(cacheDir).length;
    const small = await startDirectory({ people: 50, seed: 5 });
    await small.stop();
    expect(small.timings.reusedLoad).toBe(false);
    expect(readdirSync(cacheDir)).toHaveLength(before);
  });
});
