/** The audit slice: the review's filter form, the events page by page, one event's detail, statistics, integrity check and export. */
import type { AuditAction, AuditEventView, AuditFilter, AuditOutcome } from '../../../../shared/audit-events';
import type { AuditEventDetail, AuditStats, ExportProgress, ExportResult, VerificationRun, VerifyResult } from '../../../../shared/contract/audit';
import type { AppError } from '../../../../shared/result';
import { clearedOnLeaving, type FeatureSlice } from '../../slice-kit/feature-slice';

/** The filter form as typed: empty strings mean "any". */
export interface AuditFilterForm {
  from: string;
  to: string;
  agent: string;
  target: string;
  action: AuditAction | '';
  outcome: AuditOutcome | '';
  text: string;
}

export const emptyAuditFilter: AuditFilterForm = { from: '', to: '', agent: '', target: '', action: '', outcome: '', text: '' };

export function toAuditFilter(form: AuditFilterForm): AuditFilter {
  const filter: AuditFilter = {};
  if (form.from) filter.from = form.from;
  if (form.to) filter.to = form.to;
  if (form.agent.trim()) filter.agent = form.agent.trim();
  if (form.target.trim()) filter.target = form.target.trim();
  if (form.action) filter.action = form.action;
  if (form.outcome) filter.outcome = form.outcome;
  if (form.text.trim().length >= 3) filter.text = form.text.trim();
  return filter;
}

const PAGE_SIZE = 200;

export interface AuditSlice {
  auditForm: AuditFilterForm;
  auditEvents: AuditEventView[];
  auditNextAfter: number | null;
  auditLoading: boolean;
  auditError: AppError | null;
  auditDetail: AuditEventDetail | null;
  auditStats: AuditStats | null;
  integrity: { result: VerifyResult | null; lastRun: VerificationRun | null; running: boolean };
  exportState: { progress: ExportProgress | null; result: ExportResult | null; error: AppError | null };
  setAuditForm: (patch: Partial<AuditFilterForm>) => void;
  runAuditQuery: () => Promise<void>;
  loadMoreAudit: () => Promise<void>;
  openAuditEvent: (seq: number) => Promise<void>;
  closeAuditEvent: () => void;
  verifyAudit: (full?: boolean) => Promise<void>;
  exportAudit: (format: 'csv' | 'jsonl', separator?: ',' | ';') => Promise<void>;
}

export const emptyAudit = {
  auditEvents: [],
  auditNextAfter: null,
  auditDetail: null,
  auditStats: null,
  auditError: null,
  auditForm: emptyAuditFilter,
  exportState: { progress: null, result: null, error: null },
} satisfies Partial<AuditSlice>;

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
      return {
        ...emptyAudit,
        auditLoading: false,
        integrity: { result: null, lastRun: null, running: false },
        setAuditForm(patch) {
          set({ auditForm: { ...get().auditForm, ...patch } });
        },
        async runAuditQuery() {
          const stillLatest = queries.next();
          const filter = toAuditFilter(get().auditForm);
          set({ auditLoading: true, auditError: null, auditDetail: null });
          const [page, stats] = await Promise.all([api.queryAudit({ filter, limit: PAGE_SIZE }), api.auditStats({ filter })]);
          if (!stillLatest()) return;
          if (!page.ok) {
            set({ auditLoading: false, auditError: page.error, auditEvents: [], auditNextAfter: null, auditStats: null });
            return;
          }
          set({
            auditLoading: false,
            auditEvents: page.value.events,
            auditNextAfter: page.value.nextAfter,
            auditStats: stats.ok ? stats.value : null,
          });
        },
        async loadMoreAudit() {
          const after = get().auditNextAfter;
          if (after === null || get().auditLoading) return;
          const stillLatest = queries.current();
          set({ auditLoading: true });
          const page = await api.queryAudit({ filter: toAuditFilter(get().auditForm), after, limit: PAGE_SIZE });
          if (!stillLatest()) return;
          if (!page.ok) set({ auditLoading: false, auditError: page.error });
          else set({ auditLoading: false, auditEvents: [...get().auditEvents, ...page.value.events], auditNextAfter: page.value.nextAfter });
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
        async exportAudit(format, separator) {
          set({ exportState: { progress: { running: true, written: 0, total: 0, path: null }, result: null, error: null } });
          const poll = setInterval(() => {
            void api.auditExportProgress({}).then((p) => {
              if (p.ok && get().exportState.result === null) set({ exportState: { ...get().exportState, progress: p.value } });
            });
          }, 200);
          const result = await api.exportAudit({ filter: toAuditFilter(get().auditForm), format, separator });
          clearInterval(poll);
          if (result.ok) set({ exportState: { progress: null, result: result.value, error: null } });
          else set({ exportState: { progress: null, result: null, error: result.error } });
        },
      };
    },
};
