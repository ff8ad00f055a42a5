/** The lifecycle channels' contract: suspend, reactivate, extend an account's validity, and what the screen needs to offer them. */
import { z } from 'zod';
import { channel } from './define';
import { deskNoteFields } from './desk-note';
import type { NotificationReport } from './password';
import { NO_CONTROL, type FieldChanges } from '../audit-events';
import type { DeskNoteRules } from '../desk-note';
import type { LifecycleAction, LifecycleRoles } from '../lifecycle-actions';

const dn = z.string().min(1).max(1024);

/** One reason of the configuration's list, as the form offers it. */
export interface LifecycleReasonView {
  code: string;
  label: string;
  labelEn: string | null;
  /** The agent must also write a few words. */
  needsText: boolean;
}

/** What the screen needs to offer the lifecycle actions and the notes (part of app:status). */
export interface DeskRules {
  notes: DeskNoteRules;
  lifecycle: {
    roles: LifecycleRoles;
    reasons: Record<LifecycleAction, LifecycleReasonView[]>;
    maxExtensionDays: number;
    /** Actions after which the person gets a notice (when mail is configured). */
    notify: LifecycleAction[];
  };
}

export interface LifecycleDone {
  action: LifecycleAction;
  at: string;
  /** The account's state and dates, before and after. */
  changes: FieldChanges;
  /** null when the configuration sends no notice for this action. */
  notification: NotificationReport | null;
}

const common = {
  dn,
  reason: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  reasonText: z.string().trim().max(500).regex(NO_CONTROL).optional(),
  /** The person stands at the desk (the trail says whether they were verified too). */
  personPresent: z.boolean(),
  ...deskNoteFields,
};

export const lifecycleContract = {
  'lifecycle:suspend': channel(z.strictObject(common)).returns<LifecycleDone>(),
  'lifecycle:reactivate': channel(z.strictObject(common)).returns<LifecycleDone>(),
  'lifecycle:extend': channel(z.strictObject({ ...common, newEnd: z.iso.date() })).returns<LifecycleDone>(),
};
