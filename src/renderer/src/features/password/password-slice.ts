/** The password slice: the desk actions on the open account (temporary or chosen password, the person's own change, unlock, login reminder) and their results. */
import type { ChosenPasswordResult, GeneratedPassword, RevealedLogin, SelfChangeResult, UnlockResult } from '../../../../shared/contract/password';
import { DESK_NOTE_ACTIONS, type DeskNote } from '../../../../shared/desk-note';
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
  resetGenerated: () => Promise<void>;
  resetChosen: (password: string) => Promise<boolean>;
  /** The person's own change: both passwords go straight to main, never into the store. */
  changeOwnPassword: (currentPassword: string, newPassword: string, code?: string) => Promise<boolean>;
  unlock: () => Promise<void>;
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
      /** With the agent's note (checked first: nothing is sent when the configuration requires what it lacks). */
      async function actionCall<T>(action: ActionDone['action'], run: (dn: string, note: DeskNote) => Promise<Result<T>>, apply: (value: T) => void): Promise<boolean> {
        const note = get().noteFor(DESK_NOTE_ACTIONS[action]);
        if (!note) return false;
        const answer = await calls.forOpenAccount((dn) => run(dn, note), {
          started: () => set({ actionBusy: true, actionError: null }),
          answered: () => set({ actionBusy: false }),
        });
        if (!answer) return false;
        if (!answer.result.ok) {
          set({ actionError: answer.result.error });
          return false;
        }
        apply(answer.result.value);
        get().clearDeskNote();
        const value = answer.result.value as { at?: unknown };
        const at = typeof value.at === 'string' ? value.at : new Date().toISOString();
        set({ actionsDone: [...get().actionsDone, { action, at }] });
        void get().refreshAccount();
        return true;
      }

      return {
        ...emptyPassword,
        async resetGenerated() {
          await actionCall('reset-generated', (dn, note) => api.resetPasswordGenerated({ dn, ...note }), (value) => set({ generated: value }));
        },
        async resetChosen(password) {
          return actionCall('reset-chosen', (dn, note) => api.resetPasswordChosen({ dn, password, ...note }), (value) => set({ chosenDone: value }));
        },
        async changeOwnPassword(currentPassword, newPassword, code) {
          const dn = get().card?.dn;
          const done = await actionCall(
            'self-change',
            (target, note) => api.changeOwnPassword({ dn: target, currentPassword, newPassword, ...note, ...(code ? { code } : {}) }),
            (value) => set({ selfChanged: value }),
          );
          // A wrong current password counts for the person's sign-in and lockout: the card and the panel say so at once.
          if (!done && dn && get().card?.dn === dn) {
            void get().refreshAccount();
            void get().loadVerification(dn);
          }
          return done;
        },
        async unlock() {
          await actionCall('unlock', (dn, note) => api.unlockAccount({ dn, ...note }), (value) => set({ unlocked: value }));
        },
        async revealLogin() {
          await actionCall('reveal-login', (dn, note) => api.revealLogin({ dn, ...note }), (value) => set({ revealed: value }));
        },
        dismissActionResult() {
          set({ generated: null, chosenDone: null, selfChanged: null, unlocked: null, revealed: null, actionError: null });
        },
      };
    },
};
