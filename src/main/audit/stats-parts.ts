/** The charts' pure parts, shared by the local and the central counts: which filters the count tables answer, their reads, parts added up. */
import type { AuditFilter, AuditOutcome } from '../../shared/audit-events';
import type { AuditStats } from '../../shared/contract/audit';
import { prefixRange } from './audit-filter';
import type { CountedRange, Span } from './stats-range';

/** The count tables hold day, action, agent and outcome: a filter on anything else (target, free text) is a GROUP BY of the events. */
export function countsAnswer(filter: AuditFilter): boolean {
  return !filter.target && !filter.targetPrefix && !filter.text;
}

/** The outcome columns of the count tables that a filter's outcome reads (`open`: intents no outcome settles yet). */
export function outcomeColumns(outcome: AuditOutcome | undefined): string[] {
  if (outcome === undefined) return ['success', 'failure', 'denied', 'unknown', 'open'];
  return outcome === 'unknown' ? ['unknown', 'open'] : [outcome];
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

export type CountTable =
  | 'counts_day_action'
  | 'counts_day_agent'
  | 'counts_day_agent_action'
  | 'counts_hour_action'
  | 'counts_hour_agent'
  | 'counts_month_agent'
  | 'counts_month_agent_action';
export type CountUnit = 'hour' | 'day' | 'month';

/** How the count tables are spelled in one engine: SQLite here, PostgreSQL at the centre. */
export interface CountsDialect {
  table: (name: CountTable) => string;
  /** Placeholder for parameter number `n` (`?` or `$n`). */
  param: (n: number) => string;
  /** The key of the `unit` column (hour, day, month) starting at `ms`, as a parameter's value. */
  key: (unit: CountUnit, ms: number) => string;
  /** A time column (hour or day) as its day, `YYYY-MM-DD` text. */
  dayText: (unit: 'hour' | 'day') => string;
  /** A byte-wise range over a login column. */
  atLeast: string;
  below: string;
  /** Count columns `columns` (an expression), summed over a group when `grouped`, as a JS number. */
  count: (columns: string, grouped: boolean) => string;
}

/** One read of a count table: rows of (day, action, count) for the per-day chart, (login, displayName, count) per agent. */
export interface CountsQuery {
  part: 'day' | 'agent';
  sql: string;
  params: unknown[];
}

/** The hour tables hold neither agent nor action: a filter on either reads its partial days from the events. */
export const hoursAnswer = (filter: AuditFilter): boolean => !filter.agent && !filter.agentPrefix && !filter.action;

/**
 * Both charts' reads over the count tables for the counted parts of `range`, with the filter's
 * agent, action and outcome: per day × action from the day tables (and the hour tables at the
 * ends), per agent from the month tables for whole months, the day tables for the other whole
 * days, the hour tables for the whole hours. Parameters numbered from `first` across the reads.
 */
export function countsQueries(filter: AuditFilter, range: CountedRange, dialect: CountsDialect, first = 1): CountsQuery[] {
  const queries: CountsQuery[] = [];
  const read = (part: CountsQuery['part'], tableName: CountTable, unit: CountUnit, spans: Span[], select: string, group: string | null) => {
    if (spans.length === 0) return;
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return dialect.param(first + params.length - 1);
    };
    const within = spans.map((s) => {
      const bounds = [...(s.from === null ? [] : [`${unit} >= ${p(dialect.key(unit, s.from))}`]), ...(s.to === null ? [] : [`${unit} < ${p(dialect.key(unit, s.to))}`])];
      return bounds.length === 0 ? 'true' : bounds.join(' AND ');
    });
    const clauses = [within.length === 1 ? within[0]! : `(${within.map((w) => `(${w})`).join(' OR ')})`];
    if (tableName.endsWith('_action') && filter.action) clauses.push(`action = ${p(filter.action)}`);
    if (tableName.includes('_agent')) {
      if (filter.agent) clauses.push(`agent_login = ${p(filter.agent)}`);
      else if (filter.agentPrefix) {
        const [low, high] = prefixRange(filter.agentPrefix);
        clauses.push(`agent_login ${dialect.atLeast} ${p(low)}`, `agent_login ${dialect.below} ${p(high)}`);
      }
    }
    const count = dialect.count(outcomeColumns(filter.outcome).join(' + '), group !== null);
    const grouping = group === null ? '' : ` GROUP BY ${group}`;
    queries.push({ part, sql: `SELECT ${select}, ${count} AS count FROM ${dialect.table(tableName)} WHERE ${clauses.join(' AND ')}${grouping}`, params });
    first += params.length;
  };
  const byAgent = filter.agent !== undefined || filter.agentPrefix !== undefined;
  const agentSelect = `nullif(agent_login, '') AS login, max(agent_name) AS "displayName"`;
  if (range.days) {
    const day = dialect.dayText('day');
    // Without an agent, a row of counts_day_action is one of the chart's: no GROUP BY.
    read('day', byAgent ? 'counts_day_agent_action' : 'counts_day_action', 'day', [range.days], `${day} AS day, action`, byAgent ? `${day}, action` : null);
  }
  const hourDay = dialect.dayText('hour');
  read('day', 'counts_hour_action', 'hour', range.hours, `${hourDay} AS day, action`, `${hourDay}, action`);
  read('agent', filter.action ? 'counts_month_agent_action' : 'counts_month_agent', 'month', range.months ? [range.months] : [], agentSelect, 'agent_login');
  read('agent', filter.action ? 'counts_day_agent_action' : 'counts_day_agent', 'day', range.agentDays, agentSelect, 'agent_login');
  read('agent', 'counts_hour_agent', 'hour', range.hours, agentSelect, 'agent_login');
  return queries;
}
