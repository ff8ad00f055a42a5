/** The audit slice: the review's filter form, the events page by page (pinned to the head first read), suggestions, one event's detail, statistics, integrity check and export. */
import { TICKET_SHAPE, type AuditAction, type AuditEventView, type AuditFilter, type AuditOutcome } from '../../../../shared/audit-events';
import type {
  AuditEventDetail,
  CentralDeskStanding,
  CentralExportDone,
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
  /** A ticket reference, exactly (case-insensitive). */
  ticket: string;
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
  ticket: '',
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
  // What is not a ticket reference is said next to the field and not sent (main would refuse it).
  if (TICKET_SHAPE.test(form.ticket.trim())) filter.ticket = form.ticket.trim();
  if (upToSeq !== null) filter.upToSeq = upToSeq;
  return filter;
}

export type SuggestField = 'agent' | 'target';

/** Where the review reads: this desk's own trail, or every desk's from the central store. */
export type AuditSource = 'desk' | 'central';

const PAGE_SIZE = 200;

export interface AuditSlice {
  auditSource: AuditSource;
  auditForm: AuditFilterForm;
  auditEvents: AuditEventView[];
  auditNextAfter: number | null;
  /** The head the list was read up to: its pages, its count, its charts and its export stop there. */
  auditUpToSeq: number | null;
  /** Central source: the next page's cursor, the instant the list is pinned to, and each desk's standing. */
  auditCursor: string | null;
  auditPinnedAt: string | null;
  auditDesks: CentralDeskStanding[];
  auditLoading: boolean;
  auditError: AppError | null;
  auditDetail: AuditEventDetail | null;
  auditStats: AuditStats | null;
  auditSuggestions: { field: SuggestField | null; items: LoginSuggestion[] };
  integrity: { result: VerifyResult | null; lastRun: VerificationRun | null; running: boolean };
  /** `central`: the review across desks' export (one file per desk), instead of `result`. */
  exportState: { progress: ExportProgress | null; result: ExportDone | null; central: CentralExportDone | null; error: AppError | null; cancelled: boolean };
  setAuditForm: (patch: Partial<AuditFilterForm>) => void;
  /** Switches the source and reads it again (an opening of that source: main records it). */
  setAuditSource: (source: AuditSource) => Promise<void>;
  /** `opening`: the screen was just opened (recorded once by main), not a filter change. */
  runAuditQuery: (options?: { opening?: boolean }) => Promise<void>;
  loadMoreAudit: () => Promise<void>;
  suggestAuditLogins: (field: SuggestField, typed: string) => Promise<void>;
  clearAuditSuggestions: () => void;
  /** `desk`: the event's desk when read from the central store. */
  openAuditEvent: (seq: number, desk?: string) => Promise<void>;
  closeAuditEvent: () => void;
  verifyAudit: (full?: boolean) => Promise<void>;
  exportAudit: (format: 'csv' | 'jsonl', options?: { separator?: ',' | ';'; columns?: 'fr' | 'en' }) => Promise<void>;
  revealAuditExport: () => Promise<void>;
}

const noExport = { progress: null, result: null, central: null, error: null, cancelled: false };

export const emptyAudit = {
  auditSource: 'desk',
  auditCursor: null,
  auditPinnedAt: null,
  auditDesks: [],
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
      const failed = (error: AppError) =>
        set({ auditLoading: false, auditError: error, auditEvents: [], auditNextAfter: null, auditCursor: null, auditPinnedAt: null, auditUpToSeq: null, auditStats: null });
      /** Every desk from the centre: the first page pins the instant; the charts count the same events. */
      const runCentral = async (opening: boolean) => {
        const stillLatest = queries.next();
        const filter = toAuditFilter(get().auditForm);
        set({ auditLoading: true, auditError: null, auditDetail: null });
        const page = await api.queryCentralAudit({ filter, limit: PAGE_SIZE, ...(opening ? { opening: true } : {}) });
        if (!stillLatest()) return;
        if (!page.ok) return failed(page.error);
        const stats = await api.centralAuditStats({ filter, pinnedAt: page.value.pinnedAt });
        if (!stillLatest()) return;
        set({
          auditLoading: false,
          auditEvents: page.value.events,
          auditNextAfter: null,
          auditCursor: page.value.nextCursor,
          auditPinnedAt: page.value.pinnedAt,
          auditUpToSeq: null,
          auditDesks: page.value.desks,
          auditStats: stats.ok ? stats.value : null,
          ...(stats.ok ? {} : { auditError: stats.error }),
        });
      };
      const moreCentral = async () => {
        const { auditCursor: cursor, auditPinnedAt: pinnedAt } = get();
        if (cursor === null || pinnedAt === null || get().auditLoading) return;
        const stillLatest = queries.current();
        set({ auditLoading: true });
        const page = await api.queryCentralAudit({ filter: toAuditFilter(get().auditForm), cursor, pinnedAt, limit: PAGE_SIZE });
        if (!stillLatest()) return;
        if (!page.ok) set({ auditLoading: false, auditError: page.error });
        else set({ auditLoading: false, auditEvents: [...get().auditEvents, ...page.value.events], auditCursor: page.value.nextCursor });
      };
      return {
        ...emptyAudit,
        auditLoading: false,
        integrity: { result: null, lastRun: null, running: false },
        setAuditForm(patch) {
          set({ auditForm: { ...get().auditForm, ...patch } });
        },
        async setAuditSource(source) {
          if (source === get().auditSource) return;
          set({ auditSource: source, auditEvents: [], auditNextAfter: null, auditCursor: null, auditPinnedAt: null, auditStats: null, auditDesks: [], exportState: noExport });
          await get().runAuditQuery({ opening: true });
        },
        async runAuditQuery(options = {}) {
          if (get().auditSource === 'central') return runCentral(options.opening === true);
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
          if (get().auditSource === 'central') return moreCentral();
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
          // The review across desks suggests what the centre holds (every desk's agents and accounts).
          const result = get().auditSource === 'central' ? await api.suggestCentralAuditLogins({ field, typed }) : await api.suggestAuditLogins({ field, typed });
          if (stillLatest()) set({ auditSuggestions: { field, items: result.ok ? result.value : [] } });
        },
        clearAuditSuggestions() {
          suggestions.next();
          set({ auditSuggestions: { field: null, items: [] } });
        },
        async openAuditEvent(seq, desk) {
          const result = desk !== undefined && get().auditSource === 'central' ? await api.centralAuditEvent({ desk, seq }) : await api.auditEvent({ seq });
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
          const central = get().auditSource === 'central';
          const pinnedAt = get().auditPinnedAt;
          // The list's own events: the centre's export waits for a list (and its pin) to be read.
          if (central && pinnedAt === null) return;
          set({ exportState: { ...noExport, progress: { running: true, written: 0, total: 0, path: null } } });
          const poll = setInterval(() => {
            void (central ? api.centralAuditExportProgress({}) : api.auditExportProgress({})).then((p) => {
              if (p.ok && get().exportState.progress !== null) set({ exportState: { ...get().exportState, progress: p.value } });
            });
          }, 200);
          const separator = options.separator ? { separator: options.separator } : {};
          if (central) {
            const result = await api.exportCentralAudit({ filter: toAuditFilter(get().auditForm), pinnedAt: pinnedAt!, format, ...separator });
            clearInterval(poll);
            set({ exportState: result.ok ? { ...noExport, central: result.value } : { ...noExport, error: result.error } });
            return;
          }
          const result = await api.exportAudit({
            filter: pinned(),
            format,
            ...separator,
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
