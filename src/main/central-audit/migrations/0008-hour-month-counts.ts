/** Central schema step 8: the charts' counts per UTC hour (the ends of a range) and per month (the per-agent chart of long ranges). */
import type { CentralMigration } from './migration';

/**
 * 0006's day tables left two costs: a range to the minute read its partial days from the
 * events (tens of thousands of rows each end), and the per-agent chart of a year read a row
 * per day × agent (× action). These tables take both:
 * - per hour × action and hour × agent: a partial day is its whole hours from here plus at
 *   most one partial hour from the events (used when the filter names no agent nor action:
 *   those read few events);
 * - per month × agent and month × agent × action: the per-agent chart over whole months.
 * Same rules as 0006 (what the review lists: an intent counts `open` until its first outcome
 * arrives, which takes it back out; a missing agent is ''), kept by the same statement trigger,
 * now upserting all seven tables in key order.
 */
type Key = 'hour' | 'day' | 'month' | 'action' | 'agent_login';
interface CountTable {
  table: string;
  keys: readonly Key[];
}
const OLD_TABLES: readonly CountTable[] = [
  { table: 'counts_day_action', keys: ['day', 'action'] },
  { table: 'counts_day_agent', keys: ['day', 'agent_login'] },
  { table: 'counts_day_agent_action', keys: ['day', 'agent_login', 'action'] },
];
const NEW_TABLES: readonly CountTable[] = [
  { table: 'counts_hour_action', keys: ['hour', 'action'] },
  { table: 'counts_hour_agent', keys: ['hour', 'agent_login'] },
  { table: 'counts_month_agent', keys: ['month', 'agent_login'] },
  { table: 'counts_month_agent_action', keys: ['month', 'agent_login', 'action'] },
];
export const HOUR_MONTH_TABLES = NEW_TABLES.map((t) => t.table);
const OUTCOME_COLUMNS = ['success', 'failure', 'denied', 'unknown', 'open'] as const;
const named = (t: CountTable) => t.keys.includes('agent_login');
const KEY_TYPES: Record<Key, string> = { hour: 'timestamp', day: 'date', month: 'date', action: 'text', agent_login: 'text' };

/** The time keys of a row `n` whose instant is `at`. */
const timeKeys = (at: string) =>
  `(${at} AT TIME ZONE 'UTC')::date AS day, date_trunc('hour', ${at} AT TIME ZONE 'UTC') AS hour, date_trunc('month', ${at} AT TIME ZONE 'UTC')::date AS month`;

/** What a set of rows `n` adds: +1 for each row, under its outcome ('pending' is open). */
const contributionsOf = (rows: string) => `
  SELECT ${timeKeys('n.at')}, n.action, coalesce(n.agent_login, '') AS agent_login, n.agent_name,
    CASE n.outcome WHEN 'pending' THEN 'open' ELSE n.outcome END AS bucket, 1 AS d
  FROM ${rows} n`;

/** Adds the rows of `from` (columns day, hour, month, action, agent_login, agent_name, bucket, d) to table `t`. */
function upsert(t: CountTable, from: string): string {
  const sums = OUTCOME_COLUMNS.map((c) => `coalesce(sum(d) FILTER (WHERE bucket = '${c}'), 0)`);
  const keys = t.keys.join(', ');
  return `INSERT INTO guichet.${t.table} AS c (${[...t.keys, ...(named(t) ? ['agent_name'] : []), ...OUTCOME_COLUMNS].join(', ')})
    SELECT ${[...t.keys, ...(named(t) ? ['max(agent_name)'] : []), ...sums].join(', ')} FROM ${from}
    GROUP BY ${keys} ORDER BY ${keys}
    ON CONFLICT (${keys}) DO UPDATE SET
      ${[...(named(t) ? ['agent_name = greatest(c.agent_name, excluded.agent_name)'] : []), ...OUTCOME_COLUMNS.map((c) => `${c} = c.${c} + excluded.${c}`)].join(', ')}`;
}

/**
 * The new tables' counts of every row already held: the hour tables from one GROUP BY of the
 * events, the month tables from 0006's day tables (which hold the same counts by day).
 */
export function hourMonthCountsFillSql(): string[] {
  const held = `${contributionsOf('guichet.events')} WHERE NOT (n.outcome = 'pending' AND EXISTS (SELECT 1 FROM guichet.events o WHERE o.desk = n.desk AND o.intent_seq = n.seq))`;
  const sums = OUTCOME_COLUMNS.map((c) => `sum(${c})`).join(', ');
  return [
    `CREATE TEMP TABLE held_by_hour AS
      SELECT NULL::date AS day, hour, NULL::date AS month, action, agent_login, max(agent_name) AS agent_name, bucket, sum(d) AS d
      FROM (${held}) held GROUP BY hour, action, agent_login, bucket`,
    ...NEW_TABLES.filter((t) => t.keys.includes('hour')).map((t) => upsert(t, 'held_by_hour')),
    `INSERT INTO guichet.counts_month_agent (month, agent_login, agent_name, ${OUTCOME_COLUMNS.join(', ')})
      SELECT date_trunc('month', day)::date, agent_login, max(agent_name), ${sums} FROM guichet.counts_day_agent GROUP BY 1, 2`,
    `INSERT INTO guichet.counts_month_agent_action (month, agent_login, action, agent_name, ${OUTCOME_COLUMNS.join(', ')})
      SELECT date_trunc('month', day)::date, agent_login, action, max(agent_name), ${sums} FROM guichet.counts_day_agent_action GROUP BY 1, 2, 3`,
    'DROP TABLE held_by_hour',
  ];
}

const ALL_TABLES = [...OLD_TABLES, ...NEW_TABLES];

export const hourMonthCounts: CentralMigration = {
  version: 8,
  name: '0008-hour-month-counts',
  sql: `
    ${NEW_TABLES.map(
      (t) => `
    CREATE TABLE guichet.${t.table} (
      ${t.keys.map((k) => `${k} ${KEY_TYPES[k]} NOT NULL`).join(',\n      ')},
      ${named(t) ? 'agent_name text,' : ''}
      ${OUTCOME_COLUMNS.map((c) => `${c} bigint NOT NULL DEFAULT 0`).join(', ')},
      PRIMARY KEY (${t.keys.join(', ')})
    );
    GRANT SELECT ON guichet.${t.table} TO guichet_reader;`,
    ).join('\n')}

    -- 0006's trigger function, now keeping the seven tables.
    CREATE OR REPLACE FUNCTION guichet.count_inserted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
    BEGIN
      WITH delta AS (
        ${contributionsOf('new_rows')}
        UNION ALL
        SELECT ${timeKeys('i.at')}, i.action, coalesce(i.agent_login, ''), i.agent_name, 'open', -1
        FROM new_rows n JOIN guichet.events i ON i.desk = n.desk AND i.seq = n.intent_seq AND i.outcome = 'pending'
        WHERE NOT EXISTS (SELECT 1 FROM guichet.events o WHERE o.desk = n.desk AND o.intent_seq = n.intent_seq AND o.seq < n.seq)
      ),
      ${ALL_TABLES.slice(0, -1)
        .map((t, i) => `u${i} AS (${upsert(t, 'delta')} RETURNING 1)`)
        .join(',\n      ')}
      ${upsert(ALL_TABLES.at(-1)!, 'delta')};
      RETURN NULL;
    END $$;

    ${hourMonthCountsFillSql().join(';\n    ')};
  `,
};
