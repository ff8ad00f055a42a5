/** The activation channels' contract: the offer, the personal address confirmed by a code, and the completion of an assisted activation. */
import { z } from 'zod';
import { channel } from './define';
import { deskNoteFields } from './desk-note';
import type { NotificationReport } from './password';
import type { Fixer } from '../account-standing';
import type { AccountBlockReason } from '../desk-actions';
import { WIZARD_STEPS, type WizardStep } from '../institution';

const dn = z.string().min(1).max(1024);
/** As typed; the mailbox check (shared/mail-address.ts) is main's, with the relay's rules. */
const personalMail = z.string().trim().min(3).max(320);

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

/** Every step main can send the wizard back to (which ones an activation has is the institution's: shared/institution.ts). */
export const ACTIVATION_STEPS = WIZARD_STEPS;
export type ActivationStep = WizardStep;

/** A code mailed to the address the person gave (the personal-mail step). */
export interface MailCodeSent {
  /** The address, masked as the card shows addresses. */
  sentTo: string;
  /** ISO time the code stops being valid. */
  validUntil: string;
  /** Codes still allowed today for this account. */
  sendsLeft: number;
}

export interface MailCodeCheck {
  /** The address is confirmed: the activation may write it. */
  confirmed: boolean;
  /** Tries left on this code (0: send a new one). */
  triesLeft: number;
}

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
   * Mails a code to the address the person typed (checked like every recipient:
   * shared/mail-address.ts); a new send replaces the code, within the day's quota.
   */
  'activation:send-mail-code': channel(z.strictObject({ dn, personalMail })).returns<MailCodeSent>(),
  /** The code the person read on their own phone: a match confirms that address for this verification. */
  'activation:check-mail-code': channel(z.strictObject({ dn, personalMail, code: z.string().trim().regex(/^[0-9 -]{4,14}$/) })).returns<MailCodeCheck>(),
  /** The agent gives up an activation: a pending code is dropped and the trail says the activation was not made. */
  'activation:abandon': channel(z.strictObject({ dn })).returns<{ recorded: boolean }>(),
  /**
   * Applies every choice at the end, in a fixed order whatever the institution's screens
   * (the entry's values in one modify, then the password, the state last); the account
   * becomes active only when everything succeeded. Each field belongs to a step kind and
   * is required exactly when the institution's activation has that kind. A refusal answers
   * with `details.step` (the wizard step to return to) and `details.reason`.
   */
  'activation:complete': channel(
    z.strictObject({
      dn,
      secretQuestion: z.string().trim().min(5).max(200).optional(),
      secretAnswer: z.string().min(2).max(200).optional(),
      smsAlerts: z.boolean().optional(),
      mobile: z.string().trim().min(1).max(32).optional(),
      photoUse: z.boolean().optional(),
      hiddenFromDirectory: z.boolean().optional(),
      personalMail: personalMail.optional(),
      password: z.string().min(1).max(256),
      charterAccepted: z.literal(true).optional(),
      ...deskNoteFields,
    }),
  ).returns<ActivationDone>(),
};
