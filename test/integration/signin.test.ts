/**
 * Agent sign-in on a real slapd: roles from the helpdesk groups, the ppolicy lock control,
 * one answer for unknown login and wrong password, idle lock and resume, sign-out, and the
 * offline sign-in with the local verifier.
 */
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Attribute, Change, Client } from 'ldapts';
import { startDirectory, type DirectoryFixture, type FixtureAgent } from '../../resources/directory/fixture';
import { startConsole, type ConsoleHarness } from '../support/console-harness';
import type { AgentKind } from '../../resources/directory/people-generator';
import type { AuditEventView } from '../../src/shared/audit-events';
import type { GuichetConfigInput } from '../../src/main/config/schema';

let fixture: DirectoryFixture;
let harness: ConsoleHarness;
/** Data folders shared by two consoles in a test (the harness removes only its own). */
const sharedDirs: string[] = [];

/** The harness merges directory overrides into the fixture's settings; its type wants a whole directory. */
const withDirectory = (directory: Partial<GuichetConfigInput['directory']>, rest: Partial<GuichetConfigInput> = {}): Partial<GuichetConfigInput> =>
  ({ ...rest, directory }) as Partial<GuichetConfigInput>;

const agent = (kind: AgentKind): FixtureAgent => fixture.agents.find((a) => a.kind === kind)!;
const signIn = (a: FixtureAgent, password = a.password) => harness.invoke('session:sign-in', { login: a.login, password });
const events = (): AuditEventView[] => harness.services.audit.query({}, { login: 'test', role: 'supervisor' }, { limit: 200 }).events;

/** Five wrong binds lock an account (ppolicy pwdMaxFailure 5): the administrator unlocks it. */
async function unlock(dn: string): Promise<void> {
  const root = new Client({ url: fixture.url, timeout: 3_000, connectTimeout: 1_000 });
  try {
    await root.bind(fixture.rootDn, fixture.rootPassword);
    await root.modify(dn, new Change({ operation: 'delete', modification: new Attribute({ type: 'pwdAccountLockedTime' }) }));
  } catch (error) {
    if ((error as { code?: number }).code !== 16) throw error;
  } finally {
    await root.unbind();
  }
}

beforeAll(async () => {
  fixture = await startDirectory({ people: 50 });
});
afterAll(async () => {
  await fixture?.stop();
  for (const dir of sharedDirs) rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await harness?.close();
});

