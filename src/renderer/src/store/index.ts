/** The one store: every feature's slice combined, and the one clear that empties each slice's personal data on sign-out, lock and change of account. */
import { create, type StateCreator } from 'zustand';
import type { GuichetApi } from '../../../shared/contract';
import type { ClearReason, DeskPorts } from '../slice-kit/desk-ports';
import type { SliceContext } from '../slice-kit/feature-slice';
import { latestRequest, type LatestRequest } from '../slice-kit/latest-request';
import { resultApi } from '../slice-kit/result-api';
import { appSlice } from '../features/app/app-slice';
import { sessionSlice } from '../features/session/session-slice';
import { lookupSlice } from '../features/lookup/lookup-slice';
import { accountSlice } from '../features/account/account-slice';
import { verificationSlice } from '../features/verification/verification-slice';
import { passwordSlice } from '../features/password/password-slice';
import { consentsSlice } from '../features/consents/consents-slice';
import { activationSlice } from '../features/activation/activation-slice';
import { auditSlice } from '../features/audit/audit-slice';
import { deskNoteSlice } from '../features/desk-note/desk-note-slice';
import { lifecycleSlice } from '../features/lifecycle/lifecycle-slice';
import { secondFactorSlice } from '../features/second-factor/second-factor-slice';
import { photoSlice } from '../features/photo/photo-slice';
import { worklistsSlice } from '../features/worklists/worklists-slice';

/** Every slice; the store's state is made of exactly these, so a slice cannot be in the state and missed by the clear. */
export const FEATURE_SLICES = [
  appSlice,
  sessionSlice,
  lookupSlice,
  accountSlice,
  verificationSlice,
  passwordSlice,
  consentsSlice,
  activationSlice,
  auditSlice,
  deskNoteSlice,
  lifecycleSlice,
  secondFactorSlice,
  photoSlice,
  worklistsSlice,
] as const;

type StateOf<F> = F extends { create: (context: SliceContext) => (...args: never[]) => infer S } ? S : never;
type StatesOf<T> = T extends readonly [infer First, ...infer Rest] ? StateOf<First> & StatesOf<Rest> : unknown;

export interface PersonalDataSlice {
  /** Removes every piece of personal data from the renderer (sign-out, idle lock) or what belonged to the previous account. */
  clearPersonalData: (reason: ClearReason) => void;
}

export type StoreState = StatesOf<typeof FEATURE_SLICES> & PersonalDataSlice;

// Each slice reads the others through DeskPorts only: the combined state must provide every port.
const portsProvided: StoreState extends DeskPorts ? true : false = true;
void portsProvided;

/** Any slice, as the loops below see it. */
interface SliceParts {
  create: (context: SliceContext) => (set: never, get: never, store: never) => object;
  clear: (reason: ClearReason, state: never) => object;
}

/** Builds the store's state over a bridge to the preload (the real one, or a fake in unit tests). */
export function deskStore(bridge: () => GuichetApi): StateCreator<StoreState> {
  return (set, get, store) => {
    const guards: LatestRequest[] = [];
    const context: SliceContext = {
      api: resultApi(bridge),
      latestRequest() {
        const guard = latestRequest();
        guards.push(guard);
        return guard;
      },
    };
    const slices: readonly SliceParts[] = FEATURE_SLICES;
    const build = (slice: SliceParts) => slice.create(context)(set as never, get as never, store as never);
    return {
      ...(Object.assign({}, ...slices.map(build)) as StatesOf<typeof FEATURE_SLICES>),
      clearPersonalData(reason) {
        // Answers still on their way belong to the person who has gone.
        if (reason !== 'account-change') for (const guard of guards) guard.invalidate();
        const state = get();
        set(Object.assign({}, ...slices.map((slice) => slice.clear(reason, state as never))) as Partial<StoreState>);
      },
    };
  };
}

// The one place the preload's bridge is read: every call goes through a slice of this store.
// eslint-disable-next-line no-restricted-properties
export const useStore = create<StoreState>()(deskStore(() => window.guichet));
