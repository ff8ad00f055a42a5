/** The account slice: the open card, opened from a search result, refreshed after each action, reopened after a lock. */
import type { AccountCard } from '../../../../shared/account';
import type { WorklistId } from '../../../../shared/contract/worklists';
import type { AppError } from '../../../../shared/result';
import type { FeatureSlice } from '../../slice-kit/feature-slice';
import { accountCalls } from '../../slice-kit/open-account-call';

export interface AccountSlice {
  card: AccountCard | null;
  loadingAccount: boolean;
  accountError: AppError | null;
  /** The DN to reopen after an idle lock is lifted (the card itself is cleared). */
  resumeDn: string | null;
  /** `fromWorklist`: the list the card is opened from (its opening on record says so). */
  openAccount: (dn: string, fromWorklist?: WorklistId) => Promise<void>;
  closeAccount: () => void;
  /** Re-reads the open card after an action (state, lock, password dates). */
  refreshAccount: () => Promise<void>;
  /** After the lock is lifted: reopens the card that was open. */
  resumeAccount: () => void;
}

export const emptyAccount = { card: null, loadingAccount: false, accountError: null, resumeDn: null } satisfies Partial<AccountSlice>;

export const accountSlice: FeatureSlice<AccountSlice, keyof typeof emptyAccount> = {
  empty: emptyAccount,
  kept: {},
  clear(reason, state) {
    // Opening another account sets these itself; the lock keeps only the DN, to reopen the card.
    if (reason === 'account-change') return {};
    return { ...emptyAccount, resumeDn: reason === 'lock' ? (state.card?.dn ?? state.resumeDn) : null };
  },
  create:
    ({ api, latestRequest }) =>
    (set, get) => {
      const opens = latestRequest();
      const calls = accountCalls(get);
      return {
        ...emptyAccount,
        async openAccount(dn, fromWorklist) {
          const stillLatest = opens.next();
          get().clearPersonalData('account-change');
          set({ loadingAccount: true, accountError: null, card: null, resumeDn: null });
          get().navigate('account');
          const result = await api.openAccount(fromWorklist ? { dn, fromWorklist } : { dn });
          if (!stillLatest()) return;
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
          const stillLatest = opens.current();
          const answer = await calls.forAccount(dn, () => api.openAccount({ dn, refresh: true }));
          if (stillLatest() && answer?.result.ok) set({ card: answer.result.value });
          void get().loadVerification(dn);
          void get().loadConsents();
        },
        closeAccount() {
          opens.invalidate();
          set({ card: null, accountError: null, loadingAccount: false });
        },
        resumeAccount() {
          const dn = get().resumeDn;
          if (dn) void get().openAccount(dn);
        },
      };
    },
};
