/**
 * The charts' count tables of the local trail (migrations 0008 and 0009), spelled once: each
 * table, the trigger statements that add an event to it, and its rebuild from the events.
 * - They count what the review lists: every event but an intent that an outcome settles.
 *   An intent counts in `open` while it is in open_intents (its triggers move it).
 * - A missing agent (system events) is kept as '' (a key column cannot be NULL).
 * - Time keys are prefixes of the event's ISO instant: hour `YYYY-MM-DDTHH`, day `YYYY-MM-DD`, month `YYYY-MM`.
 */
export type TimeKey = 'hour' | 'day' | 'month';
export interface CountTable {
  table: string;
  time: TimeKey;
  keys: ReadonlyArray<'action' | 'agent_login'>;
  /** Secondary indexes (key, time). */
  by: ReadonlyArray<'action' | 'agent_login'>;
}

/** A day after every event: a rebuild before it is a fill (a month after it is still a date). */
export const EVERY_DAY = '9999-01-01';

export const OUTCOMES = ['success', 'failure', 'denied', 'unknown', 'open'] as const;
type Values = Record<(typeof OUTCOMES)[number], string>;
const PREFIX: Record<TimeKey, number> = { hour: 13, day: 10, month: 7 };
const named = (t: CountTable) => t.keys.includes('agent_login');
const keyExpr = (row: string) => ({ action: `${row}.action`, agent_login: `coalesce(${row}.agent_login, '')` });
const timeExpr = (t: CountTable, row: string) => `substr(${row}.at, 1, ${PREFIX[t.time]})`;

export function createTableSql(t: CountTable): string {
  return `
      CREATE TABLE ${t.table} (
        ${t.time} TEXT NOT NULL,
        ${t.keys.map((k) => `${k} TEXT NOT NULL,`).join(' ')}
        ${named(t) ? 'agent_name TEXT,' : ''}
        ${OUTCOMES.map((o) => `${o} INTEGER NOT NULL DEFAULT 0`).join(', ')},
        PRIMARY KEY (${[t.time, ...t.keys].join(', ')})
      ) STRICT, WITHOUT ROWID;
      ${t.by.map((k) => `CREATE INDEX ${t.table}_by_${k} ON ${t.table} (${k}, ${t.time});`).join('\n      ')}`;
}

/** Adds one event row `row` (an alias in `from`, filtered by `where`) to every table, under the outcome columns' values. */
export function bumpSql(tables: readonly CountTable[], from: string, row: string, where: string, values: Values): string {
  return tables
    .map((t) => {
      const keys = [t.time, ...t.keys];
      const cols = [...keys, ...(named(t) ? ['agent_name'] : []), ...OUTCOMES];
      const exprs = [timeExpr(t, row), ...t.keys.map((k) => keyExpr(row)[k]), ...(named(t) ? [`${row}.agent_name`] : []), ...OUTCOMES.map((o) => values[o])];
      const sets = [
        ...(named(t) ? ["agent_name = CASE WHEN coalesce(excluded.agent_name, '') > coalesce(agent_name, '') THEN excluded.agent_name ELSE agent_name END"] : []),
        ...OUTCOMES.map((o) => `${o} = ${o} + excluded.${o}`),
      ];
      return `INSERT INTO ${t.table} (${cols.join(', ')}) SELECT ${exprs.join(', ')} FROM ${from} WHERE ${where}
      ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${sets.join(', ')};`;
    })
    .join('\n        ');
}

export const byOutcome = (row: string) => Object.fromEntries(OUTCOMES.map((o) => [o, o === 'open' ? '0' : `(${row}.outcome = '${o}')`])) as Values;
export const openOnly = (delta: number) => Object.fromEntries(OUTCOMES.map((o) => [o, o === 'open' ? String(delta) : '0'])) as Values;

/** The three triggers that keep `tables` (named with `suffix`): an event written, an intent opened, an intent settled. */
export function countTriggersSql(tables: readonly CountTable[], suffix: string): string {
  return `
      CREATE TRIGGER events_count${suffix} AFTER INSERT ON events WHEN NEW.outcome <> 'pending'
      BEGIN
        ${bumpSql(tables, '(SELECT NEW.at AS at, NEW.action AS action, NEW.agent_login AS agent_login, NEW.agent_name AS agent_name, NEW.outcome AS outcome) AS n', 'n', 'true', byOutcome('n'))}
      END;

      CREATE TRIGGER open_intents_count${suffix} AFTER INSERT ON open_intents
      BEGIN
        ${bumpSql(tables, 'events i', 'i', 'i.seq = NEW.seq', openOnly(1))}
      END;

      CREATE TRIGGER open_intents_uncount${suffix} AFTER DELETE ON open_intents
      BEGIN
        ${bumpSql(tables, 'events i', 'i', 'i.seq = OLD.seq', openOnly(-1))}
      END;`;
}

/**
 * The counts of `tables` for every event before `beforeDay` (YYYY-MM-DD, each statement's one
 * parameter) rebuilt from the events: the deletes, then the inserts.
 * A month table rebuilds the whole month holding that day.
 */
export function rebuildSql(tables: readonly CountTable[]): string[] {
  const bound = (t: CountTable) =>
    t.time === 'month' ? { kept: 'month <= substr(?, 1, 7)', events: "e.at < date(?, 'start of month', '+1 month')" } : { kept: `${t.time} < ?`, events: 'e.at < ?' };
  return [
    ...tables.map((t) => `DELETE FROM ${t.table} WHERE ${bound(t).kept}`),
    ...tables.map((t) => {
      const keys = [t.time, ...t.keys];
      const cols = [...keys, ...(named(t) ? ['agent_name'] : []), ...OUTCOMES];
      const exprs = [
        timeExpr(t, 'e'),
        ...t.keys.map((k) => keyExpr('e')[k]),
        ...(named(t) ? ['max(e.agent_name)'] : []),
        ...OUTCOMES.map((o) => (o === 'open' ? "sum(e.outcome = 'pending')" : `sum(e.outcome = '${o}')`)),
      ];
      return `INSERT INTO ${t.table} (${cols.join(', ')})
        SELECT ${exprs.join(', ')} FROM events e
        WHERE ${bound(t).events} AND (e.outcome <> 'pending' OR e.seq IN (SELECT seq FROM open_intents))
        GROUP BY ${exprs.slice(0, keys.length).join(', ')}`;
    }),
  ];
}
