/** Audit schema step 8: the charts' counts per UTC day and action / agent, kept by triggers as events are written. */
import type { Migration } from './migration';

/**
 * The journal's charts (per day × action, per agent) as a GROUP BY of a year of events cost
 * hundreds of milliseconds; these tables hold the counts instead, kept in the same
 * transaction as each event by triggers, so a chart reads a few thousand rows.
 * - They count what the review lists: every event but an intent that an outcome settles.
 *   An intent counts in `open` while it is in open_intents (its triggers move it).
 * - A missing agent (system events) is kept as '' (a key column cannot be NULL).
 * - Derived data, not the trail: the chain and verify never read them. The retention purge
 *   rebuilds the days it touched (rebuildCountsSql) inside its own transaction.
 */
const TABLES = [
  { table: 'counts_day_action', keys: ['action'], by: [] },
  { table: 'counts_day_agent', keys: ['agent_login'], by: ['agent_login'] },
  { table: 'counts_day_agent_action', keys: ['agent_login', 'action'], by: ['agent_login', 'action'] },
] as const;
const OUTCOMES = ['success', 'failure', 'denied', 'unknown', 'open'] as const;
type Table = (typeof TABLES)[number];
const named = (t: Table) => t.table !== 'counts_day_action';
const keyExpr = (row: string) => ({ action: `${row}.action`, agent_login: `coalesce(${row}.agent_login, '')` });

/** Adds one event row `row` (an alias in `from`) to every table, under the outcome columns' values. */
function bump(from: string, row: string, values: Record<(typeof OUTCOMES)[number], string>): string {
  return TABLES.map((t) => {
    const keys = ['day', ...t.keys];
    const cols = [...keys, ...(named(t) ? ['agent_name'] : []), ...OUTCOMES];
    const exprs = [`substr(${row}.at, 1, 10)`, ...t.keys.map((k) => keyExpr(row)[k]), ...(named(t) ? [`${row}.agent_name`] : []), ...OUTCOMES.map((o) => values[o])];
    const sets = [
      ...(named(t) ? ["agent_name = CASE WHEN coalesce(excluded.agent_name, '') > coalesce(agent_name, '') THEN excluded.agent_name ELSE agent_name END"] : []),
      ...OUTCOMES.map((o) => `${o} = ${o} + excluded.${o}`),
    ];
    return `INSERT INTO ${t.table} (${cols.join(', ')}) SELECT ${exprs.join(', ')} FROM ${from} WHERE true
      ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${sets.join(', ')};`;
  }).join('\n        ');
}

const byOutcome = (row: string) =>
  Object.fromEntries(OUTCOMES.map((o) => [o, o === 'open' ? '0' : `(${row}.outcome = '${o}')`])) as Record<(typeof OUTCOMES)[number], string>;
const openOnly = (delta: number) => Object.fromEntries(OUTCOMES.map((o) => [o, o === 'open' ? String(delta) : '0'])) as Record<(typeof OUTCOMES)[number], string>;

/** The counts of every day before `beforeDay` (YYYY-MM-DD, bound as each statement's one parameter) rebuilt from the events. */
export function rebuildCountsSql(): string[] {
  return [
    ...TABLES.map((t) => `DELETE FROM ${t.table} WHERE day < ?`),
    ...TABLES.map((t) => {
      const keys = ['day', ...t.keys];
      const cols = [...keys, ...(named(t) ? ['agent_name'] : []), ...OUTCOMES];
      const exprs = [
        'substr(e.at, 1, 10)',
        ...t.keys.map((k) => keyExpr('e')[k]),
        ...(named(t) ? ['max(e.agent_name)'] : []),
        ...OUTCOMES.map((o) => (o === 'open' ? "sum(e.outcome = 'pending')" : `sum(e.outcome = '${o}')`)),
      ];
      return `INSERT INTO ${t.table} (${cols.join(', ')})
        SELECT ${exprs.join(', ')} FROM events e
        WHERE e.at < ? AND (e.outcome <> 'pending' OR e.seq IN (SELECT seq FROM open_intents))
        GROUP BY ${exprs.slice(0, keys.length).join(', ')}`;
    }),
  ];
}

export const eventCounts: Migration = {
  version: 8,
  name: '0008-event-counts',
  up: (db) => {
    db.exec(`
      ${TABLES.map(
        (t) => `
      CREATE TABLE ${t.table} (
        day TEXT NOT NULL,
        ${t.keys.map((k) => `${k} TEXT NOT NULL,`).join(' ')}
        ${named(t) ? 'agent_name TEXT,' : ''}
        ${OUTCOMES.map((o) => `${o} INTEGER NOT NULL DEFAULT 0`).join(', ')},
        PRIMARY KEY (day, ${t.keys.join(', ')})
      ) STRICT, WITHOUT ROWID;
      ${t.by.map((k) => `CREATE INDEX ${t.table}_by_${k} ON ${t.table} (${k}, day);`).join('\n      ')}`,
      ).join('\n')}

      CREATE TRIGGER events_count AFTER INSERT ON events WHEN NEW.outcome <> 'pending'
      BEGIN
        ${bump('(SELECT NEW.at AS at, NEW.action AS action, NEW.agent_login AS agent_login, NEW.agent_name AS agent_name, NEW.outcome AS outcome) AS n', 'n', byOutcome('n'))}
      END;

      CREATE TRIGGER open_intents_count AFTER INSERT ON open_intents
      BEGIN
        ${bump('events i', 'i', openOnly(1)).replaceAll('WHERE true', 'WHERE i.seq = NEW.seq')}
      END;

      CREATE TRIGGER open_intents_uncount AFTER DELETE ON open_intents
      BEGIN
        ${bump('events i', 'i', openOnly(-1)).replaceAll('WHERE true', 'WHERE i.seq = OLD.seq')}
      END;
    `);
    const rebuild = rebuildCountsSql().map((sql) => db.prepare(sql));
    for (const statement of rebuild) statement.run('9999-12-31');
  },
};
