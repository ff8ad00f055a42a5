/** The password channels' contract: the resets, the person's own change, unlock and the login reminder. */
import { z } from 'zod';
import { channel } from './define';
import { deskNoteFields } from './desk-note';
import type { MailField } from '../mail-address';

const dn = z.string().min(1).max(1024);

export interface NotificationReport {
  /** Masked addresses the notification went to. */
  sentTo: string[];
  /** The mail could not be sent: the action stands, the agent is told. */
  failed: boolean;
  /** Addresses on record that are no single mailbox: nothing was sent there (see shared/mail-address.ts). */
  unusable: MailField[];
}

export interface GeneratedPassword {
  login: string;
  /** Shown once, in large grouped characters; never stored, never shown again. */
  password: string;
  groups: string[];
  mustChangeAtNextLogin: true;
  /** Where the person changes it (from config), for the printable slip. */
  changeUrl: string;
  at: string;
  notification: NotificationReport;
}

export interface ChosenPasswordResult {
  login: string;
  at: string;
  notification: NotificationReport;
}

/** The person changed their own password, giving the current one (neither comes back). */
export interface SelfChangeResult {
  login: string;
  at: string;
  notification: NotificationReport;
}

export interface UnlockResult {
  at: string;
  /** The failures that led to the lock, shown before unlocking. */
  previousFailures: string[];
  notification: NotificationReport;
}

export interface RevealedLogin {
  login: string;
  alias: string | null;
  mail: string | null;
  notification: NotificationReport;
}

export const passwordContract = {
  'password:reset-generated': channel(z.strictObject({ dn, ...deskNoteFields })).returns<GeneratedPassword>(),
  /** The person typed it on the privacy screen; main checks the rules, then the directory its own policy. */
  'password:reset-chosen': channel(z.strictObject({ dn, password: z.string().min(1).max(256), ...deskNoteFields })).returns<ChosenPasswordResult>(),
  /**
   * The person typed the current password (and their app's code when they have one) and the new one on the privacy
   * screen; main checks the rules, then the directory checks the current one and its own policy under the person's bind.
   */
  'password:self-change': channel(
    z.strictObject({
      dn,
      currentPassword: z.string().min(1).max(256),
      newPassword: z.string().min(1).max(256),
      code: z.string().regex(/^[0-9]{6,8}$/).optional(),
      ...deskNoteFields,
    }),
  ).returns<SelfChangeResult>(),
  'account:unlock': channel(z.strictObject({ dn, ...deskNoteFields })).returns<UnlockResult>(),
  'account:reveal-login': channel(z.strictObject({ dn, ...deskNoteFields })).returns<RevealedLogin>(),
};
