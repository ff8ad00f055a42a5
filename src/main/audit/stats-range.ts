/**
 * A chart's range cut by what answers each piece: whole months (the per-agent chart), whole
 * days, whole hours at the ends of the days (both charts, from the count tables), and the
 * partial hours at the very ends (a GROUP BY of the events). Pure: shared by the local and
 * the central counts.
 */
import type { AuditFilter } from '../../shared/audit-events';
import { normaliseBound } from './audit-filter';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** [from, to) in epoch milliseconds; null: unbounded on that side. */
export interface Span {
  from: number | null;
  to: number | null;
}

export interface CountedRange {
  /** Everything the count tables answer, [first whole hour (or day), end of the last one): the rows received after a pin are taken out over it. */
  counted: Span | null;
  /** The whole UTC days (per day × action, and per agent outside `months`). */
  days: Span | null;
  /** The whole UTC months inside `days` (per agent only), or null. */
  months: Span | null;
  /** `days` less `months`: the per-agent chart's reads of the day tables (zero, one or two spans). */
  agentDays: Span[];
  /** Whole hours outside `days`, at either end (both charts from the hour tables); empty when the hours are not used. */
  hours: Span[];
  /** Partial hours (or partial days, when the hours are not used) at either end, as ISO instants [from, to): read from the events. */
  edges: Array<{ from: string; to: string }>;
}

const ceilTo = (ms: number | null, unit: number) => (ms === null ? null : Math.ceil(ms / unit) * unit);
const floorTo = (ms: number | null, unit: number) => (ms === null ? null : Math.floor(ms / unit) * unit);
const before = (a: number | null, b: number | null) => a === null || b === null || a < b;
const iso = (ms: number) => new Date(ms).toISOString();

/** The first instant of the month holding `ms` (UTC), or of the next one when `up` and `ms` is inside a month. */
function monthStart(ms: number | null, up: boolean): number | null {
  if (ms === null) return null;
  const d = new Date(ms);
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  return up && start < ms ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) : start;
}

/** The parts of [a, b) outside [c, d) (c, d inside it): the pieces at either end that are not empty. */
function outside(a: number | null, b: number | null, c: number | null, d: number | null): Span[] {
  const spans: Span[] = [];
  if (c !== null && before(a, c)) spans.push({ from: a, to: c });
  if (d !== null && before(d, b)) spans.push({ from: d, to: b });
  return spans;
}

/**
 * A filter's range cut into what the counts answer and the edges. `hours` false: no hour
 * tables for this filter (they hold no agent nor action), so the edges are partial days.
 */
export function countedRange(filter: Pick<AuditFilter, 'from' | 'to'>, hours: boolean): CountedRange {
  const from = filter.from ? Date.parse(normaliseBound(filter.from, 'from')) : null;
  const to = filter.to ? Date.parse(normaliseBound(filter.to, 'to')) : null;
  const unit = hours ? HOUR_MS : DAY_MS;
  const h0 = ceilTo(from, unit);
  const h1 = floorTo(to, unit);
  if (!before(h0, h1)) {
    const edges = from! < to! ? [{ from: iso(from!), to: iso(to!) }] : [];
    return { counted: null, days: null, months: null, agentDays: [], hours: [], edges };
  }
  const edges = outside(from, to, h0, h1).map((s) => ({ from: iso(s.from!), to: iso(s.to!) }));
  const d0 = ceilTo(h0, DAY_MS);
  const d1 = floorTo(h1, DAY_MS);
  const counted = { from: h0, to: h1 };
  if (!before(d0, d1)) return { counted, days: null, months: null, agentDays: [], hours: [counted], edges };
  const days = { from: d0, to: d1 };
  const m0 = monthStart(d0, true);
  const m1 = monthStart(d1, false);
  const months = before(m0, m1) ? { from: m0, to: m1 } : null;
  const agentDays = months ? outside(d0, d1, m0, m1) : [days];
  return { counted, days, months, agentDays, hours: outside(h0, h1, d0, d1), edges };
}

/** A span as a filter's bounds (instants: a date-only `to` would include its day). */
export function spanFilter<F extends Pick<AuditFilter, 'from' | 'to'>>(filter: F, span: Span): F {
  const { from: _from, to: _to, ...rest } = filter;
  return { ...rest, ...(span.from === null ? {} : { from: iso(span.from) }), ...(span.to === null ? {} : { to: iso(span.to) }) } as F;
}
