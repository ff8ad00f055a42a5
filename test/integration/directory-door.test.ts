/**
 * The directory door on a real slapd, under the signed-in agent's bind: a read's client can
 * only search and compare, and is dead once the read is over; a write is sent on the same
 * bind and its refusal comes back as a closed code, the entry untouched.
 */
import { Attribute, Change } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadableClient } from '../../src/main/directory/client-access';
import { readEntry } from '../../src/main/directory/entry-read';
import { values } from '../../src/main/directory/account-entry';
import type { AgentDirectory } from '../../src/main/directory/agent-directory';
import { entryAsRoot, valuesOf } from './support/fault-checks';
import { startDeskSession, type DeskSession } from './support/desk-session';

let desk: DeskSession;
let door: AgentDirectory;
beforeAll(async () => {
  desk = await startDeskSession({ people: 5 });
  door = desk.harness.services.agentDirectory;
});
afterAll(async () => {
  await desk?.close();
});

const replace = (type: string, value: string) => new Change({ operation: 'replace', modification: new Attribute({ type, values: [value] }) });

describe('the directory door, signed in as a desk agent', () => {
  it('hands a read a client that searches and compares, has no write method, and refuses once the read is over', async () => {
    const p = desk.fixture.named.active;
    let kept: ReadableClient | null = null;
    const entry = await door.read(async (client) => {
      kept = client;
      expect(Object.keys(client).sort()).toEqual(['compare', 'search']);
      return readEntry(client, p.dn, ['uid']);
    });
    expect(values(entry, 'uid')).toEqual([p.login]);
    expect(() => kept!.search(p.dn, { scope: 'base' })).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });

  it('sends a write on the agent bind: applied when allowed, a closed code and nothing changed when the directory refuses', async () => {
    const p = desk.fixture.named.noMobile;
    const applied = async () => (await door.read((client) => readEntry(client, p.dn, ['mobile'])))['mobile'] === '+33612345678';
    await door.write((client) => client.modify(p.dn, replace('mobile', '+33612345678')), { applied, onApplied: () => undefined });
    expect(valuesOf(await entryAsRoot(desk.fixture, p.dn), 'mobile')).toEqual(['+33612345678']);

    // The helpdesk may only read the groups.
    const group = desk.fixture.supervisorsGroupDn;
    const before = valuesOf(await entryAsRoot(desk.fixture, group), 'description');
    await expect(
      door.write((client) => client.modify(group, replace('description', 'changed from the desk')), { applied: async () => false, onApplied: () => undefined }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', details: { resultCode: 50 } });
    expect(valuesOf(await entryAsRoot(desk.fixture, group), 'description')).toEqual(before);
  });
});