describe('online sign-in', () => {
  it('signs an agent in and answers the session, with the role from the helpdesk group', async () => {
    harness = startConsole({ fixture });
    const result = await signIn(agent('agent'));
    expect(result).toEqual({
      ok: true,
      value: {
        agent: { login: 'agent.accueil', displayName: agent('agent').displayName, role: 'agent', online: true },
        locked: false,
        idleLockMinutes: 5,
      },
    });
    expect(await harness.invoke('session:current', {})).toMatchObject({ ok: true, value: { agent: { login: 'agent.accueil' } } });
    expect(events()[0]).toMatchObject({ action: 'sign-in', outcome: 'success', details: { mode: 'online', role: 'agent' } });
  });

  it('a supervisor gets the supervisor role', async () => {
    harness = startConsole({ fixture });
    expect(await signIn(agent('supervisor'))).toMatchObject({ ok: true, value: { agent: { role: 'supervisor' } } });
  });

  it('wrong password and unknown login get the very same answer', async () => {
    harness = startConsole({ fixture });
    const wrong = await signIn(agent('agent'), 'Not-The-Password-1!');
    const unknown = await harness.invoke('session:sign-in', { login: 'nobody.here', password: 'Not-The-Password-1!' });
    expect(wrong).toEqual({ ok: false, error: { code: 'INVALID_CREDENTIALS', message: 'invalid credentials' } });
    expect(unknown).toEqual(wrong);
    expect(await harness.invoke('session:current', {})).toMatchObject({ ok: true, value: { agent: null } });
  });

  it('a locked agent account gets ACCOUNT_LOCKED, with the right password', async () => {
    harness = startConsole({ fixture });
    expect(await signIn(agent('locked-agent'))).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
  });

  it('someone outside the helpdesk groups is refused NOT_AN_AGENT', async () => {
    harness = startConsole({ fixture });
    expect(await signIn(agent('not-agent'))).toMatchObject({ ok: false, error: { code: 'NOT_AN_AGENT' } });
    expect(await harness.invoke('directory:search', { query: 'dupont' })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });

  it('refusals are audited with their reason, never the password nor an unknown login', async () => {
    harness = startConsole({ fixture });
    await signIn(agent('agent'), 'Secret-Typed-By-Mistake-9');
    await harness.invoke('session:sign-in', { login: 'Secret-In-Login-Box-9', password: 'x' });
    await signIn(agent('not-agent'));
    const refused = events().filter((e) => e.action === 'sign-in-refused');
    expect(refused.map((e) => [e.agent?.login ?? null, e.details])).toEqual([
      ['stagiaire.dsi', { mode: 'online', reason: 'not-an-agent' }],
      [null, { mode: 'online', reason: 'invalid-credentials' }],
      ['agent.accueil', { mode: 'online', reason: 'invalid-credentials' }],
    ]);
    const raw = readFileSync(harness.services.auditPath).toString('latin1');
    expect(raw).not.toContain('Secret-Typed-By-Mistake-9');
    expect(raw).not.toContain('Secret-In-Login-Box-9');
  });

  it('sign-out clears the session and closes the directory session', async () => {
    harness = startConsole({ fixture });
    await signIn(agent('agent'));
    expect(harness.services.agentDirectory.connection()).not.toBeNull();
    expect(await harness.invoke('session:sign-out', {})).toMatchObject({ ok: true, value: { agent: null, locked: false } });
    expect(harness.services.agentDirectory.connection()).toBeNull();
    expect(await harness.invoke('directory:search', { query: 'jbernard1' })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(events()[0]).toMatchObject({ action: 'sign-out', details: { reason: 'user' } });
  });
});

describe('idle lock', () => {
  it('refuses a search while locked, until the agent resumes with the password', async () => {
    harness = startConsole({ fixture });
    await signIn(agent('agent'));
    expect(await harness.invoke('directory:search', { query: 'jbernard1' })).toMatchObject({ ok: true });
    expect(await harness.invoke('session:lock', { reason: 'idle' })).toMatchObject({ ok: true, value: { locked: true, agent: { login: 'agent.accueil' } } });
    expect(await harness.invoke('directory:search', { query: 'jbernard1' })).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect(await harness.invoke('account:open', { dn: fixture.named.active.dn })).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect(await harness.invoke('session:sign-in', { login: agent('supervisor').login, password: agent('supervisor').password })).toMatchObject({
      ok: false,
      error: { code: 'SESSION_LOCKED' },
    });
    expect(await harness.invoke('session:resume', { password: 'wrong-password-1' })).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(await harness.invoke('directory:search', { query: 'jbernard1' })).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect(await harness.invoke('session:resume', { password: agent('agent').password })).toMatchObject({ ok: true, value: { locked: false } });
    const after = await harness.invoke('directory:search', { query: 'jbernard1' });
    expect(after).toMatchObject({ ok: true, value: { results: [{ login: 'jbernard1' }] } });
    expect(events().slice(0, 4).map((e) => [e.action, e.outcome])).toEqual([
      ['session-resumed', 'success'],
      ['session-resumed', 'denied'],
      ['idle-lock', 'success'],
      ['sign-in', 'success'],
    ]);
  });

  it('sign-out is allowed while locked', async () => {
    harness = startConsole({ fixture });
    await signIn(agent('agent'));
    await harness.invoke('session:lock', { reason: 'manual' });
    expect(await harness.invoke('session:sign-out', {})).toMatchObject({ ok: true, value: { agent: null } });
    expect(await harness.invoke('session:resume', { password: agent('agent').password })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });

  it('five wrong passwords at the lock screen close the session', async () => {
    harness = startConsole({ fixture });
    await signIn(agent('supervisor'));
    await harness.invoke('session:lock', { reason: 'idle' });
    for (let i = 0; i < 4; i++)
      expect(await harness.invoke('session:resume', { password: `wrong-${i}` })).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(await harness.invoke('session:resume', { password: 'wrong-4' })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await harness.invoke('session:current', {})).toMatchObject({ ok: true, value: { agent: null } });
    // The directory locked the account meanwhile (five failures): that is the directory's own policy.
    expect(await signIn(agent('supervisor'))).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    await unlock(agent('supervisor').dn);
    expect(await signIn(agent('supervisor'))).toMatchObject({ ok: true });
  });
});

describe('offline sign-in (local verifier)', () => {
  const unreachable = withDirectory({ urls: ['ldap://127.0.0.1:1'] });

  it('works after an online sign-in on this desk, offline and for audit review only', async () => {
    harness = startConsole({ fixture });
    const dataDir = harness.dataDir;
    sharedDirs.push(dataDir);
    await signIn(agent('supervisor'));
    await harness.invoke('session:sign-out', {});
    const file = readFileSync(harness.services.agentDirectory.verifiers.path, 'utf8');
    expect(file).not.toContain(agent('supervisor').password);
    await harness.services.close();

    harness = startConsole({ fixture, dataDir, overrides: unreachable });
    const started = Date.now();
    const result = await signIn(agent('supervisor'));
    expect(result).toMatchObject({ ok: true, value: { agent: { login: 'superviseur.dsi', role: 'supervisor', online: false } } });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await harness.invoke('directory:search', { query: 'jbernard1' })).toMatchObject({ ok: false, error: { code: 'DIRECTORY_UNAVAILABLE' } });
    expect(events()[0]).toMatchObject({ action: 'sign-in', details: { mode: 'offline' } });

    // Wrong password offline: the same answer as for an agent never seen here.
    await harness.invoke('session:sign-out', {});
    const wrong = await signIn(agent('supervisor'), 'Wrong-Offline-Password-1');
    const never = await signIn(agent('agent'));
    expect(wrong).toMatchObject({ ok: false, error: { code: 'DIRECTORY_UNAVAILABLE', details: { offlineSignIn: 'refused' } } });
    expect(never).toEqual(wrong);
  });

  it('is refused for an agent never signed in online on this desk', async () => {
    harness = startConsole({ fixture, overrides: unreachable });
    expect(await signIn(agent('agent'))).toMatchObject({ ok: false, error: { code: 'DIRECTORY_UNAVAILABLE', details: { offlineSignIn: 'refused' } } });
    expect(events()[0]).toMatchObject({ action: 'sign-in-refused', details: { mode: 'offline', reason: 'offline-unavailable' } });
  });

  it('expires after audit.offlineVerifierDays', async () => {
    harness = startConsole({ fixture });
    const dataDir = harness.dataDir;
    sharedDirs.push(dataDir);
    await signIn(agent('agent'));
    await harness.services.close();

    harness = startConsole({ fixture, dataDir, overrides: withDirectory({ urls: ['ldap://127.0.0.1:1'] }, { audit: { offlineVerifierDays: 14 } }) });
    const base = Date.now();
    harness.clock.now = () => new Date(base + 13 * 86_400_000);
    expect(await signIn(agent('agent'))).toMatchObject({ ok: true, value: { agent: { online: false } } });
    await harness.invoke('session:sign-out', {});
    harness.clock.now = () => new Date(base + 15 * 86_400_000);
    expect(await signIn(agent('agent'))).toMatchObject({ ok: false, error: { code: 'DIRECTORY_UNAVAILABLE' } });
    // Expired verifiers are dropped: even the right clock cannot bring it back.
    harness.clock.now = () => new Date(base);
    expect(await signIn(agent('agent'))).toMatchObject({ ok: false, error: { code: 'DIRECTORY_UNAVAILABLE' } });
  });
});
