import { z } from 'zod';
import { channel } from './define';
import { SEARCH_KEYS, type AccountCard, type AccountSummary, type ResolvedSearchKey } from '../account';

export interface SearchResponse {
  /** The key the query was recognised as (or forced to). */
  key: ResolvedSearchKey;
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
  'account:open': channel(z.strictObject({ dn: z.string().min(1).max(1024) })).returns<AccountCard>(),
};
