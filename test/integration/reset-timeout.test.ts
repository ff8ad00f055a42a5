/**
 * A reset whose answer never comes. A TCP proxy between the console and slapd
 * (support/stalling-proxy.ts) watches for the Password Modify request and then, once,
 * either swallows it (slapd never sees it) or passes it and swallows the answer (slapd
 * applies it, the console times out). The console must re-read pwdChangedTime on a fresh
 * connection before saying anything: applied -> success, not applied -> failure,
 * unreadable -> unknown.
 */
import { Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAMED_PERSON_PASSWORD, startDirectory, type DirectoryFixture, type FixturePerson } from '../../resources/directory/fixture';
import { startStallingProxy, type StallingProxy } from './support/stalling-proxy';
import { startConsole, type ConsoleHarness, type PayloadArg } from '../support/console-harness';
import type { ChannelName, RequestOf } from '../../src/shared/contract';
import type { ChosenPasswordResult, GeneratedPassword } from '../../src/shared/contract/password';
import type { AppError } from '../../src/shared/result';
import { canBind } from './support/fault-checks';
import { FAULT_SETTLE_DELAYS_MS } from './support/desk-session';

let fixture: DirectoryFixture;
let proxy: StallingProxy;
let harness: ConsoleHarness;
const OPERATION_TIMEOUT_MS = 1_000;

async function invoke<C extends ChannelName>(channel: C, payload: RequestOf<C>) {
  return harness.invoke(channel, ...([payload] as PayloadArg<C>));
}
async function refusal<C extends ChannelName>(channel: C, payload: RequestOf<C>): Promise<AppError> {
  const result = await invoke(channel, payload);
  if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return result.error;
}
async function changedTime(dn: string): Promise<string> {
  const client = new Client({ url: fixture.url, timeout: 3_000 });
  try {
    await client.bind(fixture.rootDn, fixture.rootPassword);
    const [entry] = (await client.search(dn, { scope: 'base', attributes: ['pwdChangedTime'] })).searchEntries;
    return String(entry!['pwdChangedTime']);
  } finally {
    await client.unbind();
  }
}
const outcomes = (login: string) =>
  (
    harness.services.auditDb
      .prepare("SELECT outcome FROM events WHERE target_login = ? AND action = 'password-reset' ORDER BY seq")
      .all(login) as Array<{ outcome: string }>
  ).map((r) => r.outcome);
async function verified(p: FixturePerson): Promise<void> {
  const result = await invoke('verification:document', { dn: p.dn, documentKind: 'student-card' });
  expect(result.ok).toBe(true);
}

beforeAll(async () => {
  fixture = await startDirectory({ people: 10 });
  proxy = await startStallingProxy({ host: '127.0.0.1', port: Number(new URL(fixture.url).port) });
  harness = startConsole({
    fixture,
    overrides: { directory: { urls: [proxy.url], operationTimeoutMs: OPERATION_TIMEOUT_MS, connectTimeoutMs: 500 } as never },
    lateSettleDelaysMs: FAULT_SETTLE_DELAYS_MS,
  });
  const agent = fixture.agents.find((a) => a.kind === 'agent')!;
  const signed = await invoke('session:sign-in', { login: agent.login, password: agent.password });
  expect(signed.ok).toBe(true);
});
afterAll(async () => {
  await harness?.close();
  await proxy?.close();
  await fixture?.stop();
});

describe('a reset whose answer never comes', () => {
  it('applied by the directory: settled as success by re-reading pwdChangedTime', async () => {
    const p = fixture.named.active;
    await verified(p);
    const before = await changedTime(p.dn);
    proxy.next = 'drop-response';
    const started = Date.now();
    const result = await invoke('password:reset-generated', { dn: p.dn });
    expect(Date.now() - started).toBeGreaterThanOrEqual(OPERATION_TIMEOUT_MS - 50);
    expect(result.ok).toBe(true);
    const reset = (result as { value: GeneratedPassword }).value;
    expect(await changedTime(p.dn)).not.toBe(before);
    expect(await canBind(fixture, p.dn, reset.password)).toBe(true);
    expect(outcomes(p.login)).toEqual(['pending', 'success']);
  });

  it('never received by the directory: DIRECTORY_TIMEOUT applied:false, the old password stands', async () => {
    const p = fixture.named.redListed;
    await verified(p);
    const before = await changedTime(p.dn);
    const seen = proxy.seen;
    proxy.next = 'drop-request';
    const error = await refusal('password:reset-generated', { dn: p.dn });
    expect(proxy.seen).toBe(seen + 1);
    expect(error).toMatchObject({ code: 'DIRECTORY_TIMEOUT', details: { applied: false } });
    expect(await changedTime(p.dn)).toBe(before);
    expect(await canBind(fixture, p.dn, NAMED_PERSON_PASSWORD)).toBe(true);
    expect(outcomes(p.login)).toEqual(['pending', 'failure']);
  });

  it('no way to re-read: OUTCOME_UNKNOWN, the intent left open; once the directory answers again, read back and recorded success', async () => {
    const p = fixture.named.noMobile;
    await verified(p);
    const before = await changedTime(p.dn);
    proxy.next = 'drop-response';
    proxy.refuseAfterStall = true;
    try {
      const error = await refusal('password:reset-generated', { dn: p.dn });
      expect(error).toMatchObject({ code: 'OUTCOME_UNKNOWN', details: { reason: 'timeout' } });
      expect(JSON.stringify(error)).not.toMatch(/password"/);
    } finally {
      proxy.refuseAfterStall = false;
      proxy.refuseNew = false;
    }
    // Nobody knows yet: the intent stays open (shown "unknown") until the entry can be read back.
    expect(outcomes(p.login)[0]).toBe('pending');
    for (let waited = 0; outcomes(p.login).length < 2 && waited < 20_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    expect(outcomes(p.login)).toEqual(['pending', 'success']);
    expect(await changedTime(p.dn)).not.toBe(before);
  });

  it('a chosen password: the administrator step times out but was applied, the person’s change follows', async () => {
    const p = fixture.named.homonymA;
    await verified(p);
    proxy.next = 'drop-response';
    const seen = proxy.seen;
    const result = await invoke('password:reset-chosen', { dn: p.dn, password: 'Vrille-Hibou-Tamis-47!' });
    expect(result.ok).toBe(true);
    expect((result as { value: ChosenPasswordResult }).value.login).toBe(p.login);
    expect(proxy.seen).toBe(seen + 2);
    expect(await canBind(fixture, p.dn, 'Vrille-Hibou-Tamis-47!')).toBe(true);
    expect(outcomes(p.login)).toEqual(['pending', 'success']);
  });
});
