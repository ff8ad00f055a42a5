/** The charts' pure parts, shared by the local and the central counts: which filters the count tables answer, a range cut into whole days and edges, parts added up. */
import type { AuditFilter, AuditOutcome } from '../../shared/audit-events';
import type { AuditStats } from '../../shared/contract/audit';
import { normaliseBound, prefixRange } from './audit-filter';

const DAY_MS = 86_400_000;

/** The count tables hold day, action, agent and outcome: a filter on anything else (target, free text) is a GROUP BY of the events. */
export function countsAnswer(filter: AuditFilter): boolean {
  return !filter.target && !filter.targetPrefix && !filter.text;
}

/** The outcome columns of the count tables that a filter's outcome reads (`open`: intents no outcome settles yet). */
export function outcomeColumns(outcome: AuditOutcome | undefined): string[] {
  if (outcome === undefined) return ['success', 'failure', 'denied', 'unknown', 'open'];
  return outcome === 'unknown' ? ['unknown', 'open'] : [outcome];
}

export interface RangeParts {
  /** The whole UTC days inside the range, [from, to) as `YYYY-MM-DD` (null: unbounded), or null when there is none. */
  days: { from: string | null; to: string | null } | null;
  /** The parts of days at either end, as ISO instants [from, to), read from the events. */
  edges: Array<{ from: string; to: string }>;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A filter's range cut into whole days (read from the counts) and the partial days at its ends. */
export function splitRange(filter: Pick<AuditFilter, 'from' | 'to'>): RangeParts {
  const from = filter.from ? Date.parse(normaliseBound(filter.from, 'from')) : null;
  const to = filter.to ? Date.parse(normaliseBound(filter.to, 'to')) : null;
  const firstWhole = from === null ? null : Math.ceil(from / DAY_MS) * DAY_MS;
  const endWhole = to === null ? null : Math.floor(to / DAY_MS) * DAY_MS;
  if (firstWhole !== null && endWhole !== null && firstWhole >= endWhole)
    return { days: null, edges: from! < to! ? [{ from: new Date(from!).toISOString(), to: new Date(to!).toISOString() }] : [] };
  const edges: RangeParts['edges'] = [];
  if (from !== null && firstWhole! > from) edges.push({ from: new Date(from).toISOString(), to: new Date(firstWhole!).toISOString() });
  if (to !== null && endWhole! < to) edges.push({ from: new Date(endWhole!).toISOString(), to: new Date(to).toISOString() });
  return { days: { from: firstWhole === null ? null : dayOf(firstWhole), to: endWhole === null ? null : dayOf(endWhole) }, edges };
}

/** The filter narrowed to the whole days (as instants: a date-only `to` would include its day). */
export function wholeDays<F extends Pick<AuditFilter, 'from' | 'to'>>(filter: F, days: NonNullable<RangeParts['days']>): F {
  const { from: _from, to: _to, ...rest } = filter;
  return {
    ...rest,
    ...(days.from ? { from: `${days.from}T00:00:00.000Z` } : {}),
    ...(days.to ? { to: `${days.to}T00:00:00.000Z` } : {}),
  } as F;
}

/** Parts added up (a negative part takes rows out), zero counts dropped, in the charts' order; at most 500 agents. */
export function addStats(parts: Array<{ stats: AuditStats; sign: 1 | -1 }>): AuditStats {
  const days = new Map<string, { day: string; action: AuditStats['perDay'][number]['action']; count: number }>();
  const agents = new Map<string, { login: string | null; displayName: string | null; count: number }>();
  for (const { stats, sign } of parts) {
    for (const r of stats.perDay) {
      const key = `${r.day}\u0000${r.action}`;
      const row = days.get(key) ?? { day: r.day, action: r.action, count: 0 };
      row.count += sign * r.count;
      days.set(key, row);
    }
    for (const r of stats.perAgent) {
      const key = r.login ?? '\u0000';
      const row = agents.get(key) ?? { login: r.login, displayName: null, count: 0 };
      row.count += sign * r.count;
      if (r.displayName !== null && (row.displayName === null || r.displayName > row.displayName)) row.displayName = r.displayName;
      agents.set(key, row);
    }
  }
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const perDay = [...days.values()].filter((r) => r.count > 0).sort((a, b) => byText(a.day, b.day) || byText(a.action, b.action));
  const perAgent = [...agents.values()]
    .filter((r) => r.count > 0)
    .sort((a, b) => b.count - a.count || byText(a.login ?? '', b.login ?? ''))
    .slice(0, 500);
  return { total: perDay.reduce((sum, r) => sum + r.count, 0), perDay, perAgent };
}

/** How the count tables are spelled in one engine: SQLite here, PostgreSQL at the centre. */
export interface CountsDialect {
  table: (name: 'counts_day_action' | 'counts_day_agent' | 'counts_day_agent_action') => string;
  /** Placeholder for the next parameter (`?` or `$n`). */
  param: (next: number) => string;
  /** The day column as `YYYY-MM-DD` text. */
  dayText: string;
  /** A byte-wise range over a login column. */
  atLeast: string;
  below: string;
  /** A count as a JS number. */
  count: (sum: string) => string;
}

/** The two charts' reads over the count tables for whole days `days`, with the filter's agent, action and outcome. */
export function countsQueries(filter: AuditFilter, days: NonNullable<RangeParts['days']>, dialect: CountsDialect) {
  const build = (tableName: Parameters<CountsDialect['table']>[0], select: string, group: string) => {
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return dialect.param(params.length);
    };
    const clauses: string[] = [];
    if (days.from) clauses.push(`day >= ${p(days.from)}`);
    if (days.to) clauses.push(`day < ${p(days.to)}`);
    if (tableName !== 'counts_day_agent' && filter.action) clauses.push(`action = ${p(filter.action)}`);
    if (tableName !== 'counts_day_action') {
      if (filter.agent) clauses.push(`agent_login = ${p(filter.agent)}`);
      else if (filter.agentPrefix) {
        const [low, high] = prefixRange(filter.agentPrefix);
        clauses.push(`agent_login ${dialect.atLeast} ${p(low)}`, `agent_login ${dialect.below} ${p(high)}`);
      }
    }
    const sum = dialect.count(`sum(${outcomeColumns(filter.outcome).join(' + ')})`);
    const where = clauses.length > 0 ? ` WHERE ${clauses.join(' AND ')}` : '';
    return { sql: `SELECT ${select}, ${sum} AS count FROM ${dialect.table(tableName)}${where} GROUP BY ${group}`, params };
  };
  const byAgent = filter.agent !== undefined || filter.agentPrefix !== undefined;
  return {
    perDay: build(byAgent ? 'counts_day_agent_action' : 'counts_day_action', `${dialect.dayText} AS day, action`, 'day, action'),
    perAgent: build(filter.action ? 'counts_day_agent_action' : 'counts_day_agent', `nullif(agent_login, '') AS login, max(agent_name) AS "displayName"`, 'agent_login'),
  };
}
