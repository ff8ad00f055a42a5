/** The worklists channels' contract: each list's count, one page of a list, a list's export to CSV. */
import { z } from 'zod';
import { channel } from './define';
import type { AccountSummary } from '../account';
import type { ErrorCode } from '../result';

/** The lists of the home screen, in the order it shows them. */
export const WORKLISTS = [
  'locked',
  'temporary-password',
  'never-activated',
  'validity-ending',
  'expired',
  'suspended',
  'password-expiring',
] as const;
export type WorklistId = (typeof WORKLISTS)[number];

/**
 * Why a list has no count: the directory hides an attribute its filter reads from this
 * agent (`hidden`, an ACL without search access), the policy sets no password maximum age
 * (`no-max-age`), or the directory refused or failed (its closed error code).
 */
export type WorklistProblem = 'hidden' | 'no-max-age' | ErrorCode;

/** What a list is about: its N days, the start of term, the affiliation it was narrowed to. */
export interface WorklistParams {
  days: number | null;
  /** Never activated: the next start of term (YYYY-MM-DD) from the configuration. */
  termStart: string | null;
  affiliation: string | null;
}

export interface WorklistCount {
  list: WorklistId;
  /** null when `problem` says why. */
  count: number | null;
  problem: WorklistProblem | null;
  params: WorklistParams;
  /** Never activated: the count of each configured affiliation (primary affiliation). */
  byAffiliation: Array<{ affiliation: string; count: number }> | null;
}

export interface WorklistCounts {
  /** When the counts were taken (ISO). */
  takenAt: string;
  counts: WorklistCount[];
}

/** One person on a list: the account as the desk model reads it, and the date the list is about. */
export interface WorklistRow {
  account: AccountSummary;
  /** ISO date or time: locked since, password handed out, validity end, password expiry... */
  date: string | null;
  /** The directory holds a value for that date that cannot be read (shown as such). */
  dateUnreadable: boolean;
}

export interface WorklistPage {
  list: WorklistId;
  page: number;
  pageSize: number;
  /** The list's size when the page was read; null with `problem`. */
  count: number | null;
  problem: WorklistProblem | null;
  params: WorklistParams;
  rows: WorklistRow[];
  /** The directory sorted the list (sssvlv); otherwise the console did. */
  sortedBy: 'directory' | 'console';
  takenAt: string;
}

export interface WorklistExport {
  fileName: string;
  path: string;
  count: number;
}

const list = z.enum(WORKLISTS);
const affiliation = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9-]+$/).optional();

export const worklistsContract = {
  /** Counts of the given lists (all when absent), taken now. */
  'worklists:counts': channel(z.strictObject({ lists: z.array(list).min(1).max(WORKLISTS.length).optional() })).returns<WorklistCounts>(),
  /** One page of a list (each opening is on record). */
  'worklists:page': channel(z.strictObject({ list, page: z.number().int().min(1).max(10_000).default(1), affiliation })).returns<WorklistPage>(),
  /** The whole list to CSV (formula-safe), on record. */
  'worklists:export': channel(
    z.strictObject({ list, affiliation, separator: z.enum([',', ';']).default(','), columns: z.enum(['fr', 'en']).default('fr') }),
  ).returns<WorklistExport>(),
};
