/** The audit slice: the review's filter form, the events page by page (pinned to the head first read), suggestions, one event's detail, statistics, integrity check and export. */
import type { AuditAction, AuditEventView, AuditFilter, AuditOutcome } from '../../../../shared/audit-events';
import type {
  AuditEventDetail,
  AuditStats,
  ExportDone,
  ExportProgress,
  LoginSuggestion,
  VerificationRun,
  VerifyResult,
} from '../../../../shared/contract/audit';
import type { AppError } from '../../../../shared/result';
import { clearedOnLeaving, type FeatureSlice } from '../../slice-kit/feature-slice';

/** The filter form as typed: empty strings mean "any". */
export interface AuditFilterForm {
  from: string;
  to: string;
  agent: string;
  /** The login was picked from the suggestions (exact); typed only, it is a prefix. */
  agentPicked: boolean;
  target: string;
  targetPicked: boolean;
  action: AuditAction | '';
  outcome: AuditOutcome | '';
  text: string;
}

export const emptyAuditFilter: AuditFilterForm = {
  from: '',
  to: '',
  agent: '',
  agentPicked: false,
  target: '',
  targetPicked: false,
  action: '',
  outcome: '',
  text: '',
};

export function toAuditFilter(form: AuditFilterForm, upToSeq: number | null = null): AuditFilter {
  const filter: AuditFilter = {};
  if (form.from) filter.from = form.from;
  if (form.to) filter.to = form.to;
  const agent = form.agent.trim();
  if (agent) filter[form.agentPicked ? 'agent' : 'agentPrefix'] = agent;
  const target = form.target.trim();
  if (target) filter[form.targetPicked ? 'target' : 'targetPrefix'] = target;
  if (form.action) filter.action = form.action;
  if (form.outcome) filter.outcome = form.outcome;
  if (form.text.trim().length >= 3) filter.text = form.text.trim();
  if (upToSeq !== null) filter.upToSeq = upToSeq;
  return filter;
}

export type SuggestField = 'agent' | 'target';

const PAGE_SIZE = 200;

export interface AuditSlice {
  auditForm: AuditFilterForm;
  auditEvents: AuditEventView[];
  auditNextAfter: number | null;
  /** The head the list was read up to: its pages, its count, its charts and its export stop there. */
  auditUpToSeq: number | null;
  auditLoading: boolean;
  auditError: AppError | null;
  auditDetail: AuditEventDetail | null;
  auditStats: AuditStats | null;
  auditSuggestions: { field: SuggestField | null; items: LoginSuggestion[] };
  integrity: { result: VerifyResult | null; lastRun: VerificationRun | null; running: boolean };
  exportState: { progress: ExportProgress | null; result: ExportDone | null; error: AppError | null; cancelled: boolean };
  setAuditForm: (patch: Partial<AuditFilterForm>) => void;
  /** `opening`: the screen was just opened (recorded once by main), not a filter change. */
  runAuditQuery: (options?: { opening?: boolean }) => Promise<void>;
  loadMoreAudit: () => Promise<void>;
  suggestAuditLogins: (field: SuggestField, typed: string) => Promise<void>;
  clearAuditSuggestions: () => void;
  openAuditEvent: (seq: number) => Promise<void>;
  closeAuditEvent: () => void;
  verifyAudit: (full?: boolean) => Promise<void>;
  exportAudit: (format: 'csv' | 'jsonl', options?: { separator?: ',' | ';'; columns?: 'fr' | 'en' }) => Promise<void>;
  revealAuditExport: () => Promise<void>;
}

const noExport = { progress: null, result: null, error: null, cancelled: false };

export const emptyAudit = {
  auditEvents: [],
  auditNextAfter: null,
  auditUpToSeq: null,
  auditDetail: null,
  auditStats: null,
  auditError: null,
  auditForm: emptyAuditFilter,
  auditSuggestions: { field: null, items: [] },
  exportState: noExport,
} satisfies Partial<AuditSlice>;

