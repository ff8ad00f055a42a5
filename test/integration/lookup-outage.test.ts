/**
 * The directory goes away mid-session: answers come back quickly as DIRECTORY_UNAVAILABLE
 * or DIRECTORY_TIMEOUT, never a hang, and the next search after the comeback runs on a new
 * session bound as the agent again. Failover to the next URL when the first is down.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startDirectory, freePort, type DirectoryFixture } from '../../resources/directory/fixture';
import { startConsole, type ConsoleHarness } from '../support/console-harness';
import type { GuichetConfigInput } from '../../src/main/config/schema';

let fixture: DirectoryFixture;
let harness: ConsoleHarness;
const OPERATION_TIMEOUT_MS = 1_500;

/** The harness merges directory overrides into the fixture's settings; its type wants a whole directory. */
const withDirectory = (directory: Partial<GuichetConfigInput['directory']>, rest: Partial<GuichetConfigInput> = {}): Partial<GuichetConfigInput> =>
  ({ ...rest, directory }) as Partial<GuichetConfigInput>;

const agent = () => fixture.agents.find((a) => a.kind === 'agent')!;
async function signIn(h: ConsoleHarness): Promise<void> {
  const r = await h.invoke('session:sign-in', { login: agent().login, password: agent().password });
  if (!r.ok || !(r.value as { agent: { online: boolean } }).agent.online) throw new Error(`online sign-in failed: ${JSON.stringify(r)}`);
}
async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await run();
  return [value, performance.now() - started];
}

/** SIGSTOP, then wait until every thread of slapd is really stopped (a busy thread stops at its next kernel entry). */
async function freeze(pid: number): Promise<void> {
  process.kill(pid, 'SIGSTOP');
  const stopped = () =>
    readdirSync(`/proc/${pid}/task`).every((tid) => {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      return /^[tT]$/.test(stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3));
    });
  for (let i = 0; i < 100 && !stopped(); i++) await new Promise((r) => setTimeout(r, 10));
}

beforeAll(async () => {
  fixture = await startDirectory({ people: 50 });
});
afterAll(async () => {
  await fixture?.stop();
});
afterEach(async () => {
  await harness?.close();
});

it('directory killed: DIRECTORY_UNAVAILABLE at once; restarted: the next search binds again and works', async () => {
  harness = startConsole({ fixture, overrides: withDirectory({ operationTimeoutMs: OPERATION_TIMEOUT_MS, connectTimeoutMs: 500 }) });
  await signIn(harness);
  expect(await harness.invoke('directory:search', { query: 'jbernard1' })).toMatchObject({ ok: true, value: { results: [{ login: 'jbernard1' }] } });

  fixture.kill();
  await new Promise((r) => setTimeout(r, 100));
  const [down, ms] = await timed(() => harness.invoke('directory:search', { query: 'jbernard1' }));
  expect(down).toMatchObject({ ok: false, error: { code: 'DIRECTORY_UNAVAILABLE' } });
  expect(ms).toBeLessThan(OPERATION_TIMEOUT_MS);
  expect(await harness.invoke('account:open', { dn: fixture.named.active.dn })).toMatchObject({ ok: false, error: { code: 'DIRECTORY_UNAVAILABLE' } });

  await fixture.restart();
  // Anonymous could not read people (ACL): finding the person proves the new session is bound as the agent.
  expect(await harness.invoke('directory:search', { query: 'jbernard1' })).toMatchObject({ ok: true, value: { results: [{ login: 'jbernard1' }] } });
  expect(await harness.invoke('session:current', {})).toMatchObject({ ok: true, value: { agent: { online: true } } });
});

it('directory frozen (no answer at all): DIRECTORY_TIMEOUT within the operation timeout, then works again', async () => {
  harness = startConsole({ fixture, overrides: withDirectory({ operationTimeoutMs: OPERATION_TIMEOUT_MS, connectTimeoutMs: 500 }) });
  await signIn(harness);
  await freeze(fixture.pid);
  let frozen;
  let ms;
  try {
    [frozen, ms] = await timed(() => harness.invoke('directory:search', { query: 'jbernard1' }));
  } finally {
    process.kill(fixture.pid, 'SIGCONT');
  }
  expect(frozen).toMatchObject({ ok: false, error: { code: 'DIRECTORY_TIMEOUT' } });
  expect(ms).toBeGreaterThanOrEqual(OPERATION_TIMEOUT_MS - 50);
  expect(ms).toBeLessThan(OPERATION_TIMEOUT_MS + 1_000);
  expect(await harness.invoke('directory:search', { query: 'jbernard1' })).toMatchObject({ ok: true, value: { results: [{ login: 'jbernard1' }] } });
});

it('fails over to the next URL when the first does not answer', async () => {
  const dead = `ldap://127.0.0.1:${await freePort()}`;
  harness = startConsole({ fixture, overrides: withDirectory({ urls: [dead, fixture.url] }) });
  await signIn(harness);
  expect(await harness.invoke('directory:search', { query: 'jbernard1' })).toMatchObject({ ok: true, value: { results: [{ login: 'jbernard1' }] } });
});

it('nothing answers at all: sign-in says so quickly (offline sign-in refused for a stranger)', async () => {
  const dead = [`ldap://127.0.0.1:${await freePort()}`, `ldap://127.0.0.1:${await freePort()}`];
  harness = startConsole({ fixture, overrides: withDirectory({ urls: dead }) });
  const [r, ms] = await timed(() => harness.invoke('session:sign-in', { login: agent().login, password: agent().password }));
  expect(r).toMatchObject({ ok: false, error: { code: 'DIRECTORY_UNAVAILABLE' } });
  expect(ms).toBeLessThan(2_000);
});
