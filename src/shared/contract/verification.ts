/** The verification channels' contract: the identity checks and their state. */
import { z } from 'zod';
import { channel } from './define';
import { DOCUMENT_KINDS, IDENTIFIER_KINDS, type VerificationState } from '../verification';

const dn = z.string().min(1).max(1024);

export interface CheckAnswer {
  /** Only match / no match: the directory's value is never returned. */
  matched: boolean;
  /** For codes: tries left before the code is void. */
  triesLeft?: number;
  /** The person's sign-in: the directory says the account is locked (the right password is refused too). */
  accountLocked?: boolean;
  state: VerificationState;
}

export const verificationContract = {
  'verification:status': channel(z.strictObject({ dn })).returns<VerificationState>(),
  /** The agent confirms an official photo ID was checked in person; only its kind is recorded. */
  'verification:document': channel(z.strictObject({ dn, documentKind: z.enum(DOCUMENT_KINDS) })).returns<VerificationState>(),
  /** The person states an identifier and their date of birth; checked on the directory side. */
  'verification:identifier': channel(
    z.strictObject({
      dn,
      identifierKind: z.enum(IDENTIFIER_KINDS),
      identifier: z.string().trim().min(1).max(64),
      dateOfBirth: z.iso.date(),
    }),
  ).returns<CheckAnswer>(),
  /** The person reads out the code printed on a document they hold; compared by the directory, never read. */
  'verification:document-code': channel(z.strictObject({ dn, code: z.string().trim().min(1).max(64) })).returns<CheckAnswer>(),
  'verification:send-code': channel(z.strictObject({ dn })).returns<VerificationState>(),
  'verification:check-code': channel(z.strictObject({ dn, code: z.string().trim().regex(/^[0-9]{4,10}$/) })).returns<CheckAnswer>(),
  'verification:secret-answer': channel(z.strictObject({ dn, answer: z.string().min(1).max(256) })).returns<CheckAnswer>(),
  'verification:clear': channel(z.strictObject({ dn })).returns<VerificationState>(),
  /**
   * The person signs in on the privacy screen: their password, and the current code of their
   * authenticator when they have one. Main binds as them on a connection of its own; a failure
   * counts towards the person's own lockout in the directory.
   */
  'verification:person-sign-in': channel(
    z.strictObject({ dn, password: z.string().min(1).max(256), code: z.string().trim().regex(/^[0-9]{6,8}$/).optional() }),
  ).returns<CheckAnswer>(),
};