/** The desk's zone, for the export's times (what the screen shows them in). */
const deskTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export const auditSlice: FeatureSlice<AuditSlice, keyof typeof emptyAudit> = {
  empty: emptyAudit,
  kept: {
    auditLoading: 'about the agent’s own request',
    integrity: 'the chain’s state, about no one',
  },
  clear: clearedOnLeaving(emptyAudit),
  create:
    ({ api, latestRequest }) =>
    (set, get) => {
      const queries = latestRequest();
      const suggestions = latestRequest();
      const pinned = () => toAuditFilter(get().auditForm, get().auditUpToSeq);
      return {
        ...emptyAudit,
        auditLoading: false,
        integrity: { result: null, lastRun: null, running: false },
        setAuditForm(patch) {
          set({ auditForm: { ...get().auditForm, ...patch } });
        },
        async runAuditQuery(options = {}) {
          const stillLatest = queries.next();
          const filter = toAuditFilter(get().auditForm);
          set({ auditLoading: true, auditError: null, auditDetail: null });
          const page = await api.queryAudit({ filter, limit: PAGE_SIZE, ...(options.opening ? { opening: true } : {}) });
          if (!stillLatest()) return;
          if (!page.ok) {
            set({ auditLoading: false, auditError: page.error, auditEvents: [], auditNextAfter: null, auditUpToSeq: null, auditStats: null });
            return;
          }
          const upToSeq = page.value.upToSeq;
          // The charts and the count read the same events as the list: up to the head it pinned.
          const stats = await api.auditStats({ filter: toAuditFilter(get().auditForm, upToSeq) });
          if (!stillLatest()) return;
          set({
            auditLoading: false,
            auditEvents: page.value.events,
            auditNextAfter: page.value.nextAfter,
            auditUpToSeq: upToSeq,
            auditStats: stats.ok ? stats.value : null,
          });
        },
        async loadMoreAudit() {
          const after = get().auditNextAfter;
          if (after === null || get().auditLoading) return;
          const stillLatest = queries.current();
          set({ auditLoading: true });
          const page = await api.queryAudit({ filter: pinned(), after, limit: PAGE_SIZE });
          if (!stillLatest()) return;
          if (!page.ok) set({ auditLoading: false, auditError: page.error });
          else set({ auditLoading: false, auditEvents: [...get().auditEvents, ...page.value.events], auditNextAfter: page.value.nextAfter });
        },
        async suggestAuditLogins(field, typed) {
          const stillLatest = suggestions.next();
          if (!typed.trim()) {
            set({ auditSuggestions: { field, items: [] } });
            return;
          }
          const result = await api.suggestAuditLogins({ field, typed });
          if (stillLatest()) set({ auditSuggestions: { field, items: result.ok ? result.value : [] } });
        },
        clearAuditSuggestions() {
          suggestions.next();
          set({ auditSuggestions: { field: null, items: [] } });
        },
        async openAuditEvent(seq) {
          const result = await api.auditEvent({ seq });
          if (result.ok) set({ auditDetail: result.value });
          else set({ auditError: result.error });
        },
        closeAuditEvent() {
          set({ auditDetail: null });
        },
        async verifyAudit(full = false) {
          set({ integrity: { ...get().integrity, running: true } });
          const result = await api.verifyAudit({ full });
          if (result.ok) set({ integrity: { result: result.value.result, lastRun: result.value.lastRun, running: false } });
          else set({ integrity: { ...get().integrity, running: false }, auditError: result.error });
        },
        async exportAudit(format, options = {}) {
          set({ exportState: { ...noExport, progress: { running: true, written: 0, total: 0, path: null } } });
          const poll = setInterval(() => {
            void api.auditExportProgress({}).then((p) => {
              if (p.ok && get().exportState.progress !== null) set({ exportState: { ...get().exportState, progress: p.value } });
            });
          }, 200);
          const result = await api.exportAudit({
            filter: pinned(),
            format,
            ...(options.separator ? { separator: options.separator } : {}),
            ...(format === 'csv' && options.columns ? { columns: options.columns } : {}),
            timeZone: deskTimeZone(),
          });
          clearInterval(poll);
          if (result.ok) set({ exportState: { ...noExport, result: result.value } });
          else if (result.error.code === 'CANCELLED') set({ exportState: { ...noExport, cancelled: true } });
          else set({ exportState: { ...noExport, error: result.error } });
        },
        async revealAuditExport() {
          await api.revealAuditExport({});
        },
      };
    },
};
