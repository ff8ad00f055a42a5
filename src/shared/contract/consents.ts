/** The consents channels' contract: the consents of an account and their proof, and a change. */
import { z } from 'zod';
import { channel } from './define';
import { deskNoteFields } from './desk-note';

const dn = z.string().min(1).max(1024);

export interface ConsentChange {
  seq: number;
  at: string;
  agentLogin: string | null;
  /** Field names changed, e.g. ["smsAlerts", "mobile"]; values masked. */
  fields: string[];
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  evidence: string[];
}

export interface ConsentsView {
  smsAlerts: boolean;
  /** Masked mobile; the full number never reaches the renderer. */
  mobileMasked: string | null;
  photoUse: boolean;
  hiddenFromDirectory: boolean;
  /** Who changed each consent last at this desk, and when (from the audit store). */
  lastChanged: Partial<Record<'smsAlerts' | 'mobile' | 'photoUse' | 'hiddenFromDirectory', { at: string; agentLogin: string | null }>>;
  /** Proof of when and how consent was given, newest first. */
  history: ConsentChange[];
}


export const consentsContract = {
  'consents:get': channel(z.strictObject({ dn })).returns<ConsentsView>(),
  /** One LDAP modify for all three consents. `mobile` absent: keep the registered number. */
  'consents:update': channel(
    z.strictObject({
      dn,
      smsAlerts: z.boolean(),
      mobile: z.string().trim().min(1).max(32).optional(),
      photoUse: z.boolean(),
      hiddenFromDirectory: z.boolean(),
      ...deskNoteFields,
    }),
  ).returns<ConsentsView>(),
};
