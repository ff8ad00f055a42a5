/** The verification slice: the open account's identity verification and each piece of evidence the agent gathers. */
import type { DocumentKind, EvidenceKind, IdentifierKind, VerificationState } from '../../../../shared/verification';
import type { AppError, Result } from '../../../../shared/result';
import { clearedWithAccount, type FeatureSlice } from '../../slice-kit/feature-slice';
import { accountCalls } from '../../slice-kit/open-account-call';

export type CheckFeedback = {
  method: 'identifier' | 'document-code' | 'code' | 'answer' | 'sign-in';
  matched: boolean;
  triesLeft?: number;
  /** The person's sign-in: the directory has now locked the account. */
  accountLocked?: boolean;
} | null;

export interface VerificationSlice {
  verification: VerificationState | null;
  verificationBusy: boolean;
  verificationError: AppError | null;
  /** The method the error is about, shown next to it; null for the panel (clearing). */
  verificationErrorOf: EvidenceKind | null;
  lastCheck: CheckFeedback;
  loadVerification: (dn: string) => Promise<void>;
  verifyDocument: (documentKind: DocumentKind) => Promise<void>;
  verifyIdentifier: (identifierKind: IdentifierKind, identifier: string, dateOfBirth: string) => Promise<boolean>;
  verifyDocumentCode: (code: string) => Promise<boolean>;
  sendCode: () => Promise<void>;
  checkCode: (code: string) => Promise<boolean>;
  checkAnswer: (answer: string) => Promise<boolean>;
  /** The person's own sign-in on the privacy screen (password, and the app's code when they have one). */
  personSignIn: (password: string, code?: string) => Promise<boolean>;
  clearVerification: () => Promise<void>;
}

export const emptyVerification = {
  verification: null,
  verificationError: null,
  verificationErrorOf: null,
  lastCheck: null,
  verificationBusy: false,
} satisfies Partial<VerificationSlice>;

export const verificationSlice: FeatureSlice<VerificationSlice, keyof typeof emptyVerification> = {
  empty: emptyVerification,
  kept: {},
  clear: clearedWithAccount(emptyVerification),
  create:
    ({ api }) =>
    (set, get) => {
      const calls = accountCalls(get);

      /** A verification call for the open account; on a refusal the state is read again (a method may now be blocked). */
      async function verifyCall<T>(method: EvidenceKind | null, run: (dn: string) => Promise<Result<T>>, apply: (value: T) => void): Promise<boolean> {
        const answer = await calls.forOpenAccount(run, { started: () => set({ verificationBusy: true, verificationError: null, verificationErrorOf: null }) });
        if (!answer) return false;
        set({ verificationBusy: false });
        if (!answer.result.ok) {
          set({ verificationError: answer.result.error, verificationErrorOf: method });
          if (answer.result.error.code !== 'INVALID_REQUEST') void get().loadVerification(answer.dn);
          return false;
        }
        apply(answer.result.value);
        return true;
      }

      /** A check that answers whether the evidence matched. */
      async function check<T extends { matched: boolean; state: VerificationState }>(
        method: EvidenceKind,
        run: (dn: string) => Promise<Result<T>>,
        feedback: (value: T) => NonNullable<CheckFeedback>,
      ): Promise<boolean> {
        let matched = false;
        await verifyCall(method, run, (value) => {
          matched = value.matched;
          set({ verification: value.state, lastCheck: feedback(value) });
        });
        return matched;
      }

      const newState = (state: VerificationState) => set({ verification: state, lastCheck: null });

      return {
        ...emptyVerification,
        async loadVerification(target) {
          const answer = await calls.forAccount(target, (dn) => api.verificationStatus({ dn }));
          if (answer?.result.ok) set({ verification: answer.result.value });
        },
        async verifyDocument(documentKind) {
          await verifyCall('document', (dn) => api.verifyDocument({ dn, documentKind }), newState);
        },
        verifyIdentifier: (identifierKind, identifier, dateOfBirth) =>
          check(
            'identifier-birthdate',
            (dn) => api.verifyIdentifier({ dn, identifierKind, identifier, dateOfBirth }),
            (answer) => ({ method: 'identifier', matched: answer.matched }),
          ),
        verifyDocumentCode: (code) =>
          check(
            'document-code',
            (dn) => api.verifyDocumentCode({ dn, code }),
            (answer) => ({ method: 'document-code', matched: answer.matched }),
          ),
        async sendCode() {
          await verifyCall('email-code', (dn) => api.sendVerificationCode({ dn }), newState);
        },
        checkCode: (code) =>
          check(
            'email-code',
            (dn) => api.checkVerificationCode({ dn, code }),
            (answer) => ({ method: 'code', matched: answer.matched, triesLeft: answer.triesLeft }),
          ),
        checkAnswer: (answer) =>
          check(
            'secret-question',
            (dn) => api.checkSecretAnswer({ dn, answer }),
            (value) => ({ method: 'answer', matched: value.matched }),
          ),
        async personSignIn(password, code) {
          const matched = await check(
            'person-sign-in',
            (dn) => api.personSignIn({ dn, password, ...(code ? { code } : {}) }),
            (answer) => ({ method: 'sign-in', matched: answer.matched, ...(answer.accountLocked ? { accountLocked: true } : {}) }),
          );
          // The directory counted a failure (or cleared the count): the card's password status says it.
          void get().refreshAccount();
          return matched;
        },
        async clearVerification() {
          await verifyCall(null, (dn) => api.clearVerification({ dn }), newState);
        },
      };
    },
};
