/** The pieces every renderer slice is built from: the stale-answer guard, calls for the open account, the bridge made of Results. */
import { describe, expect, it } from 'vitest';
import { latestRequest } from '../../../src/renderer/src/slice-kit/latest-request';
import { accountCalls } from '../../../src/renderer/src/slice-kit/open-account-call';
import { resultApi } from '../../../src/renderer/src/slice-kit/result-api';
import type { AccountCard } from '../../../src/shared/account';
import type { GuichetApi } from '../../../src/shared/contract';
import type { Result } from '../../../src/shared/result';
import { fakeBridge, OTHER_DN, PERSON, settle, storeOver } from './fake-bridge';

describe('the stale-answer guard', () => {
  it('a newer request supersedes an older one; a follow-up joins the request in force; invalidate drops them all', () => {
    const guard = latestRequest();
    const first = guard.next();
    const followUp = guard.current();
    expect(first()).toBe(true);
    expect(followUp()).toBe(true);
    const second = guard.next();
    expect([first(), followUp(), second()]).toEqual([false, false, true]);
    guard.invalidate();
    expect(second()).toBe(false);
  });

  it('a request started after a clear never revives an answer from before it (the previous person’s)', () => {
    const guard = latestRequest();
    const before = guard.next();
    guard.invalidate();
    const after = guard.next();
    expect([before(), after()]).toEqual([false, true]);
    const beforeAgain = guard.next();
    guard.invalidate();
    guard.invalidate();
    const third = guard.next();
    expect([beforeAgain(), third()]).toEqual([false, true]);
  });
});

describe('calls for the open account', () => {
  const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });

  it('sends nothing when no account is open', async () => {
    const calls = accountCalls(() => ({ card: null }));
    let sent = false;
    expect(await calls.forOpenAccount(async () => ((sent = true), { ok: true, value: 1 }))).toBeNull();
    expect(sent).toBe(false);
  });

  it('answers for the account it was sent for, and drops the answer once another account is open; `answered` runs either way', async () => {
    let card = { dn: PERSON.dn } as AccountCard;
    const calls = accountCalls(() => ({ card }));
    const steps: string[] = [];
    const hooks = { started: () => steps.push('started'), answered: () => steps.push('answered') };
    expect(await calls.forOpenAccount((dn) => ok(dn), hooks)).toEqual({ dn: PERSON.dn, result: { ok: true, value: PERSON.dn } });
    const late = calls.forOpenAccount((dn) => ok(dn), hooks);
    card = { dn: OTHER_DN } as AccountCard;
    expect(await late).toBeNull();
    expect(steps).toEqual(['started', 'answered', 'started', 'answered']);
    expect(await calls.forAccount(PERSON.dn, (dn) => ok(dn))).toBeNull();
  });
});

describe('the bridge as slices see it', () => {
  it('a method that throws, or a missing bridge, answers INTERNAL instead of crashing', async () => {
    const broken = resultApi(() => ({ signOut: () => Promise.reject(new Error('channel closed')) }) as unknown as GuichetApi);
    expect(await broken.signOut({})).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'bridge failure' } });
    const missing = resultApi(() => undefined as unknown as GuichetApi);
    expect(await missing.appStatus({})).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'bridge failure' } });
  });

  it('each method reaches the bridge’s method of the same name with the same request', async () => {
    const bridge = fakeBridge();
    const api = resultApi(() => bridge.api);
    expect(await api.openAccount({ dn: PERSON.dn })).toMatchObject({ ok: true, value: { dn: PERSON.dn } });
    expect(bridge.calls).toEqual([{ method: 'openAccount', request: { dn: PERSON.dn } }]);
  });
});

describe('the activation wizard through the store', () => {
  const choices = {
    secretQuestion: PERSON.question,
    secretAnswer: 'Minou',
    smsAlerts: false,
    photoUse: true,
    hiddenFromDirectory: false,
    password: 'Une-phrase-de-passe-longue',
    charterAccepted: true as const,
  };

  it('sends every choice for the open account in one call, keeps the summary, never the answer or the password, and re-reads the card', async () => {
    const bridge = fakeBridge();
    const store = storeOver(bridge);
    await store.getState().openAccount(PERSON.dn);
    await store.getState().loadActivationOffer();
    expect(store.getState().activationOffer?.presetQuestions).toEqual([PERSON.question]);
    const mark = bridge.calls.length;
    const result = await store.getState().completeActivation(choices);
    expect(result).toMatchObject({ ok: true, value: { login: PERSON.login } });
    expect(bridge.calls.find((c) => c.method === 'completeActivation')?.request).toEqual({ dn: PERSON.dn, ...choices });
    const state = JSON.stringify(store.getState());
    expect(state).not.toContain('Minou');
    expect(state).not.toContain(choices.password);
    expect(store.getState().activationDone?.uniqueId).toBe('UE-0042');
    expect(store.getState().activationApplying).toBe(false);
    await settle();
    expect(bridge.calls.slice(mark)).toContainEqual({ method: 'openAccount', request: { dn: PERSON.dn, refresh: true } });
  });

  it('a refusal is kept for the wizard (its step comes back with it); leaving the wizard forgets offer, error and summary', async () => {
    const bridge = fakeBridge();
    const store = storeOver(bridge);
    await store.getState().openAccount(PERSON.dn);
    await store.getState().loadActivationOffer();
    const refusal = { ok: false as const, error: { code: 'POLICY_VIOLATION' as const, message: 'history', details: { step: 'password', reason: 'history' } } };
    bridge.refuseNext('completeActivation', refusal);
    expect(await store.getState().completeActivation(choices)).toEqual(refusal);
    expect(store.getState().activationError).toEqual(refusal.error);
    store.getState().leaveActivation();
    expect([store.getState().activationOffer, store.getState().activationError, store.getState().activationDone]).toEqual([null, null, null]);
  });

  it('an offer answered after the wizard was left stays out of the store', async () => {
    const bridge = fakeBridge();
    const store = storeOver(bridge);
    await store.getState().openAccount(PERSON.dn);
    const release = bridge.holdNext('activationOffer');
    const loading = store.getState().loadActivationOffer();
    store.getState().leaveActivation();
    release();
    await loading;
    expect(store.getState().activationOffer).toBeNull();
  });
});
