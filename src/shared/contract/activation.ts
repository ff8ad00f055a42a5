/** The activation channels' contract: the offer and the completion of an assisted activation. */
import { z } from 'zod';
import { channel } from './define';
import { deskNoteFields } from './desk-note';
import type { NotificationReport } from './password';
import type { Fixer } from '../account-standing';
import type { AccountBlockReason } from '../desk-actions';

const dn = z.string().min(1).max(1024);

export interface ActivationOffer {
  offered: boolean;
  /** Why not (the account's rule for 'activation'); null when offered. */
  reason: AccountBlockReason | null;
  /** Who can change the account when the desk cannot. */
  fixer: Fixer | null;
  login: string;
  /** Questions offered in the list (the person may also write their own). */
  presetQuestions: string[];
  /** The shortest answer accepted, in its normalised form (shared/secret-question.ts). */
  minAnswerLength: number;
  charter: { url: string; version: string };
  /** The mobile already registered, masked, if any. */
  mobileMasked: string | null;
}

export const ACTIVATION_STEPS = ['verification', 'question', 'sms', 'photo', 'directory', 'password', 'confirmation'] as const;
export type ActivationStep = (typeof ACTIVATION_STEPS)[number];

export interface ActivationDone {
  login: string;
  uniqueId: string | null;
  mail: string | null;
  at: string;
  notification: NotificationReport;
}

export const activationContract = {
  'activation:offer': channel(z.strictObject({ dn })).returns<ActivationOffer>(),
  /**
   * Applies every choice at the end, in a fixed order, password last; the account becomes
   * active only when everything succeeded. A refusal answers with `details.step` (the
   * wizard step to return to) and `details.reason`.
   */
  'activation:complete': channel(
    z.strictObject({
      dn,
      secretQuestion: z.string().trim().min(5).max(200),
      secretAnswer: z.string().min(2).max(200),
      smsAlerts: z.boolean(),
      mobile: z.string().trim().min(1).max(32).optional(),
      photoUse: z.boolean(),
      hiddenFromDirectory: z.boolean(),
      password: z.string().min(1).max(256),
      charterAccepted: z.literal(true),
      ...deskNoteFields,
    }),
  ).returns<ActivationDone>(),
};
