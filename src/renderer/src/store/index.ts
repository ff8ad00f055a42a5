import { create } from 'zustand';
import { createAppSlice, type AppSlice } from './app-slice';
import { createSessionSlice, type SessionSlice } from './session-slice';
import { createLookupSlice, emptyLookup, invalidatePendingSearch, type LookupSlice } from './lookup-slice';
import { createAccountSlice, invalidatePendingOpen, type AccountSlice } from './account-slice';
import { createVerificationSlice, emptyVerification, type VerificationSlice } from './verification-slice';
import { createConsentsSlice, emptyConsents, type ConsentsSlice } from './consents-slice';
import { createAuditSlice, emptyAudit, invalidatePendingAudit, type AuditSlice } from './audit-slice';

export interface PersonalDataSlice {
  /** Removes every piece of personal data from the renderer (sign-out, idle lock). */
  clearPersonalData: (options?: { keepAccountDn?: boolean }) => void;
}

/** One store made of slices; each feature adds its slice here. */
export type StoreState = AppSlice & SessionSlice & LookupSlice & AccountSlice & VerificationSlice & ConsentsSlice & AuditSlice & PersonalDataSlice;

export const useStore = create<StoreState>()((set, get, store) => ({
  ...createAppSlice(set, get, store),
  ...createSessionSlice(set, get, store),
  ...createLookupSlice(set, get, store),
  ...createAccountSlice(set, get, store),
  ...createVerificationSlice(set, get, store),
  ...createConsentsSlice(set, get, store),
  ...createAuditSlice(set, get, store),
  clearPersonalData(options = {}) {
    invalidatePendingSearch();
    invalidatePendingOpen();
    invalidatePendingAudit();
    const dn = options.keepAccountDn ? (get().card?.dn ?? get().resumeDn) : null;
    set({ ...emptyLookup, ...emptyAudit, ...emptyVerification, ...emptyConsents, card: null, accountError: null, loadingAccount: false, resumeDn: dn });
  },
}));
