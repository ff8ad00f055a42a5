import type { StateCreator } from 'zustand';
import type { DocumentKind, IdentifierKind, VerificationState } from '../../../shared/verification';
import type { ChosenPasswordResult, GeneratedPassword, RevealedLogin, UnlockResult } from '../../../shared/contract/password';
import type { AppError, Result } from '../../../shared/result';
import { api, call } from '../api';
import type { StoreState } from '.';

export type CheckFeedback = { method: 'identifier' | 'code' | 'answer'; matched: boolean; triesLeft?: number } | null;

export interface VerificationSlice {
  verification: VerificationState | null;
  verificationBusy: boolean;
  verificationError: AppError | null;
  lastCheck: CheckFeedback;
  /** The result of the last desk action on the open account; a generated password lives only here, until dismissed. */
  generated: GeneratedPassword | null;
  chosenDone: ChosenPasswordResult | null;
  unlocked: UnlockResult | null;
  revealed: RevealedLogin | null;
  actionBusy: boolean;
  actionError: AppError | null;
  loadVerification: (dn: string) => Promise<void>;
  verifyDocument: (documentKind: DocumentKind) => Promise<void>;
  verifyIdentifier: (identifierKind: IdentifierKind, identifier: string, dateOfBirth: string) => Promise<boolean>;
  sendCode: () => Promise<void>;
  checkCode: (code: string) => Promise<boolean>;
  checkAnswer: (answer: string) => Promise<boolean>;
  clearVerification: () => Promise<void>;
  resetGenerated: (comment?: string) => Promise<void>;
  resetChosen: (password: string, comment?: string) => Promise<boolean>;
  unlock: (comment?: string) => Promise<void>;
  revealLogin: () => Promise<void>;
  dismissActionResult: () => void;
}

export const emptyVerification = {
  verification: null,
  verificationError: null,
  lastCheck: null,
  generated: null,
  chosenDone: null,
  unlocked: null,
  revealed: null,
  actionError: null,
  actionBusy: false,
  verificationBusy: false,
} satisfies Partial<VerificationSlice>;

export const createVerificationSlice: StateCreator<StoreState, [], [], VerificationSlice> = (set, get) => {
  const dn = () => get().card?.dn ?? null;

  /** Runs a verification call for the open account; the answer is dropped if another account was opened meanwhile. */
  async function verifyCall<T>(run: (dn: string) => Promise<Result<T>>, apply: (value: T) => void): Promise<boolean> {
    const target = dn();
    if (!target) return false;
    set({ verificationBusy: true, verificationError: null });
    const result = await call(() => run(target));
    if (dn() !== target) return false;
    set({ verificationBusy: false });
    if (!result.ok) {
      set({ verificationError: result.error });
      if (result.error.code !== 'INVALID_REQUEST') void get().loadVerification(target);
      return false;
    }
    apply(result.value);
    return true;
  }

  async function actionCall<T>(run: (dn: string) => Promise<Result<T>>, apply: (value: T) => void): Promise<boolean> {
    const target = dn();
    if (!target) return false;
    set({ actionBusy: true, actionError: null });
    const result = await call(() => run(target));
    set({ actionBusy: false });
    if (dn() !== target) return false;
    if (!result.ok) {
      set({ actionError: result.error });
      return false;
    }
    apply(result.value);
    void get().refreshAccount();
    return true;
  }

  return {
    ...emptyVerification,
    async loadVerification(target) {
      const result = await call(() => api().verificationStatus({ dn: target }));
      if (dn() === target && result.ok) set({ verification: result.value });
    },
    async verifyDocument(documentKind) {
      await verifyCall((d) => api().verifyDocument({ dn: d, documentKind }), (state) => set({ verification: state, lastCheck: null }));
    },
    async verifyIdentifier(identifierKind, identifier, dateOfBirth) {
      let matched = false;
      await verifyCall(
        (d) => api().verifyIdentifier({ dn: d, identifierKind, identifier, dateOfBirth }),
        (answer) => {
          matched = answer.matched;
          set({ verification: answer.state, lastCheck: { method: 'identifier', matched: answer.matched } });
        },
      );
      return matched;
    },
    async sendCode() {
      await verifyCall((d) => api().sendVerificationCode({ dn: d }), (state) => set({ verification: state, lastCheck: null }));
    },
    async checkCode(code) {
      let matched = false;
      await verifyCall(
        (d) => api().checkVerificationCode({ dn: d, code }),
        (answer) => {
          matched = answer.matched;
          set({ verification: answer.state, lastCheck: { method: 'code', matched: answer.matched, triesLeft: answer.triesLeft } });
        },
      );
      return matched;
    },
    async checkAnswer(answer) {
      let matched = false;
      await verifyCall(
        (d) => api().checkSecretAnswer({ dn: d, answer }),
        (value) => {
          matched = value.matched;
          set({ verification: value.state, lastCheck: { method: 'answer', matched: value.matched } });
        },
      );
      return matched;
    },
    async clearVerification() {
      await verifyCall((d) => api().clearVerification({ dn: d }), (state) => set({ verification: state, lastCheck: null }));
    },
    async resetGenerated(comment) {
      await actionCall((d) => api().resetPasswordGenerated({ dn: d, comment }), (value) => set({ generated: value }));
    },
    async resetChosen(password, comment) {
      return actionCall((d) => api().resetPasswordChosen({ dn: d, password, comment }), (value) => set({ chosenDone: value }));
    },
    async unlock(comment) {
      await actionCall((d) => api().unlockAccount({ dn: d, comment }), (value) => set({ unlocked: value }));
    },
    async revealLogin() {
      await actionCall((d) => api().revealLogin({ dn: d }), (value) => set({ revealed: value }));
    },
    dismissActionResult() {
      set({ generated: null, chosenDone: null, unlocked: null, revealed: null, actionError: null });
    },
  };
};
