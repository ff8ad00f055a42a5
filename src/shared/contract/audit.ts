/** The audit review channels' contract: pages, one event, statistics, verification, export. */
import { z } from 'zod';
import { channel } from './define';
import { auditFilterSchema, NO_CONTROL, targetLoginSchema, type AuditAction, type AuditEventView } from '../audit-events';

/** Audit review channels. Every one needs a signed-in agent (offline sign-in is enough). */

export interface AuditPage {
  /** Newest first. */
  events: AuditEventView[];
  /** Pass as `after` for the next page; null on the last page. */
  nextAfter: number | null;
  /** The last event number the list was read up to (null: an empty trail); pass it back as `filter.upToSeq`. */
  upToSeq: number | null;
}

export interface AuditEventDetail {
  event: AuditEventView;
  /** For an outcome row: the intent it settles. */
  intent: AuditEventView | null;
  /** For an intent row: its outcome, or null (then the intent reads unknown). */
  outcome: AuditEventView | null;
}

export interface AuditStats {
  total: number;
  /** Day is the UTC date `YYYY-MM-DD`. */
  perDay: Array<{ day: string; action: AuditAction; count: number }>;
  perAgent: Array<{ login: string | null; displayName: string | null; count: number }>;
}

export type IntegrityBreak =
  | 'altered'
  | 'missing'
  | 'reordered'
  | 'truncated'
  | 'checkpoint-signature'
  /** The checkpoint is blank, torn or gone: nothing vouches for the events after `firstBadSeq - 1`. */
  | 'checkpoint-unreadable'
  /** An export's signature is missing, invalid, or made with another key than the desk's. */
  | 'signature';

/** An integrity-alarm event: what the desk found wrong with its checkpoint when it opened the trail. */
export interface IntegrityAlarm {
  seq: number;
  at: string;
  kind: 'checkpoint-damaged' | 'checkpoint-missing' | 'checkpoint-forged' | 'checkpoint-contradicted';
  /** The newest event a readable, validly signed pin still vouched for (0: none). */
  vouchedSeq: number;
  headSeq: number;
  pinnedSeq?: number;
}

export type VerifyResult =
  | {
      intact: true;
      mode: 'full' | 'incremental';
      /** Events checked by this run. */
      events: number;
      headSeq: number;
      fromSeq: number;
      /** `signed`: the head is pinned by a valid signed checkpoint. */
      checkpoint: 'signed' | 'unsigned' | 'absent';
      /**
       * Integrity alarms recorded in the range checked: the chain is whole, but when the desk
       * recorded one, events after its `vouchedSeq` were not vouched for by any checkpoint.
       */
      alarms?: IntegrityAlarm[];
    }
  | {
      intact: false;
      mode: 'full' | 'incremental';
      firstBadSeq: number;
      reason: IntegrityBreak;
      /** How many events are missing (at least, for a cut-off tail: events after the last pin cannot be counted). */
      missing?: number;
      /**
       * The break spans firstBadSeq..lastSeq: for `altered`, the first altered event is one of
       * them (the chain after it was recomputed and no signed pin falls closer); for
       * `checkpoint-unreadable`, the events nothing vouches for. Absent: firstBadSeq is exact.
       */
      lastSeq?: number;
    };

/** The integrity badge: when verify last ran and what it found. */
export interface VerificationRun {
  at: string;
  mode: 'full' | 'incremental';
  intact: boolean;
  headSeq: number;
  firstBadSeq: number | null;
  reason: IntegrityBreak | null;
  /** The latest integrity alarm on record, however long ago: the desk says so until the trail is reviewed centrally. */
  alarm?: IntegrityAlarm | null;
}

export interface ExportResult {
  path: string;
  format: 'csv' | 'jsonl';
  count: number;
  fromSeq: number | null;
  toSeq: number | null;
  /** Every sequence number between fromSeq and toSeq is in the file (its chain verifies end to end). */
  contiguous: boolean;
  bytes: number;
}

/** What the console says of an export it wrote. */
export interface ExportDone extends ExportResult {
  /** Events as the list counts them (an operation once, by its outcome); `count` is the file's rows, intents included. */
  operations: number;
  /** Whether `audit:reveal-export` can show the file in the system's file manager (the Electron shell); else the path is said. */
  revealable: boolean;
}

/** An export of the review across desks: one file per desk (each desk's chain verifies on its own), in one folder. */
export interface CentralExportDone {
  folder: string;
  format: 'csv' | 'jsonl';
  desks: Array<{ desk: string; file: string; count: number; fromSeq: number | null; toSeq: number | null }>;
  /** Rows written, every desk (intents included). */
  count: number;
  /** Events as the list counts them (an operation once, by its outcome). */
  operations: number;
}

/** A login of the trail offered while a filter is typed. */
export interface LoginSuggestion {
  login: string;
  /** An agent's name as last recorded; null for accounts (the trail keeps no name for them). */
  displayName: string | null;
}

