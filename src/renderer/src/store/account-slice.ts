import type { StateCreator } from 'zustand';
import type { AccountCard } from '../../../shared/account';
import type { AppError } from '../../../shared/result';
import { api, call } from '../api';
import type { StoreState } from '.';
import { emptyVerification } from './verification-slice';
import { emptyConsents } from './consents-slice';

export interface AccountSlice {
  card: AccountCard | null;
  loadingAccount: boolean;
  accountError: AppError | null;
  /** The DN to reopen after an idle lock is lifted (the card itself is cleared). */
  resumeDn: string | null;
  openAccount: (dn: string) => Promise<void>;
  closeAccount: () => void;
  /** Re-reads the open card after an action (state, lock, password dates). */
  refreshAccount: () => Promise<void>;
}

let latestOpen = 0;

export const createAccountSlice: StateCreator<StoreState, [], [], AccountSlice> = (set, get) => ({
  card: null,
  loadingAccount: false,
  accountError: null,
  resumeDn: null,
  async openAccount(dn) {
    const id = ++latestOpen;
    set({ loadingAccount: true, accountError: null, card: null, resumeDn: null, ...emptyVerification, ...emptyConsents });
    get().navigate('account');
    const result = await call(() => api().openAccount({ dn }));
    if (id !== latestOpen) return;
    if (result.ok) {
      set({ card: result.value, loadingAccount: false });
      void get().loadVerification(dn);
      void get().loadConsents();
    } else {
      set({ accountError: result.error, loadingAccount: false });
      get().noteDirectoryError(result.error.code);
    }
  },
  async refreshAccount() {
    const dn = get().card?.dn;
    if (!dn) return;
    const id = latestOpen;
    const result = await call(() => api().openAccount({ dn, refresh: true }));
    if (id === latestOpen && result.ok && get().card?.dn === dn) set({ card: result.value });
    void get().loadVerification(dn);
    void get().loadConsents();
  },
  closeAccount() {
    latestOpen += 1;
    set({ card: null, accountError: null, loadingAccount: false });
  },
});

export function invalidatePendingOpen(): void {
  latestOpen += 1;
}
