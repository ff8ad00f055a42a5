/** The directory channels' contract: the search, the account card and its photo. */
import { z } from 'zod';
import { channel } from './define';
import { WORKLISTS } from './worklists';
import { SEARCH_KEYS, type AccountCard, type AccountSummary, type ResolvedSearchKey } from '../account';

export interface SearchResponse {
  /** The key the query was recognised as (or forced to). */
  key: ResolvedSearchKey;
  /** What was searched: the query cleaned, a number typed in groups without its separators. */
  searched: string;
  results: AccountSummary[];
  /** More than `sizeLimit` matched: the agent must refine. */
  truncated: boolean;
  sizeLimit: number;
}

/**
 * The directory's photo of the person, for the agent to compare with the face at the desk:
 * read only when the agent asks, shown on the card only, never exported, recorded or logged.
 */
export type DirectoryPhoto =
  | { kind: 'none' }
  /** The JPEG, base64 (the renderer shows it as a data: image). */
  | { kind: 'jpeg'; base64: string; bytes: number }
  /** There is a value, but not one the desk shows: not a JPEG, or larger than PHOTO_MAX_BYTES. */
  | { kind: 'unusable'; reason: 'not-jpeg' | 'too-large' };

/** The largest photo the desk shows (a directory photo is a few tens of kilobytes). */
export const PHOTO_MAX_BYTES = 1_000_000;

export const directoryContract = {
  'directory:search': channel(
    z.strictObject({
      query: z.string().max(256),
      key: z.enum(SEARCH_KEYS).default('auto'),
    }),
  ).returns<SearchResponse>(),
  /**
   * `refresh`: the card is read again after an action on it. The view is then recorded only
   * if this agent's last recorded view of the account is older than ten minutes (main decides).
   */
  'account:open': channel(
    z.strictObject({
      dn: z.string().min(1).max(1024),
      refresh: z.boolean().optional(),
      /** The worklist the card is opened from (its opening on record says so). */
      fromWorklist: z.enum(WORKLISTS).optional(),
    }),
  ).returns<AccountCard>(),
  /** The photo, asked for by the agent on the open card; the view of it is on record (not the photo). */
  'account:photo': channel(z.strictObject({ dn: z.string().min(1).max(1024) })).returns<DirectoryPhoto>(),
};
