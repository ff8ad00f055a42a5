/** Audit schema step 8: the charts' counts per UTC day and action / agent, kept by triggers as events are written. */
import type { Migration } from './migration';
import { countTriggersSql, createTableSql, EVERY_DAY, rebuildSql, type CountTable } from './count-tables';

/**
 * The journal's charts (per day × action, per agent) as a GROUP BY of a year of events cost
 * hundreds of milliseconds; these tables hold the counts instead, kept in the same
 * transaction as each event by triggers, so a chart reads a few thousand rows (count-tables.ts).
 * Derived data, not the trail: the chain and verify never read them. The retention purge
 * rebuilds the days it touched (rebuildCountsSql) inside its own transaction.
 */
export const DAY_TABLES: readonly CountTable[] = [
  { table: 'counts_day_action', time: 'day', keys: ['action'], by: [] },
  { table: 'counts_day_agent', time: 'day', keys: ['agent_login'], by: ['agent_login'] },
  { table: 'counts_day_agent_action', time: 'day', keys: ['agent_login', 'action'], by: ['agent_login', 'action'] },
];

export const eventCounts: Migration = {
  version: 8,
  name: '0008-event-counts',
  up: (db) => {
    db.exec(`${DAY_TABLES.map(createTableSql).join('\n')}\n${countTriggersSql(DAY_TABLES, '')}`);
    for (const sql of rebuildSql(DAY_TABLES)) db.prepare(sql).run(EVERY_DAY);
  },
};
