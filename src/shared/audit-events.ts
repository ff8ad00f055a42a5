/**
 * The audit trail's typed events: a closed union, one detail schema per action.
 *
 * Secrets have no place here by construction: no detail schema has a field that could
 * hold a password, a one-time code, a secret answer or a date of birth, every object is
 * strict (unknown keys are refused), and personal contact values must arrive masked
 * (`maskEmail`, `maskPhone`). The store adds a key scrubber on top, in case a schema is
 * ever loosened.
 */
import { z } from 'zod';
import { MAIL_FIELDS, MAILBOX_PROBLEMS } from './mail-address';
import { GuichetError } from './result';

export const AUDIT_ACTIONS = [
  'sign-in',
  'sign-in-refused',
  'sign-out',
  'idle-lock',
  'session-resumed',
  'account-viewed',
  'verification-attempt',
  'password-reset',
  'password-change',
  'account-unlock',
  'login-revealed',
  'activation',
  'activation-step',
  'consent-change',
  'second-factor-enrol',
  'second-factor-remove',
  'notification-sent',
  'notification-failed',
  'audit-viewed',
  'audit-exported',
  'retention-purge',
  'audit-key-unavailable',
  'integrity-alarm',
  'account-suspend',
  'account-reactivate',
  'validity-extend',
  'worklist-viewed',
  'worklist-exported',
  'audit-anchor-alarm',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What happened. `pending` exists only in storage: an intent whose outcome was never written. */
export const AUDIT_OUTCOMES = ['success', 'failure', 'denied', 'unknown'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
export type StoredOutcome = AuditOutcome | 'pending';

/** How the person at the desk proved who they are. Names of methods only, never what was typed. */
export const VERIFICATION_METHODS = [
  'identity-document',
  'student-card',
  'staff-card',
  'personal-mail-code',
  'sms-code',
  'security-question',
  'date-of-birth',
  /** A code printed on a document the person holds (an enrolment certificate), compared by the directory. */
  'document-code',
  'known-by-agent',
  'supervisor-approval',
  /** The person signed in on the privacy screen: with the password alone (no authenticator), or password + current code. */
  'person-sign-in',
  'person-sign-in-with-code',
] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

// ---------------------------------------------------------------------------------------
// Masking helpers (shared: the renderer shows the same masked values)

/** `jean.dupont@etu.univ.fr` -> `j***@e***.fr`. Anything that is not an address -> `***`. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return '***';
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const tld = dot > 0 && /^\.[A-Za-z0-9-]{1,24}$/.test(domain.slice(dot)) ? domain.slice(dot) : '';
  return `${[...local][0]}***@${[...domain][0]}***${tld}`;
}

/** `+33 6 12 34 56 78` -> `+33*******78`, `06 12 34 56 78` -> `06******78`. */
export function maskPhone(value: string): string {
  const plus = value.trim().startsWith('+');
  const digits = value.replace(/\D/g, '');
  if (digits.length < 6) return '***';
  const keepHead = plus ? Math.min(2, digits.length - 4) : 2;
  return `${plus ? '+' : ''}${digits.slice(0, keepHead)}${'*'.repeat(digits.length - keepHead - 2)}${digits.slice(-2)}`;
}

const MASKED_EMAIL = /^[^\s@]\*{3}@[^\s@]\*{3}(\.[A-Za-z0-9-]{1,24})?$|^\*{3}$/u;
const MASKED_PHONE = /^\+?[0-9]{0,2}\*{2,}[0-9]{2}$|^\*{3}$/;
export const isMaskedEmail = (value: string): boolean => MASKED_EMAIL.test(value);
export const isMaskedPhone = (value: string): boolean => MASKED_PHONE.test(value);

// ---------------------------------------------------------------------------------------
// Building blocks

// eslint-disable-next-line no-control-regex
export const NO_CONTROL = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;
/**
 * A lone UTF-16 surrogate cannot be stored as UTF-8: SQLite would keep a replacement
 * character and the event would no longer match its hash. Refused at the door.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const wellFormed = (value: string) => !LONE_SURROGATE.test(value);
const text = (max: number) => z.string().max(max).regex(NO_CONTROL).refine(wellFormed, { message: 'malformed text' });
// eslint-disable-next-line no-control-regex
export const AGENT_LOGIN_CHARS = /^[^\s\u0000-\u001f\u007f]+$/;
// eslint-disable-next-line no-control-regex
export const TARGET_LOGIN_CHARS = /^[^\u0000-\u001f\u007f-\u009f]+$/;
export const loginSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(AGENT_LOGIN_CHARS)
  .refine(wellFormed, { message: 'malformed text' });
/**
 * A target's login as the directory holds it. The directory, not the console, decides what a
 * uid may contain: slapd accepts spaces, markup, U+202E and zero-width characters in one,
 * and a card is shown only once its view is on record, so such a login must be recordable
 * (the agent login schema above, without whitespace, refused it and blocked the card).
 * Still no C0/C1 control (NUL, line breaks included) and well-formed.
 */
export const targetLoginSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(TARGET_LOGIN_CHARS)
  .refine(wellFormed, { message: 'malformed text' });
export const dnSchema = z.string().min(1).max(512).regex(NO_CONTROL).refine(wellFormed, { message: 'malformed text' });
export const isoInstantSchema = z.iso.datetime({ precision: 3 });
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const seqNumber = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** The generic shape of a ticket reference (the institution's format is checked before: shared/desk-note.ts). */
export const TICKET_SHAPE = /^[A-Za-z0-9][A-Za-z0-9._/#:-]{1,63}$/;
/** The ticket an agent's action is filed under: in the details of the desk actions, so the chain, exports and free text carry it. */
const ticketDetail = { ticket: z.string().max(64).regex(TICKET_SHAPE).optional() };

export const maskedEmailSchema = z
  .string()
  .max(256)
  .refine((v) => wellFormed(v) && isMaskedEmail(v), { message: 'masked e-mail expected' });
export const maskedPhoneSchema = z.string().max(32).refine(isMaskedPhone, { message: 'masked phone expected' });

export const agentRefSchema = z.strictObject({ login: loginSchema, displayName: text(256) });
export const targetRefSchema = z.strictObject({ login: targetLoginSchema, dn: dnSchema.nullable() });

/**
 * Whether the trail can record this account as a target. A login or DN with control
 * characters (slapd accepts a BEL or a line feed in a uid) cannot be: the desk then says
 * so plainly instead of failing on the first audit write.
 */
export function assertRecordableTarget(target: { login: string; dn: string | null }): void {
  if (!targetRefSchema.safeParse(target).success)
    throw new GuichetError('UNSUPPORTED_ENTRY', 'the account login or DN holds characters the audit trail cannot record');
}
export type AgentRef = z.output<typeof agentRefSchema>;
export type TargetRef = z.output<typeof targetRefSchema>;

const change = <T extends z.ZodType>(value: T) => z.strictObject({ before: value.nullable(), after: value.nullable() });

/**
 * Before/after of the directory fields an action changed. A closed list: each field says
 * what kind of value it holds, contact values only in masked form, and none of them can
 * carry a password, code, answer or date of birth.
 */
export const fieldChangesSchema = z.strictObject({
  personalMail: change(maskedEmailSchema).optional(),
  mail: change(maskedEmailSchema).optional(),
  mobile: change(maskedPhoneSchema).optional(),
  accountState: change(text(64)).optional(),
  accountStateDate: change(text(32)).optional(),
  consents: change(z.array(text(128)).max(32)).optional(),
  charterVersion: change(text(64)).optional(),
  mustChangeAtNextLogin: change(z.boolean()).optional(),
  locked: change(z.boolean()).optional(),
  securityQuestionSet: change(z.boolean()).optional(),
  hiddenFromDirectory: change(z.boolean()).optional(),
  primaryAffiliation: change(text(64)).optional(),
  /** The person's second factor: none, or an authenticator app (TOTP). Never its secret. */
  secondFactor: change(z.enum(['none', 'totp'])).optional(),
});
export type FieldChanges = z.output<typeof fieldChangesSchema>;

/** The review screen's filter; also summarised inside audit-viewed / audit-exported events. */
export const auditFilterSchema = z.strictObject({
  from: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
  to: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
  agent: loginSchema.optional(),
  target: targetLoginSchema.optional(),
  /** Logins that start with this (what the agent typed without picking a suggestion). */
  agentPrefix: loginSchema.optional(),
  targetPrefix: targetLoginSchema.optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  /** Free text over details and comments: at least 3 characters (trigram index). */
  text: z.string().trim().min(3).max(200).regex(NO_CONTROL).optional(),
  /** The ticket an action was filed under, exactly (case-insensitive). */
  ticket: z.string().trim().max(64).regex(TICKET_SHAPE).optional(),
  /** Events up to this number only: the list as it was read, so that its count, its charts and its export agree. */
  upToSeq: seqNumber.optional(),
});
export type AuditFilter = z.output<typeof auditFilterSchema>;

/** What an event keeps of a filter: which fields were used, never the free text itself. */
const filterSummarySchema = auditFilterSchema.omit({ text: true }).extend({ hasText: z.boolean().optional() });

// ---------------------------------------------------------------------------------------
// One detail schema per action

/**
 * A lifecycle change (suspend, reactivate, extend validity): why (a code of the
 * configuration's list and the agent's words), whether the person was at the desk and
 * verified, what changed in the account's state and dates.
 */
const lifecycleDetail = z.strictObject({
  reason: text(64),
  reasonText: text(500).optional(),
  person: z.enum(['absent', 'present-unverified', 'present-verified']),
  changes: fieldChangesSchema.optional(),
  ...ticketDetail,
});
const worklistParams = { days: z.number().int().min(0).max(3_650).optional(), affiliation: text(64).optional() };

const notification = {
  channel: z.enum(['mail', 'sms']),
  recipient: z.union([maskedEmailSchema, maskedPhoneSchema]),
  purpose: z.enum(['password-reset', 'activation', 'login-reminder', 'verification', 'second-factor', 'other']),
};

export const DETAIL_SCHEMAS = {
  'sign-in': z.strictObject({ mode: z.enum(['online', 'offline']), role: z.enum(['agent', 'supervisor']) }),
  'sign-in-refused': z.strictObject({
    mode: z.enum(['online', 'offline']).optional(),
    reason: z.enum([
      'invalid-credentials',
      'account-locked',
      'not-an-agent',
      'directory-unavailable',
      'throttled',
      'offline-unavailable',
    ]),
  }),
  'sign-out': z.strictObject({ reason: z.enum(['user', 'app-quit', 'replaced', 'expired']) }),
  /** `reason` absent on events written before it was recorded (they were all called idle). */
  'idle-lock': z.strictObject({ reason: z.enum(['idle', 'manual']).optional(), idleMinutes: z.number().min(0).max(1_440) }),
  'session-resumed': z.strictObject({}),
  'account-viewed': z.strictObject({
    source: z.enum(['search', 'history', 'link', 'activation', 'reset', 'worklist', 'photo']).optional(),
    /** With source worklist: the list the card was opened from. */
    list: text(32).optional(),
  }),
  'verification-attempt': z.strictObject({
    method: z.enum(VERIFICATION_METHODS),
    matched: z.boolean(),
    attempt: z.number().int().min(1).max(100).optional(),
  }),
  'password-reset': z.strictObject({
    /** How the person got the password: generated and shown/printed/sent, or typed by the person (chosen). */
    delivery: z.enum(['shown-at-desk', 'printed', 'mail', 'sms', 'chosen-by-person']),
    mustChangeAtNextLogin: z.boolean(),
    changes: fieldChangesSchema.optional(),
    ...ticketDetail,
  }),
  /** The person changed their own password at the desk, proving it with the current one, under their own bind. */
  'password-change': z.strictObject({ proof: z.literal('current-password'), changes: fieldChangesSchema.optional(), ...ticketDetail }),
  'account-unlock': z.strictObject({ changes: fieldChangesSchema.optional(), ...ticketDetail }),
  'login-revealed': z.strictObject({ channel: z.enum(['screen', 'mail', 'sms']), ...ticketDetail }),
  activation: z.strictObject({
    charterVersion: text(64).optional(),
    changes: fieldChangesSchema.optional(),
    /** An activation given up (recorded alone, no intent): its personal address never confirmed, or abandoned after. */
    reason: z.enum(['mail-unconfirmed', 'abandoned']).optional(),
    ...ticketDetail,
  }),
  'activation-step': z.strictObject({
    step: z.enum([
      'identity-verified',
      'charter-accepted',
      'personal-mail-set',
      /** The person read the code mailed to the address they gave (recorded alone, success or failure). */
      'personal-mail-confirmed',
      'mobile-set',
      'security-question-set',
      'password-set',
      'account-enabled',
    ]),
    changes: fieldChangesSchema.optional(),
    ...ticketDetail,
  }),
  'consent-change': z.strictObject({ changes: fieldChangesSchema, ...ticketDetail }),
  /**
   * A new authenticator written after the person typed its first code. `replaced`: another
   * one was there, so a failure outcome means the old one still stands, a success the new one.
   */
  'second-factor-enrol': z.strictObject({
    replaced: z.boolean(),
    kind: z.literal('totp'),
    digits: z.union([z.literal(6), z.literal(8)]),
    periodSeconds: z.union([z.literal(30), z.literal(60)]),
    algorithm: z.enum(['SHA1', 'SHA256', 'SHA512']),
    changes: fieldChangesSchema.optional(),
    ...ticketDetail,
  }),
  /** The authenticator removed (lost or changed device): a failure outcome means it still stands. */
  'second-factor-remove': z.strictObject({ reason: z.enum(['lost-device', 'other']), changes: fieldChangesSchema.optional(), ...ticketDetail }),
  'notification-sent': z.strictObject(notification),
  'notification-failed': z.union([
    z.strictObject({
      ...notification,
      reason: z.enum(['refused', 'unavailable', 'invalid-recipient', 'timeout', 'other']),
    }),
    // Refused before sending: the directory's value is no single mailbox. No recipient is
    // recorded (there is none to name), only which address and what is wrong with it.
    z.strictObject({
      channel: z.literal('mail'),
      purpose: notification.purpose,
      reason: z.literal('unusable-address'),
      address: z.enum(MAIL_FIELDS),
      problem: z.enum(MAILBOX_PROBLEMS),
    }),
  ]),
  'audit-viewed': z.strictObject({
    view: z.enum(['review', 'account-history', 'central-review']),
    filter: filterSummarySchema.optional(),
  }),
  'audit-exported': z.strictObject({
    via: z.enum(['console', 'cli']),
    format: z.enum(['csv', 'jsonl']),
    fileName: text(255),
    count: count.optional(),
    fromSeq: seqNumber.nullable().optional(),
    toSeq: seqNumber.nullable().optional(),
    lastHash: hex64.nullable().optional(),
    filter: filterSummarySchema.optional(),
  }),
  'retention-purge': z.strictObject({
    retentionDays: z.number().int().min(1).max(36_500),
    cutoff: isoInstantSchema,
    count: count,
    anchorSeq: seqNumber,
    anchorHash: hex64,
  }),
  /** At start: the checkpoint key exists but cannot be opened, so checkpoints go unsigned until it can. */
  'audit-key-unavailable': z.strictObject({
    reason: z.enum(['keystore-unavailable', 'unseal-failed']),
    keystore: text(64),
    backend: text(64).nullable(),
  }),
  /** Written by the desk itself when it opens a trail whose signed checkpoint no longer vouches for it. */
  'integrity-alarm': z.strictObject({
    kind: z.enum(['checkpoint-damaged', 'checkpoint-missing', 'checkpoint-forged', 'checkpoint-contradicted']),
    /** The newest event a readable, validly signed pin still vouched for (0: none). */
    vouchedSeq: count,
    /** The chain's head as found. */
    headSeq: count,
    /** The sequence number a forged or contradicted pin names. */
    pinnedSeq: count.optional(),
  }),
  'account-suspend': lifecycleDetail,
  'account-reactivate': lifecycleDetail,
  'validity-extend': lifecycleDetail,
  /** A page of a worklist read (each opening of a list is on record), with what it was asked and how many it counted. */
  'worklist-viewed': z.strictObject({ list: text(32), page: z.number().int().min(1).max(100_000), count: count.nullable(), ...worklistParams }),
  'worklist-exported': z.strictObject({ list: text(32), count, fileName: text(255), ...worklistParams }),
  /**
   * The external anchor found this desk's trail shorter than, or diverging from, what the
   * central store holds for it (or the centre marked the desk): hashes and numbers only.
   */
  'audit-anchor-alarm': z.strictObject({
    kind: z.enum(['shorter', 'diverged', 'flagged']),
    centralSeq: count,
    centralHash: hex64.nullable(),
    localSeq: count,
    localHash: hex64.nullable(),
    centralState: z.enum(['ok', 'forked', 'regressed']),
  }),
} as const satisfies Record<AuditAction, z.ZodType>;

export type DetailsOf<A extends AuditAction> = z.output<(typeof DETAIL_SCHEMAS)[A]>;

// ---------------------------------------------------------------------------------------
// Event input: what callers hand to the store (it adds seq, time, workstation and hashes)

const commonFields = {
  agent: agentRefSchema.nullable(),
  target: targetRefSchema.nullable().default(null),
  evidence: z.array(z.enum(VERIFICATION_METHODS)).max(VERIFICATION_METHODS.length).default([]),
  directoryCode: z.number().int().min(0).max(65_535).nullable().default(null),
  comment: text(1_000).nullable().default(null),
};

const eventSchemaFor = <A extends AuditAction>(action: A) =>
  z.strictObject({
    action: z.literal(action),
    outcome: z.enum(AUDIT_OUTCOMES),
    details: DETAIL_SCHEMAS[action],
    ...commonFields,
  });

const intentSchemaFor = <A extends AuditAction>(action: A) => eventSchemaFor(action).omit({ outcome: true });

type EventSchemas = { [A in AuditAction]: ReturnType<typeof eventSchemaFor<A>> };
type IntentSchemas = { [A in AuditAction]: ReturnType<typeof intentSchemaFor<A>> };

const EVENT_SCHEMAS = Object.fromEntries(AUDIT_ACTIONS.map((a) => [a, eventSchemaFor(a)])) as EventSchemas;
const INTENT_SCHEMAS = Object.fromEntries(AUDIT_ACTIONS.map((a) => [a, intentSchemaFor(a)])) as IntentSchemas;

export const auditEventInputSchema = z.discriminatedUnion(
  'action',
  Object.values(EVENT_SCHEMAS) as unknown as [EventSchemas[AuditAction], ...EventSchemas[AuditAction][]],
);
export const auditIntentInputSchema = z.discriminatedUnion(
  'action',
  Object.values(INTENT_SCHEMAS) as unknown as [IntentSchemas[AuditAction], ...IntentSchemas[AuditAction][]],
);

/** A finished event: written in one go (sign-in, views, notifications...). */
export type AuditEventInput = { [A in AuditAction]: z.input<EventSchemas[A]> }[AuditAction];
export type ParsedAuditEventInput = { [A in AuditAction]: z.output<EventSchemas[A]> }[AuditAction];
/** An operation about to touch the directory: written before the call, outcome settled after. */
export type AuditIntentInput = { [A in AuditAction]: z.input<IntentSchemas[A]> }[AuditAction];
export type ParsedAuditIntentInput = { [A in AuditAction]: z.output<IntentSchemas[A]> }[AuditAction];

// ---------------------------------------------------------------------------------------
// Read side: what queries return

interface AuditEventBase {
  seq: number;
  /** Read from the central store: the desk whose trail holds it (seq numbers are per desk). */
  desk?: string;
  /** UTC, milliseconds, `...Z`. */
  at: string;
  /** As shown: an intent that never got its outcome reads `unknown`. */
  outcome: AuditOutcome;
  /** true for an intent row whose outcome was never written (crash, lost disk...). */
  pending: boolean;
  /** For an outcome row: the intent it settles. */
  intentSeq: number | null;
  /** null for events the console itself writes (retention purge). */
  agent: AgentRef | null;
  workstation: string;
  target: TargetRef | null;
  evidence: VerificationMethod[];
  directoryCode: number | null;
  comment: string | null;
  prevHash: string;
  hash: string;
}

export type AuditEventView = { [A in AuditAction]: AuditEventBase & { action: A; details: DetailsOf<A> } }[AuditAction];

/** Labels for the review screen and the CLI (fr). */
export const ACTION_LABELS_FR: Record<AuditAction, string> = {
  'sign-in': 'Connexion',
  'sign-in-refused': 'Connexion refusée',
  'sign-out': 'Déconnexion',
  'idle-lock': 'Verrouillage de la session',
  'session-resumed': 'Reprise de session',
  'account-viewed': 'Consultation de compte',
  'verification-attempt': "Vérification d'identité",
  'password-reset': 'Réinitialisation du mot de passe',
  'password-change': 'Changement du mot de passe par la personne',
  'account-unlock': 'Déblocage du compte',
  'login-revealed': "Communication de l'identifiant",
  activation: 'Activation du compte',
  'activation-step': "Étape d'activation",
  'consent-change': 'Modification des consentements',
  'second-factor-enrol': 'Enregistrement d’un appareil de double authentification',
  'second-factor-remove': 'Retrait de l’appareil de double authentification',
  'notification-sent': 'Notification envoyée',
  'notification-failed': 'Notification en échec',
  'audit-viewed': "Consultation de l'audit",
  'audit-exported': "Export de l'audit",
  'retention-purge': 'Purge de rétention',
  'audit-key-unavailable': "Clé de signature de l'audit inutilisable",
  'integrity-alarm': "Alerte d'intégrité",
  'account-suspend': 'Suspension du compte',
  'account-reactivate': 'Réactivation du compte',
  'validity-extend': 'Prolongation de la validité',
  'worklist-viewed': "Consultation d'une liste de travail",
  'worklist-exported': "Export d'une liste de travail",
  'audit-anchor-alarm': "Alerte d'intégrité (centre d'audit)",
};

export const OUTCOME_LABELS_FR: Record<StoredOutcome, string> = {
  success: 'succès',
  failure: 'échec',
  denied: 'refusé',
  unknown: 'inconnu',
  pending: 'en attente',
};
