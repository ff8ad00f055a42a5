import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/main/config/load';
import { demoConfig } from '../../src/main/config/demo-config';
import { silentLogger } from '../../src/main/logger';
import { createServices, type Services } from '../../src/main/services';
import type { AgentSession } from '../../src/main/session/session-store';
import type { AuditPage } from '../../src/shared/contract/audit';
import { CHANNELS } from '../../src/shared/channels';

let dataDir: string;
let services: Services;
const sender = { id: 7, url: 'http://127.0.0.1/' };
const session = (login: string, role: 'agent' | 'supervisor', extra: Partial<AgentSession> = {}): AgentSession => ({
  login,
  displayName: login.toUpperCase(),
  dn: `uid=${login},ou=people,dc=univ-demo,dc=fr`,
  role,
  online: false,
  signedInAt: '2026-01-01T00:00:00.000Z',
  locked: false,
  ...extra,
});
const call = (channel: string, payload: unknown = {}) => services.router.dispatch(channel, payload, sender);
const value = <T>(result: Awaited<ReturnType<typeof call>>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
};

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'guichet-audit-ipc-'));
  services = createServices({
    config: parseConfig({ ...demoConfig(), audit: { retentionDays: 30 } }, null),
    configSource: { source: 'embedded-demo', path: null },
    dataDir,
    version: '0.1.0-test',
    isTrustedSender: (s) => s.id === sender.id,
    logger: silentLogger,
  });
  for (const login of ['alice', 'bob', 'alice']) {
    services.audit.append({
      action: 'account-viewed',
      outcome: 'success',
      agent: { login, displayName: login.toUpperCase() },
      target: { login: 'etu1', dn: null },
      details: { source: 'search' },
    });
  }
});
afterEach(async () => {
  await services.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('audit channels through the router', () => {
  it('are all registered and need a signed-in, unlocked agent', async () => {
    const audit = Object.values(CHANNELS).filter((c) => c.startsWith('audit:'));
    expect(services.router.channels()).toEqual(expect.arrayContaining(audit));
    const payloads: Record<string, object> = {
      'audit:event': { seq: 1 },
      'audit:history': { login: 'x' },
      'audit:export': { format: 'csv' },
      'audit:suggest': { field: 'agent', typed: 'a' },
      'audit:central-event': { desk: 'ACCUEIL-01', seq: 1 },
      'audit:central-stats': { pinnedAt: '2026-03-01T10:00:00.000Z' },
      'audit:central-suggest': { field: 'target', typed: 'a' },
      'audit:central-export': { pinnedAt: '2026-03-01T10:00:00.000Z', format: 'jsonl' },
    };
    for (const channel of audit) expect(await call(channel, payloads[channel] ?? {})).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    services.session.set(session('alice', 'agent', { locked: true }));
    expect(await call('audit:query', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    // The review across desks: supervisors only, and said unavailable while no reader is configured.
    services.session.set(session('alice', 'agent'));
    expect(await call('audit:central-query', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    services.session.set(session('chef', 'supervisor'));
    expect(await call('audit:central-query', {})).toMatchObject({ ok: false, error: { code: 'CENTRAL_UNAVAILABLE' } });
    expect(await call('audit:central-suggest', { field: 'agent', typed: 'a' })).toMatchObject({ ok: false, error: { code: 'CENTRAL_UNAVAILABLE' } });
    expect(await call('audit:central-export', { pinnedAt: '2026-03-01T10:00:00.000Z', format: 'csv' })).toMatchObject({ ok: false, error: { code: 'CENTRAL_UNAVAILABLE' } });
  });

  it('an agent (even signed in offline) sees only their own events; a supervisor sees all', async () => {
    services.session.set(session('alice', 'agent'));
    const mine = value<AuditPage>(await call('audit:query', {}));
    expect(mine.events.every((e) => e.agent?.login === 'alice')).toBe(true);
    expect(mine.events.filter((e) => e.action === 'account-viewed')).toHaveLength(2);
    expect(await call('audit:query', { filter: { agent: 'bob' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('audit:event', { seq: 2 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(value<{ event: { seq: number } }>(await call('audit:event', { seq: 1 })).event.seq).toBe(1);
    const history = value<AuditPage>(await call('audit:history', { login: 'etu1' }));
    expect(history.events.map((e) => e.agent?.login)).toEqual(['alice', 'alice']);
    expect(value<{ perAgent: Array<{ login: string }> }>(await call('audit:stats', {})).perAgent.map((r) => r.login)).toEqual(['alice']);

    services.session.set(session('chef', 'supervisor'));
    const all = value<AuditPage>(await call('audit:query', { filter: { action: 'account-viewed' } }));
    expect(all.events.map((e) => e.agent?.login)).toEqual(['alice', 'bob', 'alice']);
    expect(value<{ event: { seq: number } }>(await call('audit:event', { seq: 2 })).event.seq).toBe(2);
  });

  it('each opening of the review screen and of an account history is recorded once, not each filter change (refusals always)', async () => {
    services.session.set(session('alice', 'agent'));
    await call('audit:query', { filter: { action: 'sign-in', text: 'quelque chose' }, opening: true });
    await call('audit:query', { filter: { action: 'account-viewed' } }); // a filter change: the same viewing
    await call('audit:query', { filter: {} });
    await call('audit:query', { filter: {}, after: 2, opening: true }); // next page: not a new viewing
    await call('audit:history', { login: 'etu1' });
    await call('audit:query', { filter: { agent: 'bob' } });
    await call('audit:query', { filter: { outcome: 'failure' }, opening: true }); // the screen opened again
    // A new session: its first read is on record even when the page does not say it is an opening.
    services.session.set(session('alice', 'agent', { signedInAt: '2026-01-01T08:00:00.000Z' }));
    await call('audit:query', { filter: { action: 'sign-out' } });
    services.session.set(session('chef', 'supervisor'));
    const views = value<AuditPage>(await call('audit:query', { filter: { action: 'audit-viewed' }, opening: true })).events;
    expect(views.map((e) => [e.agent?.login, e.outcome, e.details, e.target?.login ?? null])).toEqual([
      ['alice', 'success', { view: 'review', filter: { action: 'sign-out' } }, null],
      ['alice', 'success', { view: 'review', filter: { outcome: 'failure' } }, null],
      ['alice', 'denied', { view: 'review', filter: { agent: 'bob' } }, null],
      ['alice', 'success', { view: 'account-history' }, 'etu1'],
      ['alice', 'success', { view: 'review', filter: { action: 'sign-in', hasText: true } }, null],
    ]);
  });

  it('requests are strict and bounded', async () => {
    services.session.set(session('chef', 'supervisor'));
    expect(await call('audit:query', { filter: {}, extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await call('audit:query', { filter: { text: 'ab' } })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await call('audit:query', { filter: { text: 'x'.repeat(201) } })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await call('audit:query', { limit: 1_000 })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    // A target login is what the directory holds (spaces and markup included), never a control character.
    expect(await call('audit:history', { login: 'a\nb' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await call('audit:history', { login: 'a\u0000b' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await call('audit:history', { login: 'a b<img src=x>' })).toMatchObject({ ok: true });
    expect(await call('audit:export', { format: 'csv', path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await call('audit:export', { format: 'csv', timeZone: 'Mars/Olympus_Mons' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await call('audit:export', { format: 'csv', timeZone: '../../etc' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await call('audit:suggest', { field: 'agent', typed: 'a\u0000' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });

  it('verify: incremental for everyone, full for supervisors, with the last run for the badge', async () => {
    services.session.set(session('alice', 'agent'));
    expect(value<{ lastRun: null }>(await call('audit:verify', { statusOnly: true })).lastRun).toBeNull();
    expect(await call('audit:verify', { full: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const run = value<{ result: { intact: boolean }; lastRun: { intact: boolean } }>(await call('audit:verify', {}));
    expect(run).toMatchObject({ result: { intact: true }, lastRun: { intact: true } });
    services.session.set(session('chef', 'supervisor'));
    expect(value<{ result: { mode: string } }>(await call('audit:verify', { full: true })).result.mode).toBe('full');
  });

  it('export writes into the data folder’s exports/, returns path and count, and is recorded', async () => {
    services.session.set(session('alice', 'agent'));
    const result = value<{ path: string; count: number; contiguous: boolean }>(await call('audit:export', { format: 'csv', separator: ';' }));
    expect(dirname(result.path)).toBe(join(dataDir, 'exports'));
    expect(existsSync(result.path)).toBe(true);
    expect(result.count).toBe(3); // alice's two views and the export intent itself
    // As the list counts: the two views (the export's intent, settled since, is one operation shown by its outcome, after the file).
    expect(result).toMatchObject({ operations: 2, revealable: false });
    expect(result.contiguous).toBe(false);
    expect(value<{ running: boolean; written: number }>(await call('audit:export-progress'))).toMatchObject({ running: false, written: 3 });
    services.session.set(session('chef', 'supervisor'));
    const exported = value<AuditPage>(await call('audit:query', { filter: { action: 'audit-exported' } })).events;
    expect(exported[0]).toMatchObject({ agent: { login: 'alice' }, outcome: 'success', details: { via: 'console', format: 'csv', count: 3 } });
  });
});
