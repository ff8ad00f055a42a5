/** The directory channels' contract: the search and the account card. */
import { z } from 'zod';
import { channel } from './define';
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
  'account:open': channel(z.strictObject({ dn: z.string().min(1).max(1024), refresh: z.boolean().optional() })).returns<AccountCard>(),
};
