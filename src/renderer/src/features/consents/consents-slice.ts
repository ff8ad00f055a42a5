/** The consents slice: the open account's SMS, photo and directory-visibility choices, read and saved. */
import type { ConsentsView } from '../../../../shared/contract/consents';
import { DESK_NOTE_ACTIONS } from '../../../../shared/desk-note';
import type { AppError } from '../../../../shared/result';
import { clearedWithAccount, type FeatureSlice } from '../../slice-kit/feature-slice';
import { accountCalls } from '../../slice-kit/open-account-call';

export interface ConsentsInput {
  smsAlerts: boolean;
  mobile?: string;
  photoUse: boolean;
  hiddenFromDirectory: boolean;
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

export const consentsSlice: FeatureSlice<ConsentsSlice, keyof typeof emptyConsents> = {
  empty: emptyConsents,
  kept: {},
  clear: clearedWithAccount(emptyConsents),
  create:
    ({ api }) =>
    (set, get) => {
      const calls = accountCalls(get);
      return {
        ...emptyConsents,
        async loadConsents() {
          const answer = await calls.forOpenAccount((dn) => api.getConsents({ dn }));
          if (!answer) return;
          if (answer.result.ok) set({ consents: answer.result.value, consentsError: null });
          else set({ consentsError: answer.result.error });
        },
        async saveConsents(input) {
          const note = get().noteFor(DESK_NOTE_ACTIONS['consent-change']);
          if (!note) return false;
          const answer = await calls.forOpenAccount((dn) => api.updateConsents({ dn, ...input, ...note }), {
            started: () => set({ consentsBusy: true, consentsError: null, consentsSaved: false }),
            answered: () => set({ consentsBusy: false }),
          });
          if (!answer) return false;
          if (!answer.result.ok) {
            set({ consentsError: answer.result.error });
            return false;
          }
          set({ consents: answer.result.value, consentsSaved: true });
          get().clearDeskNote();
          void get().refreshAccount();
          return true;
        },
      };
    },
};
