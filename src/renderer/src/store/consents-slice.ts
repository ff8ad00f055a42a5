import type { StateCreator } from 'zustand';
import type { ConsentsView } from '../../../shared/contract/consents';
import type { AppError } from '../../../shared/result';
import { api, call } from '../api';
import type { StoreState } from '.';

export interface ConsentsInput {
  smsAlerts: boolean;
  mobile?: string;
  photoUse: boolean;
  hiddenFromDirectory: boolean;
  comment?: string;
}

export interface ConsentsSlice {
  consents: ConsentsView | null;
  consentsBusy: boolean;
  consentsError: AppError | null;
  consentsSaved: boolean;
  loadConsents: () => Promise<void>;
  saveConsents: (input: ConsentsInput) => Promise<boolean>;
}

export const emptyConsents = { consents: null, consentsBusy: false, consentsError: null, consentsSaved: false } satisfies Partial<ConsentsSlice>;

export const createConsentsSlice: StateCreator<StoreState, [], [], ConsentsSlice> = (set, get) => ({
  ...emptyConsents,
  async loadConsents() {
    const dn = get().card?.dn;
    if (!dn) return;
    const result = await call(() => api().getConsents({ dn }));
    if (get().card?.dn !== dn) return;
    if (result.ok) set({ consents: result.value, consentsError: null });
    else set({ consentsError: result.error });
  },
  async saveConsents(input) {
    const dn = get().card?.dn;
    if (!dn) return false;
    set({ consentsBusy: true, consentsError: null, consentsSaved: false });
    const result = await call(() => api().updateConsents({ dn, ...input }));
    set({ consentsBusy: false });
    if (get().card?.dn !== dn) return false;
    if (!result.ok) {
      set({ consentsError: result.error });
      return false;
    }
    set({ consents: result.value, consentsSaved: true });
    void get().refreshAccount();
    return true;
  },
});
