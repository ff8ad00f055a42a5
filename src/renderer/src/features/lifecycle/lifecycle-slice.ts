/** The lifecycle slice: suspend, reactivate, extend the open account's validity, with the agent's reason and note; the card is read again after. */
import type { LifecycleDone } from '../../../../shared/contract/lifecycle';
import { LIFECYCLE_AUDIT_ACTION, type LifecycleAction } from '../../../../shared/lifecycle-actions';
import type { AppError } from '../../../../shared/result';
import { clearedWithAccount, type FeatureSlice } from '../../slice-kit/feature-slice';
import { accountCalls } from '../../slice-kit/open-account-call';

export interface LifecycleForm {
  reason: string;
  reasonText: string;
  personPresent: boolean;
  /** ISO date, extend only. */
  newEnd: string;
}

export interface LifecycleSlice {
  lifecycleBusy: boolean;
  lifecycleError: AppError | null;
  lifecycleDone: LifecycleDone | null;
  /** Resolves true once done; false when refused (the error is kept) or the note is incomplete. */
  runLifecycle: (action: LifecycleAction, form: LifecycleForm) => Promise<boolean>;
  dismissLifecycle: () => void;
}

export const emptyLifecycle = { lifecycleBusy: false, lifecycleError: null, lifecycleDone: null } satisfies Partial<LifecycleSlice>;

export const lifecycleSlice: FeatureSlice<LifecycleSlice, keyof typeof emptyLifecycle> = {
  empty: emptyLifecycle,
  kept: {},
  clear: clearedWithAccount(emptyLifecycle),
  create:
    ({ api }) =>
    (set, get) => {
      const calls = accountCalls(get);
      return {
        ...emptyLifecycle,
        async runLifecycle(action, form) {
          const note = get().noteFor([LIFECYCLE_AUDIT_ACTION[action]]);
          if (!note) return false;
          const base = { reason: form.reason, personPresent: form.personPresent, ...(form.reasonText.trim() ? { reasonText: form.reasonText.trim() } : {}), ...note };
          const answer = await calls.forOpenAccount(
            (dn) =>
              action === 'suspend'
                ? api.suspendAccount({ dn, ...base })
                : action === 'reactivate'
                  ? api.reactivateAccount({ dn, ...base })
                  : api.extendValidity({ dn, ...base, newEnd: form.newEnd }),
            { started: () => set({ lifecycleBusy: true, lifecycleError: null, lifecycleDone: null }), answered: () => set({ lifecycleBusy: false }) },
          );
          if (!answer) return false;
          if (!answer.result.ok) {
            set({ lifecycleError: answer.result.error });
            return false;
          }
          set({ lifecycleDone: answer.result.value });
          get().clearDeskNote();
          void get().refreshAccount();
          return true;
        },
        dismissLifecycle() {
          set({ lifecycleDone: null, lifecycleError: null });
        },
      };
    },
};