/** A page of the review across desks (central store), newest first. */
export interface CentralAuditPage {
  events: AuditEventView[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** The list holds what the centre had received by then; pass it back so pages, count and charts agree. */
  pinnedAt: string;
  /** Every desk known to the centre, with its chain's standing (the per-desk integrity badge). */
  desks: CentralDeskStanding[];
}

export interface CentralDeskStanding {
  desk: string;
  /** ok; forked: rows arrived that do not follow its chain; regressed: its trail was found shorter than what the centre holds. */
  state: 'ok' | 'forked' | 'regressed';
  lastSeen: string;
  headSeq: number;
  forks: number;
  alarms: number;
}

/** An IANA zone name (`Europe/Paris`, `UTC`); main checks that its runtime knows it. */
const timeZoneSchema = z
  .string()
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/);

export interface ExportProgress {
  running: boolean;
  written: number;
  total: number;
  path: string | null;
}

const seq = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const page = {
  after: seq.optional(),
  limit: z.number().int().min(1).max(200).optional(),
};

/** The review's filters over the centre: the local ones but the local pin. */
const centralFilterSchema = auditFilterSchema.omit({ upToSeq: true });
const pinnedAtSchema = z.iso.datetime();
const deskSchema = z.string().min(1).max(64).regex(NO_CONTROL).refine((s) => !/[\t\n\r]/.test(s), 'no line break or tab');

export const auditContract = {
  'audit:query': channel(
    z.strictObject({
      filter: auditFilterSchema.prefault({}),
      ...page,
      /** The first page of a screen opening: that opening is recorded (one audit-viewed event), a filter change is not. */
      opening: z.boolean().optional(),
    }),
  ).returns<AuditPage>(),
  'audit:suggest': channel(
    z.strictObject({ field: z.enum(['agent', 'target']), typed: z.string().trim().min(1).max(128).regex(NO_CONTROL) }),
  ).returns<LoginSuggestion[]>(),
  'audit:event': channel(z.strictObject({ seq })).returns<AuditEventDetail>(),
  'audit:stats': channel(z.strictObject({ filter: auditFilterSchema.prefault({}) })).returns<AuditStats>(),
  'audit:verify': channel(
    z.strictObject({
      /** Re-hash the whole chain (supervisors); otherwise from the last verified point. */
      full: z.boolean().optional(),
      /** Only read when verify last ran, without running it. */
      statusOnly: z.boolean().optional(),
    }),
  ).returns<{ result: VerifyResult | null; lastRun: VerificationRun | null }>(),
  'audit:export': channel(
    z.strictObject({
      filter: auditFilterSchema.prefault({}),
      format: z.enum(['csv', 'jsonl']),
      /** `;` for French spreadsheets. */
      separator: z.enum([',', ';']).optional(),
      /** The CSV's header row: French column names (default) or English. */
      columns: z.enum(['fr', 'en']).optional(),
      /** The desk's zone, for the CSV's times (with their offset); main's own zone otherwise. */
      timeZone: timeZoneSchema.optional(),
    }),
  ).returns<ExportDone>(),
  'audit:export-progress': channel(z.strictObject({})).returns<ExportProgress>(),
  /** Shows the file the last export wrote in the system's file manager (nothing else can be opened this way). */
  'audit:reveal-export': channel(z.strictObject({})).returns<{ revealed: boolean }>(),
  /** The review across desks (supervisors, when audit.central.reader is configured). */
  'audit:central-query': channel(
    z.strictObject({
      filter: centralFilterSchema.prefault({}),
      cursor: z.string().min(1).max(400).regex(/^[A-Za-z0-9_-]+$/).optional(),
      pinnedAt: pinnedAtSchema.optional(),
      limit: page.limit,
      opening: z.boolean().optional(),
    }),
  ).returns<CentralAuditPage>(),
  'audit:central-event': channel(z.strictObject({ desk: deskSchema, seq })).returns<AuditEventDetail>(),
  'audit:central-stats': channel(z.strictObject({ filter: centralFilterSchema.prefault({}), pinnedAt: pinnedAtSchema })).returns<AuditStats>(),
  /** Logins known to the centre (every desk's agents and accounts) that match what was typed. */
  'audit:central-suggest': channel(
    z.strictObject({ field: z.enum(['agent', 'target']), typed: z.string().trim().min(1).max(128).regex(NO_CONTROL) }),
  ).returns<LoginSuggestion[]>(),
  /** Every desk's events of the list (its filter, as of its pin): one file per desk in a new folder under the exports. */
  'audit:central-export': channel(
    z.strictObject({
      filter: centralFilterSchema.prefault({}),
      pinnedAt: pinnedAtSchema,
      format: z.enum(['csv', 'jsonl']),
      separator: z.enum([',', ';']).optional(),
    }),
  ).returns<CentralExportDone>(),
  'audit:central-export-progress': channel(z.strictObject({})).returns<ExportProgress>(),
  'audit:history': channel(z.strictObject({ login: targetLoginSchema, ...page })).returns<AuditPage>(),
};
