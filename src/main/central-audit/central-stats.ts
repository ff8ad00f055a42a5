/** The charts of the review across desks: the count tables (migrations 0006, 0008) for whole months, days and hours, the events for the rest, in one statement. */
import type { ClientBase } from 'pg';
import type { AuditAction } from '../../shared/audit-events';
import type { AuditStats } from '../../shared/contract/audit';
import { addStats, countsAnswer, countsQueries, hoursAnswer, type CountsDialect } from '../audit/stats-parts';
import { countedRange, spanFilter, type CountedRange } from '../audit/stats-range';
import type { CentralFilter } from './central-filter';
import { where } from './central-review-queries';

const POSTGRES: CountsDialect = {
  table: (name) => `guichet.${name}`,
  param: (n) => `$${n}`,
  key: (unit, ms) => (unit === 'hour' ? new Date(ms).toISOString().slice(0, 13).replace('T', ' ') + ':00' : new Date(ms).toISOString().slice(0, 10)),
  dayText: (unit) => `to_char(${unit}, 'YYYY-MM-DD')`,
  atLeast: '~>=~',
  below: '~<~',
  // A bigint sum is a numeric one, tens of times slower: a count row holds far less than 2^31.
  count: (columns, grouped) => (grouped ? `sum((${columns})::int4)::float8` : `(${columns})::float8`),
};

/** One SELECT of (part, day, action, login, "displayName", count) rows, its parameters numbered from where it sits. */
interface Part {
  sql: string;
  params: unknown[];
}

/** Both charts from the count tables for the counted parts of `range`. */
function countsPart(filter: CentralFilter, range: CountedRange, first: number): Part {
  const reads = countsQueries(filter, range, POSTGRES, first);
  return {
    sql: reads
      .map((q) =>
        q.part === 'day'
          ? `SELECT 'day' AS part, day, action, NULL::text AS login, NULL::text AS "displayName", count FROM (${q.sql}) d`
          : `SELECT 'agent', NULL, NULL, login, "displayName", count FROM (${q.sql}) a`,
      )
      .join('\n      UNION ALL '),
    params: reads.flatMap((q) => q.params),
  };
}

const DAY = "to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD')";

/** Both charts as one GROUP BY of the events (grouping sets: one scan), of those received up to the pin or after it (`late`, counted negative). */
function eventsPart(filter: CentralFilter, pinnedAt: string, arrival: 'up-to' | 'after', first: number): Part {
  const w = where(filter, pinnedAt, first, arrival);
  return {
    sql: `SELECT CASE WHEN GROUPING(e.agent_login) = 1 THEN 'day' ELSE 'agent' END, ${DAY}, e.action, e.agent_login, max(e.agent_name),
        ${arrival === 'after' ? '-' : ''}count(*)::float8
      FROM ${arrival === 'after' ? 'late' : 'guichet.events'} e ${w.sql} GROUP BY GROUPING SETS ((${DAY}, e.action), (e.agent_login))`,
    params: w.params,
  };
}

/**
 * Per UTC day × action and per agent, as of the pin. Whole days come from the counts, less
 * what arrived after the pin (found by arrival time first: a BRIN read); the partial days at
 * the ends of the range and filters the counts do not hold (target, free text) are a GROUP BY.
 * All of it one statement: one round trip, each part's rows summed here.
 */
export async function centralStats(client: ClientBase, filter: CentralFilter, pinnedAt: string): Promise<AuditStats> {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (part: Part) => {
    parts.push(part.sql);
    params.push(...part.params);
  };
  let latePin: number | null = null;
  if (!countsAnswer(filter)) add(eventsPart(filter, pinnedAt, 'up-to', 1));
  else {
    const range = countedRange(filter, hoursAnswer(filter));
    if (range.counted) {
      add(countsPart(filter, range, 1));
      latePin = params.length + 1;
      add(eventsPart(spanFilter(filter, range.counted), pinnedAt, 'after', latePin));
    }
    for (const edge of range.edges) add(eventsPart({ ...filter, ...edge }, pinnedAt, 'up-to', params.length + 1));
  }
  if (parts.length === 0) return { total: 0, perDay: [], perAgent: [] };
  const late = latePin === null ? '' : `WITH late AS MATERIALIZED (SELECT * FROM guichet.events WHERE received_at > $${latePin}::timestamptz) `;
  const { rows } = await client.query<{ part: 'day' | 'agent'; day: string; action: AuditAction; login: string | null; displayName: string | null; count: number }>(
    `${late}SELECT * FROM (${parts.map((p) => `(${p})`).join(' UNION ALL ')}) AS parts (part, day, action, login, "displayName", count)`,
    params,
  );
  const stats: AuditStats = { total: 0, perDay: [], perAgent: [] };
  for (const r of rows) {
    if (r.part === 'day') stats.perDay.push({ day: r.day, action: r.action, count: r.count });
    else stats.perAgent.push({ login: r.login, displayName: r.displayName, count: r.count });
  }
  return addStats([{ stats, sign: 1 }]);
}
