/** The second-factor channels' contract: enrol (or replace) an authenticator app in two steps, cancel, remove it. */
import { z } from 'zod';
import { channel } from './define';
import { deskNoteFields } from './desk-note';
import type { NotificationReport } from './password';
import type { TotpAlgorithm } from '../second-factor';

const dn = z.string().min(1).max(1024);
const enrolmentId = z.string().regex(/^[0-9a-f]{32}$/);

/**
 * What the privacy screen shows the person to scan, and nothing else gets: the QR code of
 * the otpauth:// URI and the same key in groups for typing by hand. Dropped from the
 * renderer once the step is over (confirmed, cancelled, locked, signed out).
 */
export interface EnrolmentOffer {
  enrolmentId: string;
  /** Another authenticator is there now: it stops working once this one is confirmed. */
  replacing: boolean;
  issuer: string;
  /** The login, as the app shows it under the issuer. */
  account: string;
  /** Rows of the QR code, '1' for a dark module. */
  qr: string[];
  /** The base32 key in groups of four, for an app without a camera. */
  keyGroups: string[];
  digits: 6 | 8;
  periodSeconds: 30 | 60;
  algorithm: TotpAlgorithm;
  /** The key is dropped at this time if no code has been accepted. */
  expiresAt: string;
}

export type EnrolmentAnswer =
  | { confirmed: true; replaced: boolean; at: string; notification: NotificationReport }
  /** Wrong code: `triesLeft` more, then the key is dropped (`over`) and the enrolment starts again. */
  | { confirmed: false; triesLeft: number; over: boolean };

export interface RemovalResult {
  at: string;
  /** Where the person can enrol a new device online (from the configuration), or null: the desk only. */
  enrolOnlineUrl: string | null;
  notification: NotificationReport;
}

export const secondFactorContract = {
  /** Generates the key (main only) and returns what the person scans; nothing is written yet. */
  'second-factor:start-enrolment': channel(z.strictObject({ dn })).returns<EnrolmentOffer>(),
  /** The first code from the person's app: checked by main, then the token is written and the key dropped. */
  'second-factor:confirm-enrolment': channel(z.strictObject({ dn, enrolmentId, code: z.string().trim().regex(/^[0-9]{6,8}$/), ...deskNoteFields })).returns<EnrolmentAnswer>(),
  /** Drops the key; nothing was written. */
  'second-factor:cancel-enrolment': channel(z.strictObject({ dn, enrolmentId })).returns<{ cancelled: boolean }>(),
  /** Lost or changed device: the token is removed. */
  'second-factor:remove': channel(z.strictObject({ dn, reason: z.enum(['lost-device', 'other']).default('lost-device'), ...deskNoteFields })).returns<RemovalResult>(),
};
