/**
 * The renderer store forgets the person at the desk: after sign-out and after the lock,
 * every slice's personal data equals its empty value, and an answer still on its way is
 * dropped. Pure store logic over a fake bridge (no browser).
 */
import { describe, expect, it } from 'vitest';
import { FEATURE_SLICES, type StoreState } from '../../../src/renderer/src/store';
import { accountSlice } from '../../../src/renderer/src/features/account/account-slice';
import { activationSlice } from '../../../src/renderer/src/features/activation/activation-slice';
import { consentsSlice } from '../../../src/renderer/src/features/consents/consents-slice';
import { passwordSlice } from '../../../src/renderer/src/features/password/password-slice';
import { verificationSlice } from '../../../src/renderer/src/features/verification/verification-slice';
import { secondFactorSlice } from '../../../src/renderer/src/features/second-factor/second-factor-slice';
import { deskNoteSlice } from '../../../src/renderer/src/features/desk-note/desk-note-slice';
import { lifecycleSlice } from '../../../src/renderer/src/features/lifecycle/lifecycle-slice';
import { photoSlice } from '../../../src/renderer/src/features/photo/photo-slice';
import { fakeBridge, OTHER_DN, PERSON, settle, storeOver, type FakeBridge } from './fake-bridge';

type Store = ReturnType<typeof storeOver>;

/** The agent signs in and works on one person with every feature, so each slice holds something about them. */
async function deskSession(bridge: FakeBridge = fakeBridge()): Promise<Store> {
  const store = storeOver(bridge);
  const s = () => store.getState();
  await s().signIn('agent.accueil', 'secret-agent');
  s().setQuery(PERSON.name);
  await s().search();
  await s().openAccount(PERSON.dn);
  await settle();
  await s().verifyDocument('national-id');
  await s().resetGenerated();
  await s().revealLogin();
  // The key of a new authenticator, on the privacy screen, waiting for the person's code.
  await s().startEnrolment();
  // The directory photo, asked for to compare with the face at the desk.
  await s().showPhoto();
  await s().loadActivationOffer();
  await s().completeActivation({
    secretQuestion: PERSON.question,
    secretAnswer: 'Minou',
    smsAlerts: true,
    photoUse: false,
    hiddenFromDirectory: false,
    password: 'Une-phrase-de-passe-longue',
    charterAccepted: true,
  });
  s().setAuditForm({ target: PERSON.login });
  await s().runAuditQuery();
  await s().openAuditEvent(7);
  await s().exportAudit('csv', { separator: ';' });
  await s().suggestAuditLogins('target', 'jm');
  await s().refreshCounts();
  await s().openWorklist('locked');
  await s().exportWorklist({ separator: ';', columns: 'fr' });
  // A suspension done (its answer on the card), then the note typed for the next action, not sent yet.
  await s().runLifecycle('suspend', { reason: 'fraud', reasonText: PERSON.suspensionText, personPresent: false, newEnd: '' });
  s().setDeskNote({ comment: PERSON.noteComment, ticket: PERSON.noteTicket });
  await settle();
  return store;
}

/** Each slice's personal fields as they are now. */
function personalData(state: StoreState, slice: { empty: object }) {
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(slice.empty)) picked[key] = state[key as keyof StoreState];
  return picked;
}

const personalSlices = FEATURE_SLICES.filter((slice) => Object.keys(slice.empty).length > 0);

