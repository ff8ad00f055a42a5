/**
 * The agent's spare connection on a real slapd, seen through a proxy that tells whom each
 * connection bound as: a worklist page is read on a connection bound as the agent before the
 * page was asked (its bind off the agent's wait), and the next one is bound after it; locking
 * closes the spare, resuming binds a new one, signing out leaves none; a spare the server
 * dropped (at once, or as the page's search arrived) does not fail the page; two agents'
 * connections are never each other's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDirectory, type DirectoryFixture } from '../../resources/directory/fixture';
import { expectOk, signInAs, startConsole, type ConsoleHarness } from '../support/console-harness';
import { startWatchingProxy, type WatchedConnection, type WatchingProxy } from './support/watching-proxy';

let fixture: DirectoryFixture;
let proxy: WatchingProxy;
let agentDn: string;
let supervisorDn: string;
const harnesses: ConsoleHarness[] = [];

function deskOn(): ConsoleHarness {
  const desk = startConsole({ fixture, overrides: { directory: { urls: [proxy.url], passwordPolicyDn: fixture.policyDn } as never } });
  harnesses.push(desk);
  return desk;
}

/** Waits until `check` holds (background binds and closes take a moment). */
async function eventually(check: () => boolean, what: string): Promise<void> {
  const until = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > until) throw new Error(`never: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The connections of one sign-in as `dn`: the first is the session's own (its sign-in bind), the others spares. */
function signedIn(dn: string) {
  const from = proxy.connections.length;
  const ours = () => proxy.connections.slice(from).filter((c) => c.boundAs[0] === dn);
  return {
    main: () => ours()[0],
    /** Open, bound as `dn`, not the session's own connection, nothing asked on it yet. */
    spares: (): WatchedConnection[] => ours().filter((c, i) => i > 0 && c.open && c.requestsSinceBind === 0),
  };
}

async function lockedCount(desk: ConsoleHarness): Promise<number> {
  const { counts } = await expectOk(desk, 'worklists:counts', { lists: ['locked'] });
  return counts[0]!.count!;
}

beforeAll(async () => {
  fixture = await startDirectory({ people: 300, passwordMaxAgeDays: 365 });
  proxy = await startWatchingProxy({ host: '127.0.0.1', port: Number(new URL(fixture.url).port) });
  agentDn = fixture.agents.find((a) => a.kind === 'agent')!.dn;
  supervisorDn = fixture.agents.find((a) => a.kind === 'supervisor')!.dn;
}, 60_000);
afterAll(async () => {
  for (const desk of harnesses) await desk.close();
  await proxy?.close();
  await fixture?.stop();
});

describe('a page on the spare connection', () => {
  it('is read on a connection bound before it was asked; the next spare is bound after it, and the used one closed', async () => {
    const desk = deskOn();
    const agent = signedIn(agentDn);
    await signInAs(desk, fixture, 'agent');
    await eventually(() => agent.spares().length === 1, 'a spare bound at sign-in');
    const [spare] = agent.spares();
    const page = await expectOk(desk, 'worklists:page', { list: 'locked', page: 1 });
    expect(page.count).toBe(await lockedCount(desk));
    // The page's search went on the spare (bound as the agent before the page), which is closed now.
    expect(spare!.sortedView).toBe(true);
    expect(spare!.boundAs).toEqual([agentDn]);
    await eventually(() => !spare!.open, 'the used spare closed');
    await eventually(() => agent.spares().length === 1 && agent.spares()[0] !== spare, 'a new spare after the page');
    expect(agent.main()!.open).toBe(true);
    await expectOk(desk, 'session:sign-out', {});
  });

  it('locking closes the spare, resuming binds a new one, signing out leaves no connection bound as the agent', async () => {
    const desk = deskOn();
    const session = signedIn(agentDn);
    await signInAs(desk, fixture, 'agent');
    await eventually(() => session.spares().length === 1, 'a spare bound at sign-in');
    const beforeLock = session.spares()[0]!;
    await expectOk(desk, 'session:lock', { reason: 'manual' });
    await eventually(() => !beforeLock.open, 'the spare closed on lock');
    expect(session.spares()).toEqual([]);
    const agent = fixture.agents.find((a) => a.kind === 'agent')!;
    await expectOk(desk, 'session:resume', { password: agent.password });
    await eventually(() => session.spares().length === 1, 'a spare bound after resume');
    expect(session.spares()[0]).not.toBe(beforeLock);
    await expectOk(desk, 'worklists:page', { list: 'suspended', page: 1 });
    await expectOk(desk, 'session:sign-out', {});
    await eventually(() => proxy.openAs(agentDn).length === 0, 'nothing bound as the agent after sign-out');
  });

  it('a spare the server dropped, while idle or as the search came, does not fail the page', async () => {
    const desk = deskOn();
    const agent = signedIn(agentDn);
    await signInAs(desk, fixture, 'agent');
    const expected = await lockedCount(desk);
    await eventually(() => agent.spares().length === 1, 'a spare');
    agent.spares()[0]!.drop();
    expect((await expectOk(desk, 'worklists:page', { list: 'locked', page: 1 })).count).toBe(expected);
    await eventually(() => agent.spares().length === 1, 'a new spare');
    const dropped = agent.spares()[0]!;
    dropped.dropOnNextRequest();
    expect((await expectOk(desk, 'worklists:page', { list: 'locked', page: 2 })).count).toBe(expected);
    expect(dropped.sortedView).toBe(false);
    expect(dropped.open).toBe(false);
    await expectOk(desk, 'session:sign-out', {});
  });
});

describe('two agents', () => {
  it("never share a connection: each one's pages go on connections bound as that agent only", async () => {
    const first = proxy.connections.length;
    const agentDesk = deskOn();
    const supervisorDesk = deskOn();
    const agent = signedIn(agentDn);
    const supervisor = signedIn(supervisorDn);
    await signInAs(agentDesk, fixture, 'agent');
    await signInAs(supervisorDesk, fixture, 'supervisor');
    for (let i = 0; i < 3; i++) {
      await expectOk(agentDesk, 'worklists:page', { list: 'expired', page: 1 });
      await expectOk(supervisorDesk, 'worklists:page', { list: 'expired', page: 1 });
    }
    await eventually(() => agent.spares().length === 1 && supervisor.spares().length === 1, 'one spare each');
    const mine = proxy.connections.slice(first);
    for (const c of mine) expect(new Set(c.boundAs).size).toBeLessThanOrEqual(1);
    const pagesAs = (dn: string) => mine.filter((c) => c.sortedView && c.boundAs[0] === dn).length;
    expect([pagesAs(agentDn), pagesAs(supervisorDn)]).toEqual([3, 3]);
    await expectOk(agentDesk, 'session:sign-out', {});
    await expectOk(supervisorDesk, 'session:sign-out', {});
    await eventually(() => proxy.openAs(agentDn).length + proxy.openAs(supervisorDn).length === 0, 'none left');
  });
});
