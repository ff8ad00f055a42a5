/** The password slice: the desk actions on the open account (temporary or chosen password, the person's own change, unlock, login reminder) and their results. */
import type { ChosenPasswordResult, GeneratedPassword, RevealedLogin, SelfChangeResult, UnlockResult } from '../../../../shared/contract/password';
import type { AppError, Result } from '../../../../shared/result';
import { clearedWithAccount, type FeatureSlice } from '../../slice-kit/feature-slice';
import { accountCalls } from '../../slice-kit/open-account-call';

export interface ActionDone {
  action: 'reset-generated' | 'reset-chosen' | 'self-change' | 'unlock' | 'reveal-login';
  at: string;
}

export interface PasswordSlice {
  /** The result of the last desk action on the open account; a generated password lives only here, until dismissed. */
  generated: GeneratedPassword | null;
  chosenDone: ChosenPasswordResult | null;
  selfChanged: SelfChangeResult | null;
  unlocked: UnlockResult | null;
  revealed: RevealedLogin | null;
  /** What was done on the open account at this desk, kept on the card once each result is closed. */
  actionsDone: ActionDone[];
  actionBusy: boolean;
  actionError: AppError | null;
  resetGenerated: (comment?: string) => Promise<void>;
  resetChosen: (password: string, comment?: string) => Promise<boolean>;
  /** The person's own change: both passwords go straight to main, never into the store. */
  changeOwnPassword: (currentPassword: string, newPassword: string, code?: string) => Promise<boolean>;
  unlock: (comment?: string) => Promise<void>;
  revealLogin: () => Promise<void>;
  dismissActionResult: () => void;
}

export const emptyPassword = {
  generated: null,
  chosenDone: null,
  selfChanged: null,
  unlocked: null,
  revealed: null,
  actionsDone: [] as ActionDone[],
  actionError: null,
  actionBusy: false,
} satisfies Partial<PasswordSlice>;

export const passwordSlice: FeatureSlice<PasswordSlice, keyof typeof emptyPassword> = {
  empty: emptyPassword,
  kept: {},
  clear: clearedWithAccount(emptyPassword),
  create:
    ({ api }) =>
    (set, get) => {
      const calls = accountCalls(get);

      /** A desk action on the open account; once done, the card is read again (state, lock, password dates). */
      async function actionCall<T>(action: ActionDone['action'], run: (dn: string) => Promise<Result<T>>, apply: (value: T) => void): Promise<boolean> {
        const answer = await calls.forOpenAccount(run, {
          started: () => set({ actionBusy: true, actionError: null }),
          answered: () => set({ actionBusy: false }),
        });
        if (!answer) return false;
        if (!answer.result.ok) {
          set({ actionError: answer.result.error });
          return false;
        }
        apply(answer.result.value);
        const value = answer.result.value as { at?: unknown };
        const at = typeof value.at === 'string' ? value.at : new Date().toISOString();
        set({ actionsDone: [...get().actionsDone, { action, at }] });
        void get().refreshAccount();
        return true;
      }

      return {
        ...emptyPassword,
        async resetGenerated(comment) {
          await actionCall('reset-generated', (dn) => api.resetPasswordGenerated({ dn, comment }), (value) => set({ generated: value }));
        },
        async resetChosen(password, comment) {
          return actionCall('reset-chosen', (dn) => api.resetPasswordChosen({ dn, password, comment }), (value) => set({ chosenDone: value }));
        },
        async changeOwnPassword(currentPassword, newPassword, code) {
          const dn = get().card?.dn;
          const done = await actionCall(
            'self-change',
            (target) => api.changeOwnPassword({ dn: target, currentPassword, newPassword, ...(code ? { code } : {}) }),
            (value) => set({ selfChanged: value }),
          );
          // A wrong current password counts for the person's sign-in and lockout: the card and the panel say so at once.
          if (!done && dn && get().card?.dn === dn) {
            void get().refreshAccount();
            void get().loadVerification(dn);
          }
          return done;
        },
        async unlock(comment) {
          await actionCall('unlock', (dn) => api.unlockAccount({ dn, comment }), (value) => set({ unlocked: value }));
        },
        async revealLogin() {
          await actionCall('reveal-login', (dn) => api.revealLogin({ dn }), (value) => set({ revealed: value }));
        },
        dismissActionResult() {
          set({ generated: null, chosenDone: null, selfChanged: null, unlocked: null, revealed: null, actionError: null });
        },
      };
    },
};
