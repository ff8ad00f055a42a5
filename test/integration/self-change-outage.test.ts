/**
 * The person's own change whose answer never comes (UBP "Personnalisez votre mot de passe";
 * selfChange on, as in ubp.yaml): a proxy between the console and slapd lets the person's bind
 * through, then swallows the Password Modify request (never applied) or its answer
 * (applied). The console reads pwdChangedTime back on a fresh connection before it says
 * anything, and the trail holds the real outcome.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixturePerson } from '../../resources/directory/fixture';
import { startProxiedDeskSession, type ProxiedDeskSession } from './support/desk-session';
import { agentSentence, canBind } from './support/fault-checks';

const OPERATION_TIMEOUT_MS = 1_000;

describe('the change with the current password, its answer lost', () => {
  let desk: ProxiedDeskSession;
  beforeAll(async () => {
    desk = await startProxiedDeskSession({ people: 20, operationTimeoutMs: OPERATION_TIMEOUT_MS, connectTimeoutMs: 500, profile: { selfChange: { enabled: true } } });
  });
  afterAll(async () => {
    await desk?.close();
  });
  const people = () => desk.fixture.people.filter((q): q is FixturePerson & { password: string } => q.key === null && q.state === 'active' && q.password !== null);
  const outcomes = (login: string) =>
    (desk.harness.services.auditDb.prepare("SELECT outcome FROM events WHERE target_login = ? AND action = 'password-change' ORDER BY seq").all(login) as Array<{ outcome: string }>).map(
      (r) => r.outcome,
    );

  it('applied by the directory, its answer lost: read back and told as done', async () => {
    const p = people()[0]!;
    const chosen = 'Puy-de-Dome!Volcan7';
    desk.proxy.next = 'drop-response';
    const result = await desk.harness.invoke('password:self-change', { dn: p.dn, currentPassword: p.password, newPassword: chosen });
    expect(result.ok).toBe(true);
    expect(desk.proxy.seen).toBe(1);
    expect(await canBind(desk.fixture, p.dn, chosen)).toBe(true);
    expect(outcomes(p.login)).toEqual(['pending', 'success']);
  });

  it('never applied (the request swallowed): read back, told that nothing changed, the current password still the one', async () => {
    const p = people()[1]!;
    const chosen = 'Gergovie#Arverne63';
    desk.proxy.next = 'drop-request';
    const result = await desk.harness.invoke('password:self-change', { dn: p.dn, currentPassword: p.password, newPassword: chosen });
    expect(result.ok).toBe(false);
    expect(desk.proxy.seen).toBe(2);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'DIRECTORY_TIMEOUT', details: { applied: false } });
    await agentSentence(result.error);
    expect(await canBind(desk.fixture, p.dn, p.password)).toBe(true);
    expect(await canBind(desk.fixture, p.dn, chosen)).toBe(false);
    expect(outcomes(p.login)).toEqual(['pending', 'failure']);
  });
});
