/** Central schema step 6: the charts' counts per UTC day and action / agent, kept as rows arrive. */
import type { CentralMigration } from './migration';

/**
 * The journal's charts (per day × action, per agent) over millions of rows cannot be a
 * GROUP BY of the events at every look: these tables hold the counts, maintained by a
 * statement trigger on each insert (one upsert per table and batch), so a chart reads a few
 * thousand rows whatever the trail's size.
 * - The counts are of what the review lists: every row but an intent (outcome 'pending')
 *   that an outcome settles. An intent counts in `open` until its first outcome arrives;
 *   that outcome takes it back out (-1), as the review's SETTLED test hides it.
 * - Keyed by day across desks (the review has no desk filter): a year's chart reads about
 *   5,000 rows whatever the number of desks. Desks forwarding at once meet on today's rows:
 *   each batch locks them from its trigger to its commit, in key order (no deadlock), which
 *   the 20-desk ingest figure of bench:central includes.
 * - A missing agent (system events) is kept as '' (a key column cannot be NULL).
 * - Derived data, not the trail: not append-only, written only by the owner's trigger,
 *   read by the reader; the review checks nothing against it. central-stats.ts adds to it
 *   the partial days of a range and takes out the rows received after a review's pin
 *   (found through `events_by_arrival`, a BRIN index: arrivals are in time order).
 */
const COUNT_TABLES = [
  { table: 'counts_day_action', keys: ['action'], by: [] },
  { table: 'counts_day_agent', keys: ['agent_login'], by: ['agent_login'] },
  { table: 'counts_day_agent_action', keys: ['agent_login', 'action'], by: ['agent_login', 'action'] },
] as const;

const OUTCOME_COLUMNS = ['success', 'failure', 'denied', 'unknown', 'open'] as const;
const named = (t: (typeof COUNT_TABLES)[number]) => t.table !== 'counts_day_action';

/** What a set of rows `n` adds: +1 for each row, under its outcome ('pending' is open). */
const contributionsOf = (rows: string) => `
  SELECT (n.at AT TIME ZONE 'UTC')::date AS day, n.action, coalesce(n.agent_login, '') AS agent_login, n.agent_name,
    CASE n.outcome WHEN 'pending' THEN 'open' ELSE n.outcome END AS bucket, 1 AS d
  FROM ${rows} n`;

function upsert(t: (typeof COUNT_TABLES)[number], from: string): string {
  const keys = ['day', ...t.keys];
  const sums = OUTCOME_COLUMNS.map((c) => `coalesce(sum(d) FILTER (WHERE bucket = '${c}'), 0)`);
  return `INSERT INTO guichet.${t.table} AS c (${[...keys, ...(named(t) ? ['agent_name'] : []), ...OUTCOME_COLUMNS].join(', ')})
    SELECT ${[...keys, ...(named(t) ? ['max(agent_name)'] : []), ...sums].join(', ')} FROM ${from}
    GROUP BY ${keys.join(', ')} ORDER BY ${keys.join(', ')}
    ON CONFLICT (${keys.join(', ')}) DO UPDATE SET
      ${[...(named(t) ? ['agent_name = greatest(c.agent_name, excluded.agent_name)'] : []), ...OUTCOME_COLUMNS.map((c) => `${c} = c.${c} + excluded.${c}`)].join(', ')}`;
}

/** What every row already held adds to the counts: a SELECT of (day, action, agent_login, agent_name, bucket, d). */
export const heldContributionsSql = `${contributionsOf('guichet.events')} WHERE NOT (n.outcome = 'pending' AND EXISTS (SELECT 1 FROM guichet.events o WHERE o.desk = n.desk AND o.intent_seq = n.seq))`;

/**
 * The counts of every row already held (the migration's own fill), or of `contributions`, a
 * relation of the same columns (the benchmark's bulk load sums the rows once, then fills each table from that).
 */
export function centralCountsFillSql(contributions = `(${heldContributionsSql}) AS visible`): string[] {
  return COUNT_TABLES.map((t) => upsert(t, contributions));
}

export const eventCounts: CentralMigration = {
  version: 6,
  name: '0006-event-counts',
  sql: `
    ${COUNT_TABLES.map(
      (t) => `
    CREATE TABLE guichet.${t.table} (
      day date NOT NULL,
      ${t.keys.map((k) => `${k} text NOT NULL`).join(',\n      ')},
      ${named(t) ? 'agent_name text,' : ''}
      ${OUTCOME_COLUMNS.map((c) => `${c} bigint NOT NULL DEFAULT 0`).join(', ')},
      PRIMARY KEY (day, ${t.keys.join(', ')})
    );
    ${t.by.map((k) => `CREATE INDEX ${t.table}_by_${k} ON guichet.${t.table} (${k}, day);`).join('\n    ')}
    GRANT SELECT ON guichet.${t.table} TO guichet_reader;`,
    ).join('\n')}

    CREATE INDEX events_by_arrival ON guichet.events USING brin (received_at);

    -- The rows a statement inserted (resends and forks are not among them: check_chain
    -- skipped them) and the intents whose first outcome they are.
    CREATE FUNCTION guichet.count_inserted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
    BEGIN
      WITH delta AS (
        ${contributionsOf('new_rows')}
        UNION ALL
        SELECT (i.at AT TIME ZONE 'UTC')::date, i.action, coalesce(i.agent_login, ''), i.agent_name, 'open', -1
        FROM new_rows n JOIN guichet.events i ON i.desk = n.desk AND i.seq = n.intent_seq AND i.outcome = 'pending'
        WHERE NOT EXISTS (SELECT 1 FROM guichet.events o WHERE o.desk = n.desk AND o.intent_seq = n.intent_seq AND o.seq < n.seq)
      ),
      ${COUNT_TABLES.slice(0, -1)
        .map((t, i) => `u${i} AS (${upsert(t, 'delta')} RETURNING 1)`)
        .join(',\n      ')}
      ${upsert(COUNT_TABLES.at(-1)!, 'delta')};
      RETURN NULL;
    END $$;
    REVOKE ALL ON FUNCTION guichet.count_inserted() FROM PUBLIC;

    CREATE TRIGGER events_count AFTER INSERT ON guichet.events
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION guichet.count_inserted();

    -- The rows already here.
    ${centralCountsFillSql().join(';\n    ')};
  `,
};

