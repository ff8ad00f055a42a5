/** The lookup slice: the search box, its key, the results and the selection moved with the arrow keys. */
import type { AccountSummary, ResolvedSearchKey, SearchKey } from '../../../../shared/account';
import type { AppError } from '../../../../shared/result';
import { clearedOnLeaving, type FeatureSlice } from '../../slice-kit/feature-slice';

export interface LookupSlice {
  query: string;
  searchKey: SearchKey;
  resolvedKey: ResolvedSearchKey | null;
  results: AccountSummary[];
  truncated: boolean;
  sizeLimit: number;
  searching: boolean;
  lookupError: AppError | null;
  selectedIndex: number;
  setQuery: (query: string) => void;
  setSearchKey: (key: SearchKey) => void;
  search: () => Promise<void>;
  select: (index: number) => void;
  /** Relative move from the current selection (arrow keys), read from the store, not a stale render. */
  moveSelection: (delta: number) => void;
}

export const emptyLookup = {
  query: '',
  resolvedKey: null,
  results: [],
  truncated: false,
  lookupError: null,
  selectedIndex: 0,
  searching: false,
} satisfies Partial<LookupSlice>;

export const lookupSlice: FeatureSlice<LookupSlice, keyof typeof emptyLookup> = {
  empty: emptyLookup,
  kept: { searchKey: 'the agent’s choice of key', sizeLimit: 'the directory’s limit' },
  // The results stay while a card is open, for the way back.
  clear: clearedOnLeaving(emptyLookup),
  create:
    ({ api, latestRequest }) =>
    (set, get) => {
      const searches = latestRequest();
      return {
        ...emptyLookup,
        searchKey: 'auto',
        sizeLimit: 0,
        setQuery(query) {
          set({ query });
        },
        setSearchKey(searchKey) {
          set({ searchKey });
        },
        async search() {
          const { query, searchKey } = get();
          const stillLatest = searches.next();
          if (query.trim().length === 0) {
            set({ results: [], truncated: false, resolvedKey: null, lookupError: null, searching: false });
            return;
          }
          set({ searching: true, lookupError: null });
          const result = await api.searchDirectory({ query: query.trim(), key: searchKey });
          if (!stillLatest()) return;
          if (result.ok) {
            set({
              results: result.value.results,
              truncated: result.value.truncated,
              sizeLimit: result.value.sizeLimit,
              resolvedKey: result.value.key,
              selectedIndex: 0,
              searching: false,
            });
          } else {
            set({ results: [], truncated: false, lookupError: result.error, searching: false });
            get().noteDirectoryError(result.error.code);
          }
        },
        select(index) {
          const count = get().results.length;
          if (count === 0) return;
          set({ selectedIndex: Math.max(0, Math.min(count - 1, index)) });
        },
        moveSelection(delta) {
          get().select(get().selectedIndex + delta);
        },
      };
    },
};
