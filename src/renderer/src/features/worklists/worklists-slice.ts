/** The worklists slice: the home screen's counts (taken on demand, dated), the open list's page and the row moved with the arrow keys, its export. */
import type { WorklistCount, WorklistExport, WorklistId, WorklistPage } from '../../../../shared/contract/worklists';
import type { AppError } from '../../../../shared/result';
import { clearedOnLeaving, type FeatureSlice } from '../../slice-kit/feature-slice';

export interface WorklistsSlice {
  worklistCounts: WorklistCount[] | null;
  countsTakenAt: string | null;
  countsLoading: boolean;
  countsError: AppError | null;
  /** The list open below the counts, and the affiliation it is narrowed to. */
  openList: { list: WorklistId; affiliation: string | null } | null;
  worklistPage: WorklistPage | null;
  pageLoading: boolean;
  pageError: AppError | null;
  selectedRow: number;
  worklistExport: WorklistExport | null;
  exportError: AppError | null;
  exporting: boolean;
  refreshCounts: () => Promise<void>;
  openWorklist: (list: WorklistId, affiliation?: string | null) => Promise<void>;
  goToWorklistPage: (page: number) => Promise<void>;
  /** Relative move of the selected row (arrow keys), read from the store, not a stale render. */
  moveRow: (delta: number) => void;
  selectRow: (index: number) => void;
  exportWorklist: (options: { separator: ',' | ';'; columns: 'fr' | 'en' }) => Promise<void>;
}

export const emptyWorklists = {
  worklistCounts: null,
  countsTakenAt: null,
  countsLoading: false,
  countsError: null,
  openList: null,
  worklistPage: null,
  pageLoading: false,
  pageError: null,
  selectedRow: 0,
  worklistExport: null,
  exportError: null,
  exporting: false,
} satisfies Partial<WorklistsSlice>;

export const worklistsSlice: FeatureSlice<WorklistsSlice, keyof typeof emptyWorklists> = {
  empty: emptyWorklists,
  kept: {},
  // The list stays while a card opened from it is on screen, for the way back.
  clear: clearedOnLeaving(emptyWorklists),
  create:
    ({ api, latestRequest }) =>
    (set, get) => {
      const countRequests = latestRequest();
      const pageRequests = latestRequest();
      async function load(list: WorklistId, affiliation: string | null, page: number) {
        const stillLatest = pageRequests.next();
        set({ openList: { list, affiliation }, pageLoading: true, pageError: null, worklistExport: null, exportError: null });
        const result = await api.worklistPage({ list, page, ...(affiliation ? { affiliation } : {}) });
        if (!stillLatest()) return;
        if (result.ok) set({ worklistPage: result.value, selectedRow: 0, pageLoading: false });
        else {
          set({ worklistPage: null, pageError: result.error, pageLoading: false });
          get().noteDirectoryError(result.error.code);
        }
      }
      return {
        ...emptyWorklists,
        async refreshCounts() {
          const stillLatest = countRequests.next();
          set({ countsLoading: true, countsError: null });
          const result = await api.worklistCounts({});
          if (!stillLatest()) return;
          if (result.ok) set({ worklistCounts: result.value.counts, countsTakenAt: result.value.takenAt, countsLoading: false });
          else {
            set({ countsError: result.error, countsLoading: false });
            get().noteDirectoryError(result.error.code);
          }
        },
        openWorklist: (list, affiliation = null) => load(list, affiliation, 1),
        async goToWorklistPage(page) {
          const open = get().openList;
          if (open && page >= 1) await load(open.list, open.affiliation, page);
        },
        selectRow(index) {
          const count = get().worklistPage?.rows.length ?? 0;
          if (count > 0) set({ selectedRow: Math.max(0, Math.min(count - 1, index)) });
        },
        moveRow(delta) {
          get().selectRow(get().selectedRow + delta);
        },
        async exportWorklist(options) {
          const open = get().openList;
          if (!open) return;
          set({ exporting: true, exportError: null, worklistExport: null });
          const result = await api.exportWorklist({ list: open.list, ...(open.affiliation ? { affiliation: open.affiliation } : {}), ...options });
          if (result.ok) set({ worklistExport: result.value, exporting: false });
          else set({ exportError: result.error.code === 'CANCELLED' ? null : result.error, exporting: false });
        },
      };
    },
};
