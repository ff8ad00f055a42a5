/**
 * The second-factor slice: the enrolment on the privacy screen (the key, shown there only)
 * and the removal of a lost device, for the open account. The key is personal data of the
 * strictest kind: gone on confirm, cancel, a wrong code too many, any refusal, a change of
 * account, the lock and sign-out.
 */
import type { NotificationReport } from '../../../../shared/contract/password';
import type { EnrolmentOffer, RemovalResult } from '../../../../shared/contract/second-factor';
import type { AppError, Result } from '../../../../shared/result';
import { clearedWithAccount, type FeatureSlice } from '../../slice-kit/feature-slice';
import { accountCalls } from '../../slice-kit/open-account-call';
import { DESK_NOTE_ACTIONS } from '../../../../shared/desk-note';

export interface SecondFactorSlice {
  /** The enrolment waiting for the person's first code: its QR code and key. */
  enrolment: EnrolmentOffer | null;
  /** After a wrong first code: how many tries are left. */
  enrolmentTriesLeft: number | null;
  /** The key was dropped after too many wrong codes. */
  enrolmentOver: boolean;
  enrolled: { replaced: boolean; at: string; notification: NotificationReport } | null;
  removed: RemovalResult | null;
  secondFactorBusy: boolean;
  secondFactorError: AppError | null;
  startEnrolment: () => Promise<void>;
  /** True once the code was accepted and the token written. */
  confirmEnrolment: (code: string) => Promise<boolean>;
  cancelEnrolment: () => Promise<void>;
  removeSecondFactor: () => Promise<boolean>;
  dismissSecondFactorResult: () => void;
}

export const emptySecondFactor = {
  enrolment: null,
  enrolmentTriesLeft: null,
  enrolmentOver: false,
  enrolled: null,
  removed: null,
  secondFactorBusy: false,
  secondFactorError: null,
} satisfies Partial<SecondFactorSlice>;

const noResult = { enrolled: null, removed: null, enrolmentOver: false, secondFactorError: null } as const;

export const secondFactorSlice: FeatureSlice<SecondFactorSlice, keyof typeof emptySecondFactor> = {
  empty: emptySecondFactor,
  kept: {},
  clear: clearedWithAccount(emptySecondFactor),
  create:
    ({ api }) =>
    (set, get) => {
      const calls = accountCalls(get);
      const busy = { started: () => set({ secondFactorBusy: true }), answered: () => set({ secondFactorBusy: false }) };

      /** A call for the open account; a refusal is shown, an answer handed to `apply`. */
      async function call<T>(run: (dn: string) => Promise<Result<T>>, apply: (value: T) => void): Promise<boolean> {
        const answer = await calls.forOpenAccount(run, busy);
        if (!answer) return false;
        if (!answer.result.ok) {
          set({ secondFactorError: answer.result.error });
          get().noteDirectoryError(answer.result.error.code);
          return false;
        }
        apply(answer.result.value);
        return true;
      }

      /** Drops the key here and asks main to wipe its copy (nothing was written). */
      function dropKey(): void {
        const offer = get().enrolment;
        set({ enrolment: null, enrolmentTriesLeft: null });
        const dn = get().card?.dn;
        if (offer && dn) void api.cancelSecondFactorEnrolment({ dn, enrolmentId: offer.enrolmentId });
      }

      return {
        ...emptySecondFactor,
        async startEnrolment() {
          set(noResult);
          // The note is checked before the key is made: main refuses the confirmation without it.
          if (!get().noteFor(DESK_NOTE_ACTIONS['second-factor-enrol'])) return;
          await call((dn) => api.startSecondFactorEnrolment({ dn }), (offer) => set({ enrolment: offer, enrolmentTriesLeft: null }));
        },
        async confirmEnrolment(code) {
          const offer = get().enrolment;
          if (!offer) return false;
          const note = get().noteFor(DESK_NOTE_ACTIONS['second-factor-enrol']) ?? {};
          let confirmed = false;
          const answered = await call(
            (dn) => api.confirmSecondFactorEnrolment({ dn, enrolmentId: offer.enrolmentId, code, ...note }),
            (answer) => {
              if (answer.confirmed) {
                confirmed = true;
                set({ enrolment: null, enrolmentTriesLeft: null, enrolled: { replaced: answer.replaced, at: answer.at, notification: answer.notification } });
              } else if (answer.over) set({ enrolment: null, enrolmentTriesLeft: null, enrolmentOver: true });
              else set({ enrolmentTriesLeft: answer.triesLeft });
            },
          );
          // Refused (verification expired, directory refused or gone): this key is done, main has dropped it or will.
          if (!answered) dropKey();
          if (confirmed) {
            get().clearDeskNote();
            void get().refreshAccount();
          }
          return confirmed;
        },
        async cancelEnrolment() {
          dropKey();
        },
        async removeSecondFactor() {
          set(noResult);
          const note = get().noteFor(DESK_NOTE_ACTIONS['second-factor-remove']);
          if (!note) return false;
          const done = await call((dn) => api.removeSecondFactor({ dn, reason: 'lost-device', ...note }), (result) => set({ removed: result }));
          if (done) {
            get().clearDeskNote();
            void get().refreshAccount();
          }
          return done;
        },
        dismissSecondFactorResult() {
          set(noResult);
        },
      };
    },
};
