/**
 * The directory door's two paths: a read is handed search and compare only, and cannot hand
 * its client out (checked by the compiler: the @ts-expect-error lines fail `npm run
 * typecheck` the day they compile); a write gets modify and the password exop; each view
 * stops working once its operation is over. Without a signed-in agent, neither runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'ldapts';
import { afterAll, describe, expect, it } from 'vitest';
import { demoConfig } from '../../../../src/main/config/demo-config';
import { parseConfig } from '../../../../src/main/config/load';
import { createAgentDirectory } from '../../../../src/main/directory/agent-directory';
import { readableView, writableView } from '../../../../src/main/directory/client-access';
import { GuichetError } from '../../../../src/shared/result';

/** Records what is called on it: stands for an ldapts Client, which these views only forward to. */
function recordingClient() {
  const calls: string[] = [];
  const method = (name: string) => async (...args: unknown[]) => {
    calls.push(`${name}(${args.map((a) => JSON.stringify(a)).join(', ')})`);
    return name === 'compare' ? true : { searchEntries: [], searchReferences: [] };
  };
  const client = { search: method('search'), compare: method('compare'), modify: method('modify'), exop: method('exop'), del: method('del'), bind: method('bind') };
  return { client: client as unknown as Client, calls };
}

const dataDir = mkdtempSync(join(tmpdir(), 'guichet-door-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const door = () => createAgentDirectory({ config: parseConfig(demoConfig(), null), dataDir });

describe('the directory door', () => {
  it('does not compile a read that hands its client out, or one that writes', () => {
    const directory = door();
    const attempts = [
      // @ts-expect-error a read callback cannot return its client (the write path would be bypassed)
      () => directory.read(async (client) => client),
      // @ts-expect-error a read's client has no modify
      () => directory.read(async (client) => client.modify('uid=x', [])),
      // @ts-expect-error nor the password exop
      () => directory.read(async (client) => client.exop('1.3.6.1.4.1.4203.1.11.1')),
      // @ts-expect-error a write's client cannot search (read back through `read`, on a fresh session)
      () => directory.write(async (client) => client.search('uid=x')),
    ];
    // What does compile: a read that returns what it read.
    const reads = () => directory.read(async (client) => (await client.search('uid=x', { scope: 'base' })).searchEntries);
    expect(attempts).toHaveLength(4);
    expect(typeof reads).toBe('function');
  });

  it('refuses reads and writes with NOT_SIGNED_IN when no agent is signed in online', async () => {
    const directory = door();
    await expect(directory.read(async (client) => client.compare('uid=x', 'uid', 'x'))).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
    await expect(directory.write(async (client) => client.modify('uid=x', []))).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
    await directory.close();
  });
});

describe('the clients a read and a write are handed', () => {
  it('a read view forwards search and compare, and has no write method at all', async () => {
    const { client, calls } = recordingClient();
    const { view } = readableView(client);
    expect(Object.keys(view).sort()).toEqual(['compare', 'search']);
    expect(await view.compare('uid=a,ou=people', 'uid', 'a')).toBe(true);
    await view.search('ou=people', { scope: 'one' });
    expect(calls).toEqual(['compare("uid=a,ou=people", "uid", "a")', 'search("ou=people", {"scope":"one"})']);
    // Not even behind a cast: the object simply has none.
    expect((view as unknown as Record<string, unknown>)['modify']).toBeUndefined();
    expect((view as unknown as Record<string, unknown>)['bind']).toBeUndefined();
  });

  it('a write view forwards modify and exop only', async () => {
    const { client, calls } = recordingClient();
    const { view } = writableView(client);
    expect(Object.keys(view).sort()).toEqual(['exop', 'modify']);
    await view.modify('uid=a,ou=people', []);
    expect(calls).toEqual(['modify("uid=a,ou=people", [])']);
    expect((view as unknown as Record<string, unknown>)['search']).toBeUndefined();
  });

  it('a view kept after its operation ended refuses every call, and nothing reaches the client', async () => {
    const { client, calls } = recordingClient();
    const read = readableView(client);
    const write = writableView(client);
    read.end();
    write.end();
    expect(() => read.view.search('ou=people')).toThrow(GuichetError);
    expect(() => write.view.modify('uid=a,ou=people', [])).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    expect(calls).toEqual([]);
  });
});
