/** The charts of the review across desks: the count tables (migration 0006) for whole days, the events for the rest. */
import type { ClientBase } from 'pg';
import type { AuditAction } from '../../shared/audit-events';
import type { AuditStats } from '../../shared/contract/audit';
import { addStats, countsAnswer, countsQueries, splitRange, wholeDays, type CountsDialect } from '../audit/stats-parts';
import type { CentralFilter } from './central-filter';
import { groupedStats } from './central-review-queries';

const POSTGRES: CountsDialect = {
  table: (name) => `guichet.${name}`,
  param: (n) => `$${n}`,
  dayText: "to_char(day, 'YYYY-MM-DD')",
  atLeast: '~>=~',
  below: '~<~',
  count: (sum) => `${sum}::float8`,
};

async function countedStats(client: ClientBase, filter: CentralFilter, days: NonNullable<ReturnType<typeof splitRange>['days']>): Promise<AuditStats> {
  const q = countsQueries(filter, days, POSTGRES);
  const perDay = await client.query<{ day: string; action: AuditAction; count: number }>(q.perDay.sql, q.perDay.params);
  const perAgent = await client.query<{ login: string | null; displayName: string | null; count: number }>(q.perAgent.sql, q.perAgent.params);
  return { total: 0, perDay: perDay.rows, perAgent: perAgent.rows };
}

/**
 * Per UTC day × action and per agent, as of the pin. Whole days come from the counts, less
 * what arrived after the pin (a short read by arrival time); the partial days at the ends
 * of the range and filters the counts do not hold (target, free text) are a GROUP BY.
 */
export async function centralStats(client: ClientBase, filter: CentralFilter, pinnedAt: string): Promise<AuditStats> {
  if (!countsAnswer(filter)) return groupedStats(client, filter, pinnedAt);
  const { days, edges } = splitRange(filter);
  const parts: Array<{ stats: AuditStats; sign: 1 | -1 }> = [];
  if (days) {
    const whole = wholeDays(filter, days);
    parts.push({ stats: await countedStats(client, filter, days), sign: 1 });
    parts.push({ stats: await groupedStats(client, whole, pinnedAt, 'after'), sign: -1 });
  }
  for (const edge of edges) parts.push({ stats: await groupedStats(client, { ...filter, ...edge }, pinnedAt), sign: 1 });
  return addStats(parts);
}
