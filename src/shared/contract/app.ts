/** The app channels' contract: the console's status and its language. */
import { z } from 'zod';
import { channel } from './define';
import type { Locale } from '../domain';
import type { MailboxRules } from '../mail-address';
import type { PasswordProfile } from '../password-profiles';
import type { DeskRules } from './lifecycle';
import type { DeskJourneys } from '../institution';
import type { AuditForwardingStatus } from '../audit-forwarding';

export interface DirectoryStatus {
  reachable: boolean;
  /** The URL that answered, or the first one tried. */
  url: string;
  checkedAt: string;
  /** Error code when unreachable (no server detail that could leak data). */
  problem?: 'DIRECTORY_UNAVAILABLE' | 'DIRECTORY_TIMEOUT';
}

/** What protects the audit checkpoint key, and whether this start could open it. */
export interface SigningKeyStatus {
  /** `sealed`: opened, checkpoints are signed; `unavailable`: a key exists that cannot be opened (an alarm); `absent`: none. */
  state: 'sealed' | 'unavailable' | 'absent';
  /** `os`: the OS keystore through safeStorage; `file`: the 0600 key file in the data folder. */
  keystore: 'os' | 'file' | null;
  /** `dpapi`, `keychain`, `gnome_libsecret`, `kwallet5`, `file`...; null when the key file does not say. */
  backend: string | null;
}

export interface AppStatus {
  version: string;
  institution: string;
  locale: Locale;
  config: { source: 'embedded-demo' | 'file'; path: string | null };
  directory: DirectoryStatus;
  audit: { schemaVersion: number; path: string; signingKey: SigningKeyStatus };
  /** The trail beyond this desk: central store, external anchor, SIEM (null parts: not configured). */
  forwarding: AuditForwardingStatus;
  /** Supervisors may read every desk's trail from the central store (audit.central.reader configured). */
  centralReview: boolean;
  workstation: string;
  /** The institution's password rules, for the live checklist (main enforces them). */
  passwordProfile: PasswordProfile;
  helpdeskName: string;
  /** The mail relay is configured: codes by mail and notices can be sent. */
  mailConfigured: boolean;
  /** How typed mobile numbers are read (shared/phone-number.ts), for the live check of the field. */
  phoneRegions: { region: string; alsoRegions: string[] };
  /** Whether the desk manages authenticators, and where a person enrols one online (null: at the desk only). */
  secondFactor: { enabled: boolean; enrolOnlineUrl: string | null };
  /** How addresses on record are judged (as main does before sending) and who corrects them. */
  addresses: { rules: MailboxRules; recordsOffice: string };
  /** What each action form asks of its note, and the lifecycle actions' roles, reasons and bounds (main enforces them). */
  desk: DeskRules;
  /** The institution's own journeys: its words, activation screens, identifiers, document code, self change. */
  journeys: DeskJourneys;
}

export const appContract = {
  'app:status': channel(z.strictObject({ refresh: z.boolean().optional() })).returns<AppStatus>(),
  'app:set-locale': channel(z.strictObject({ locale: z.enum(['fr', 'en']) })).returns<{ locale: Locale }>(),
};
