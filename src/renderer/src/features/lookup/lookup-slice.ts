/**
 * The lookup slice: the search box and its key, the results of exactly what is typed (never
 * of an earlier input), searched as the agent types with at most one search on its way, and
 * the selection moved with the arrow keys.
 */
import type { AccountSummary, ResolvedSearchKey, SearchKey } from '../../../../shared/account';
import type { AppError } from '../../../../shared/result';
import { cleanQuery } from '../../../../shared/search-query';
import { clearedOnLeaving, type FeatureSlice } from '../../slice-kit/feature-slice';
import { isSearchable, READING_MS } from './search-pacing';

export interface LookupSlice {
  query: string;
  searchKey: SearchKey;
  /** The input (key and query, cleaned) that the results, the key and the count answer; null: none yet. */
  answered: string | null;
  resolvedKey: ResolvedSearchKey | null;
  /** What the directory was asked (a number typed in groups, without its separators). */
  searched: string | null;
  results: AccountSummary[];
  truncated: boolean;
  sizeLimit: number;
  /** A search of what is typed is on its way, or follows the one on its way. */
  searching: boolean;
  lookupError: AppError | null;
  selectedIndex: number;
  /** Enter was pressed before the answer to what is typed: that answer opens its person, if it is only one. */
  openOnAnswer: boolean;
  setQuery: (query: string) => void;
  setSearchKey: (key: SearchKey) => void;
  /** Searches what is typed now, without waiting. */
  search: () => Promise<void>;
  /** Enter: opens the selected result of what is typed, or the answer about to come. */
  submit: () => void;
  /** "Retour à la recherche": an empty box for the next person, the card and everything about it gone. */
  startNextSearch: () => void;
  select: (index: number) => void;
  /** Relative move from the current selection (arrow keys), read from the store, not a stale render. */
  moveSelection: (delta: number) => void;
}

/** What the results answer: the key asked and the query as main will clean it. */
export const inputOf = (query: string, key: SearchKey): string => `${key}\n${cleanQuery(query)}`;

/** Results, key line and error: they describe one input and go as soon as the input changes. */
const noAnswer = {
  answered: null,
  resolvedKey: null,
  searched: null,
  results: [],
  truncated: false,
  lookupError: null,
  selectedIndex: 0,
  openOnAnswer: false,
} satisfies Partial<LookupSlice>;

export const emptyLookup = { ...noAnswer, query: '', searching: false } satisfies Partial<LookupSlice>;

export const lookupSlice: FeatureSlice<LookupSlice, keyof typeof emptyLookup> = {
  empty: emptyLookup,
  kept: { searchKey: 'the agent’s choice of key', sizeLimit: 'the directory’s limit' },
  // The results stay while a card is open, for the way back through the header.
  clear: clearedOnLeaving(emptyLookup),
  create:
    ({ api, latestRequest }) =>
    (set, get) => {
      const searches = latestRequest();
      /** A search is on its way: the next one waits for its answer (one at a time, never a flood). */
      let inFlight = false;
      let sendAfterAnswer = false;
      /** When the results on screen came, and whether the agent has moved the selection since. */
      let answeredAt = 0;
      let selectionMoved = false;

      async function send(): Promise<void> {
        const { query, searchKey } = get();
        if (!isSearchable(query)) return;
        if (inFlight) {
          sendAfterAnswer = true;
          return;
        }
        const input = inputOf(query, searchKey);
        const stillLatest = searches.next();
        inFlight = true;
        const result = await api.searchDirectory({ query: query.trim(), key: searchKey });
        inFlight = false;
        const again = sendAfterAnswer;
        sendAfterAnswer = false;
        // The answer to an earlier input is dropped: what is on screen always answers what is typed.
        if (stillLatest() && inputOf(get().query, get().searchKey) === input) answer(input, result);
        const now = get();
        if (again && now.answered !== inputOf(now.query, now.searchKey)) void send();
      }

      function answer(input: string, result: Awaited<ReturnType<typeof api.searchDirectory>>): void {
        if (!result.ok) {
          set({ ...noAnswer, answered: input, lookupError: result.error, searching: false });
          get().noteDirectoryError(result.error.code);
          return;
        }
        const { results, truncated, sizeLimit, key, searched } = result.value;
        // Only while the agent is still on the lookup: an answer never drags them back from another screen.
        const openNow = get().openOnAnswer && results.length === 1 && get().screen === 'lookup';
        set({ ...noAnswer, answered: input, results, truncated, sizeLimit, resolvedKey: key, searched, searching: false });
        answeredAt = performance.now();
        selectionMoved = false;
        if (openNow) void get().openAccount(results[0]!.dn);
      }

      /** After the box or the key changed: the previous answer goes, the new search starts (or follows the one on its way). */
      function inputChanged(): void {
        const { query, searchKey, answered } = get();
        const changed = inputOf(query, searchKey) !== answered;
        if (!isSearchable(query)) {
          set({ ...noAnswer, searching: false });
          return;
        }
        if (!changed) return;
        set({ ...noAnswer, searching: true });
        void send();
      }

      return {
        ...emptyLookup,
        searchKey: 'auto',
        sizeLimit: 0,
        setQuery(query) {
          // An emptied box starts over: the next input is recognised again.
          set(cleanQuery(query) === '' ? { query, searchKey: 'auto' } : { query });
          inputChanged();
        },
        setSearchKey(searchKey) {
          set({ searchKey });
          inputChanged();
        },
        search() {
          return send();
        },
        submit() {
          const { query, searchKey, answered, searching, results, selectedIndex } = get();
          if (!isSearchable(query)) return;
          if (answered === inputOf(query, searchKey) && !searching) {
            // Several people that came an instant before Enter were not seen yet: Enter ends the typing, the agent chooses next.
            if (results.length > 1 && !selectionMoved && performance.now() - answeredAt < READING_MS) return;
            const chosen = results[selectedIndex];
            if (chosen) void get().openAccount(chosen.dn);
            return;
          }
          set({ openOnAnswer: true });
          if (!inFlight && answered !== inputOf(query, searchKey)) void send();
        },
        startNextSearch() {
          searches.invalidate();
          sendAfterAnswer = false;
          get().clearPersonalData('account-change');
          get().closeAccount();
          set({ ...emptyLookup, searchKey: 'auto' });
          get().navigate('lookup');
        },
        select(index) {
          const count = get().results.length;
          if (count === 0) return;
          selectionMoved = true;
          set({ selectedIndex: Math.max(0, Math.min(count - 1, index)) });
        },
        moveSelection(delta) {
          get().select(get().selectedIndex + delta);
        },
      };
    },
};
