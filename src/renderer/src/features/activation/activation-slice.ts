/** The activation slice: the open account's activation offer and the wizard's one final call (what the person types passes through, never kept). */
import { DESK_NOTE_ACTIONS } from '../../../../shared/desk-note';
import type { ActivationDone, ActivationOffer, MailCodeCheck, MailCodeSent } from '../../../../shared/contract/activation';
import type { RequestOf } from '../../../../shared/contract';
import type { AppError, Result } from '../../../../shared/result';
import { clearedWithAccount, type FeatureSlice } from '../../slice-kit/feature-slice';
import { accountCalls } from '../../slice-kit/open-account-call';

/** Everything the wizard gathered, for the open account. */
export type ActivationChoices = Omit<RequestOf<'activation:complete'>, 'dn'>;

export interface ActivationSlice {
  activationOffer: ActivationOffer | null;
  activationApplying: boolean;
  activationError: AppError | null;
  activationDone: ActivationDone | null;
  /** Asks what the open account is offered (preset questions, charter, registered mobile). */
  loadActivationOffer: () => Promise<void>;
  /** Applies every choice in one call; resolves to its answer, or null when the account is no longer open. */
  completeActivation: (choices: ActivationChoices) => Promise<Result<ActivationDone> | null>;
  /** The code last mailed to the personal address the person gave (personal-mail step). */
  activationMailCode: MailCodeSent | null;
  activationMailBusy: boolean;
  activationMailError: AppError | null;
  /** Mails a code to the address typed; a new send replaces the previous code. */
  sendActivationMailCode: (personalMail: string) => Promise<void>;
  /** The code the person read on their phone; resolves to main's answer, or null when it failed (the error in the slice). */
  checkActivationMailCode: (personalMail: string, code: string) => Promise<MailCodeCheck | null>;
  /** The agent gives the activation up: a pending address confirmation is dropped and recorded. */
  abandonActivation: () => Promise<void>;
  /** The wizard closed: nothing of it stays. */
  leaveActivation: () => void;
}

export const emptyActivation = {
  activationOffer: null,
  activationApplying: false,
  activationError: null,
  activationDone: null,
  activationMailCode: null,
  activationMailBusy: false,
  activationMailError: null,
} satisfies Partial<ActivationSlice>;

export const activationSlice: FeatureSlice<ActivationSlice, keyof typeof emptyActivation> = {
  empty: emptyActivation,
  kept: {},
  clear: clearedWithAccount(emptyActivation),
  create:
    ({ api, latestRequest }) =>
    (set, get) => {
      const calls = accountCalls(get);
      const offers = latestRequest();
      return {
        ...emptyActivation,
        async loadActivationOffer() {
          const stillLatest = offers.next();
          const answer = await calls.forOpenAccount((dn) => api.activationOffer({ dn }));
          if (!answer || !stillLatest()) return;
          if (answer.result.ok) set({ activationOffer: answer.result.value });
          else set({ activationError: answer.result.error });
        },
        async completeActivation(choices) {
          const note = get().noteFor(DESK_NOTE_ACTIONS.activation);
          if (!note) return { ok: false, error: { code: 'INVALID_REQUEST', message: 'note: incomplete', details: { step: 'confirmation', field: 'note' } } };
          const answer = await calls.forOpenAccount((dn) => api.completeActivation({ dn, ...choices, ...note }), {
            started: () => set({ activationApplying: true, activationError: null }),
            answered: () => set({ activationApplying: false }),
          });
          if (!answer) return null;
          if (answer.result.ok) {
            set({ activationDone: answer.result.value });
            get().clearDeskNote();
            void get().refreshAccount();
          } else {
            set({ activationError: answer.result.error });
          }
          return answer.result;
        },
        async sendActivationMailCode(personalMail) {
          const answer = await calls.forOpenAccount((dn) => api.sendActivationMailCode({ dn, personalMail }), {
            started: () => set({ activationMailBusy: true, activationMailError: null }),
            answered: () => set({ activationMailBusy: false }),
          });
          if (!answer) return;
          if (answer.result.ok) set({ activationMailCode: answer.result.value });
          else set({ activationMailError: answer.result.error, activationMailCode: null });
        },
        async checkActivationMailCode(personalMail, code) {
          const answer = await calls.forOpenAccount((dn) => api.checkActivationMailCode({ dn, personalMail, code }), {
            started: () => set({ activationMailBusy: true, activationMailError: null }),
            answered: () => set({ activationMailBusy: false }),
          });
          if (!answer) return null;
          if (answer.result.ok) return answer.result.value;
          set({ activationMailError: answer.result.error });
          return null;
        },
        async abandonActivation() {
          await calls.forOpenAccount((dn) => api.abandonActivation({ dn }));
        },
        leaveActivation() {
          offers.invalidate();
          set(emptyActivation);
        },
      };
    },
};
