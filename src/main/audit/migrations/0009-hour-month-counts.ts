/** Audit schema step 9: the charts' counts per UTC hour (the ends of a range) and per month (the per-agent chart of long ranges). */
import type { Migration } from './migration';
import { DAY_TABLES } from './0008-event-counts';
import { countTriggersSql, createTableSql, EVERY_DAY, rebuildSql, type CountTable } from './count-tables';

/**
 * 0008's day tables left two costs: a range to the minute read its partial days from the
 * events, and the per-agent chart of a year read a row per day × agent (× action). Per hour
 * × action and hour × agent, a partial day is its whole hours plus at most one partial hour
 * of events (when the filter names no agent nor action: those read few events); per month ×
 * agent (× action), the per-agent chart reads a row per month. Same rules as 0008, kept by
 * their own triggers next to 0008's.
 */
export const HOUR_MONTH_TABLES: readonly CountTable[] = [
  { table: 'counts_hour_action', time: 'hour', keys: ['action'], by: [] },
  { table: 'counts_hour_agent', time: 'hour', keys: ['agent_login'], by: [] },
  { table: 'counts_month_agent', time: 'month', keys: ['agent_login'], by: [] },
  { table: 'counts_month_agent_action', time: 'month', keys: ['agent_login', 'action'], by: [] },
];

/** Every count table's rebuild for the days before the statement's one parameter (the retention purge). */
export const rebuildCountsSql = (): string[] => rebuildSql([...DAY_TABLES, ...HOUR_MONTH_TABLES]);

export const hourMonthCounts: Migration = {
  version: 9,
  name: '0009-hour-month-counts',
  up: (db) => {
    db.exec(`${HOUR_MONTH_TABLES.map(createTableSql).join('\n')}\n${countTriggersSql(HOUR_MONTH_TABLES, '_hour_month')}`);
    for (const sql of rebuildSql(HOUR_MONTH_TABLES)) db.prepare(sql).run(EVERY_DAY);
  },
};
