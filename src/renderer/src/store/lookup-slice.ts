import type { StateCreator } from 'zustand';
import type { AccountSummary, ResolvedSearchKey, SearchKey } from '../../../shared/account';
import type { AppError } from '../../../shared/result';
import { api, call } from '../api';
import type { StoreState } from '.';

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

/** Each search gets a number; an answer to an older one is dropped (stale request). */
let latestSearch = 0;

export const createLookupSlice: StateCreator<StoreState, [], [], LookupSlice> = (set, get) => ({
  query: '',
  searchKey: 'auto',
  resolvedKey: null,
  results: [],
  truncated: false,
  sizeLimit: 0,
  searching: false,
  lookupError: null,
  selectedIndex: 0,
  setQuery(query) {
    set({ query });
  },
  setSearchKey(searchKey) {
    set({ searchKey });
  },
  async search() {
    const { query, searchKey } = get();
    const id = ++latestSearch;
    if (query.trim().length === 0) {
      set({ results: [], truncated: false, resolvedKey: null, lookupError: null, searching: false });
      return;
    }
    set({ searching: true, lookupError: null });
    const result = await call(() => api().searchDirectory({ query: query.trim(), key: searchKey }));
    if (id !== latestSearch) return;
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
});

export const emptyLookup = {
  query: '',
  resolvedKey: null,
  results: [],
  truncated: false,
  lookupError: null,
  selectedIndex: 0,
  searching: false,
} satisfies Partial<LookupSlice>;

export function invalidatePendingSearch(): void {
  latestSearch += 1;
}