describe('the renderer store forgets the person at the desk', () => {
  it('a desk session leaves something personal in every slice that holds personal data (so the clears below prove something)', async () => {
    const state = (await deskSession()).getState();
    expect(personalSlices.length).toBeGreaterThanOrEqual(10);
    for (const slice of personalSlices) expect(personalData(state, slice), Object.keys(slice.empty).join()).not.toEqual(slice.empty);
    expect(JSON.stringify(state)).toContain(PERSON.dn);
  });

  it('after sign-out every slice equals its empty value and nothing about the person remains', async () => {
    const store = await deskSession();
    await store.getState().signOut();
    const state = store.getState();
    for (const slice of FEATURE_SLICES) expect(personalData(state, slice)).toEqual(slice.empty);
    expect(state.agent).toBeNull();
    expect(state.screen).toBe('signin');
    const kept = JSON.stringify(state);
    for (const value of [PERSON.dn, PERSON.login, PERSON.name, PERSON.mail, PERSON.mobile, PERSON.question, PERSON.noteComment, PERSON.noteTicket, PERSON.photoBase64, ...PERSON.temporaryPassword.split('-'), ...PERSON.secondFactorKey.split('-')])
      expect(kept, `the store still holds ${value}`).not.toContain(value);
  });

  it('after the lock every slice equals its empty value; only the DN to reopen is kept, and resuming reopens that card', async () => {
    const bridge = fakeBridge();
    const store = await deskSession(bridge);
    await store.getState().lock('idle');
    const state = store.getState();
    for (const slice of FEATURE_SLICES) {
      const expected = slice === accountSlice ? { ...slice.empty, resumeDn: PERSON.dn } : slice.empty;
      expect(personalData(state, slice)).toEqual(expected);
    }
    expect(state.locked).toBe(true);
    expect(state.agent?.login).toBe('agent.accueil');
    for (const value of [PERSON.login, PERSON.name, PERSON.mail, PERSON.mobile, PERSON.question, PERSON.noteComment, PERSON.noteTicket, PERSON.photoBase64, ...PERSON.secondFactorKey.split('-')])
      expect(JSON.stringify({ ...state, resumeDn: null }), `the locked store still holds ${value}`).not.toContain(value);

    const mark = bridge.calls.length;
    expect(await store.getState().resume('secret-agent')).toBe(true);
    await settle();
    expect(bridge.calls.slice(mark)).toContainEqual({ method: 'openAccount', request: { dn: PERSON.dn } });
    expect(store.getState().card?.dn).toBe(PERSON.dn);
    expect(store.getState().resumeDn).toBeNull();
  });

  it('a search, a card or an audit page answered after sign-out is dropped', async () => {
    const bridge = fakeBridge();
    const store = storeOver(bridge);
    await store.getState().signIn('agent.accueil', 'secret-agent');
    store.getState().setQuery(PERSON.name);
    const releases = [bridge.holdNext('searchDirectory'), bridge.holdNext('openAccount'), bridge.holdNext('queryAudit')];
    const pending = [store.getState().search(), store.getState().openAccount(PERSON.dn), store.getState().runAuditQuery()];
    await store.getState().signOut();
    for (const release of releases) release();
    await Promise.all(pending);
    await settle();
    const state = store.getState();
    for (const slice of FEATURE_SLICES) expect(personalData(state, slice)).toEqual(slice.empty);
    expect(JSON.stringify(state)).not.toContain(PERSON.login);
  });

  it('a card answered after the lock stays out of the store', async () => {
    const bridge = fakeBridge();
    const store = storeOver(bridge);
    await store.getState().signIn('agent.accueil', 'secret-agent');
    const release = bridge.holdNext('openAccount');
    const opening = store.getState().openAccount(PERSON.dn);
    await store.getState().lock('manual');
    release();
    await opening;
    await settle();
    expect(store.getState().card).toBeNull();
    expect(store.getState().loadingAccount).toBe(false);
  });

  it('opening another account forgets the previous one’s verification, desk results, consents, activation, second factor, lifecycle result, the photo and the note being typed, but keeps the search results', async () => {
    const bridge = fakeBridge();
    const store = await deskSession(bridge);
    const results = store.getState().results;
    const release = bridge.holdNext('openAccount');
    const opening = store.getState().openAccount(OTHER_DN);
    const meanwhile = store.getState();
    for (const slice of [verificationSlice, passwordSlice, consentsSlice, activationSlice, secondFactorSlice, deskNoteSlice, lifecycleSlice, photoSlice]) expect(personalData(meanwhile, slice)).toEqual(slice.empty);
    expect(meanwhile.card).toBeNull();
    expect(meanwhile.loadingAccount).toBe(true);
    expect(meanwhile.results).toBe(results);
    expect(meanwhile.auditEvents).toHaveLength(1);
    release();
    await opening;
    await settle();
    expect(store.getState().card?.dn).toBe(OTHER_DN);
    expect(store.getState().verification?.dn).toBe(OTHER_DN);
  });

  it('every data field of every slice is either personal (cleared) or kept with a reason', async () => {
    const state = (await deskSession()).getState();
    const dataKeys = Object.keys(state).filter((key) => typeof state[key as keyof StoreState] !== 'function');
    const declared = FEATURE_SLICES.flatMap((slice) => [...Object.keys(slice.empty), ...Object.keys(slice.kept)]);
    expect(declared.sort()).toEqual(dataKeys.sort());
    for (const slice of FEATURE_SLICES) for (const reason of Object.values(slice.kept)) expect(reason).toMatch(/\w{3,}/);
  });

  it('the key of a new authenticator leaves the store when the step is over: confirmed, cancelled, refused or dropped after wrong codes', async () => {
    const bridge = fakeBridge();
    const store = await deskSession(bridge);
    const s = () => store.getState();
    const key = () => JSON.stringify(s()).includes(PERSON.secondFactorKey.split('-')[1]!);
    expect(key()).toBe(true);
    expect(await s().confirmEnrolment('123456')).toBe(true);
    expect(s().enrolment).toBeNull();
    expect(key()).toBe(false);

    await s().startEnrolment();
    await s().cancelEnrolment();
    expect(key()).toBe(false);
    expect(bridge.calls.at(-1)).toEqual({ method: 'cancelSecondFactorEnrolment', request: { dn: PERSON.dn, enrolmentId: 'a'.repeat(32) } });

    await s().startEnrolment();
    bridge.refuseNext('confirmSecondFactorEnrolment', { ok: false, error: { code: 'FORBIDDEN', message: 'refused', details: { reason: 'insufficient-access' } } });
    expect(await s().confirmEnrolment('123456')).toBe(false);
    expect(key()).toBe(false);
    expect(s().secondFactorError?.code).toBe('FORBIDDEN');
  });
});

describe('the directory photo', () => {
  it('is asked for by the agent only, and an answer for an account no longer open is dropped', async () => {
    const bridge = fakeBridge();
    const store = storeOver(bridge);
    const s = () => store.getState();
    await s().signIn('agent.accueil', 'secret-agent');
    await s().openAccount(PERSON.dn);
    await settle();
    expect(bridge.calls.some((c) => c.method === 'accountPhoto')).toBe(false);
    const release = bridge.holdNext('accountPhoto');
    const asking = s().showPhoto();
    await s().openAccount(OTHER_DN);
    release();
    await asking;
    await settle();
    expect(s().photo).toBeNull();
    expect(s().photoBusy).toBe(false);
    await s().showPhoto();
    expect(s().photo).toEqual({ dn: OTHER_DN, photo: { kind: 'jpeg', base64: PERSON.photoBase64, bytes: 12 } });
    s().hidePhoto();
    expect(JSON.stringify(s())).not.toContain(PERSON.photoBase64);
  });
});
