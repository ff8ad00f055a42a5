/**
 * The review across desks, read through the read-only role: a page newest first (keyset on
 * time, desk and seq), one event with its link, the charts' GROUP BY (central-stats.ts reads the
 * count tables first), and each desk's standing.
 */
import type { ClientBase } from 'pg';
import { recordToView } from '../audit/audit-rows';
import type { AuditAction, StoredOutcome } from '../../shared/audit-events';
import type { AuditEventDetail, AuditStats, CentralAuditPage, CentralDeskStanding } from '../../shared/contract/audit';
import { SETTLED, type CentralFilter } from './central-filter';
import { prefixRange } from '../audit/audit-filter';
import { COLUMNS, decodeCursor, encodeCursor, NEWEST_FIRST, pageWhere, SELECT, where, type PageQuery, type Row } from './central-page-sql';
import { TEXT_WINDOWS, textPage, type TextStep } from './central-text-page';

export { decodeCursor, encodeCursor, where };

const view = (r: Row) => ({ ...recordToView(r, r.settled), desk: r.desk });

/** A login prefix naming up to this many logins is read as that many logins, each by its own index in time order. */
export const PREFIX_LOGINS = 32;

/** The free-text sizes (tests set them small to take each path with a few rows), and which step gave rows. */
export interface PageTuning {
  textWindows?: readonly number[];
  onTextStep?: (step: TextStep) => void;
}

async function plainPage(client: ClientBase, q: PageQuery): Promise<Row[]> {
  const w = pageWhere(q, q.filter, 1);
  return (await client.query<Row>(`${SELECT} ${w.sql} ${NEWEST_FIRST} LIMIT $${w.params.length + 1}`, [...w.params, q.limit])).rows;
}

/** The logins under a prefix (one index probe each, skipping from one to the next); null when more than `most`. */
export async function loginsUnder(client: ClientBase, column: 'agent_login' | 'target_login', prefix: string, most = PREFIX_LOGINS): Promise<string[] | null> {
  const [low, high] = prefixRange(prefix);
  const next = (after: string) =>
    `(SELECT ${column} FROM guichet.events WHERE ${column} ${after} AND ${column} ~<~ $2 ORDER BY ${column} USING ~<~ LIMIT 1)`;
  const { rows } = await client.query<{ login: string }>(
    `WITH RECURSIVE logins(login) AS (
       SELECT ${next('~>=~ $1')}
       UNION ALL
       SELECT ${next('~>~ l.login')} FROM logins l WHERE l.login IS NOT NULL
     )
     SELECT login FROM logins WHERE login IS NOT NULL LIMIT $3`,
    [low, high, most + 1],
  );
  return rows.length > most ? null : rows.map((r) => r.login);
}

/**
 * A prefix read as its few logins: each login's newest rows by its own (login, at) index, a
 * page from each, merged. null: no prefix, or one naming too many logins (read as a range).
 */
async function prefixPage(client: ClientBase, q: PageQuery): Promise<Row[] | null> {
  const { agentPrefix, targetPrefix, ...rest } = q.filter;
  const [column, key, prefix, other] =
    agentPrefix !== undefined && rest.agent === undefined
      ? (['agent_login', 'agent', agentPrefix, targetPrefix === undefined ? {} : { targetPrefix }] as const)
      : targetPrefix !== undefined && rest.target === undefined
        ? (['target_login', 'target', targetPrefix, agentPrefix === undefined ? {} : { agentPrefix }] as const)
        : [null, null, null, null];
  if (column === null || rest.text !== undefined || rest.ticket !== undefined) return null;
  const logins = await loginsUnder(client, column, prefix);
  if (logins === null) return null;
  if (logins.length === 0) return [];
  return mergedPage(client, q, logins.map((login) => ({ filter: { ...rest, ...other, [key]: login } })));
}

/**
 * Branches each read newest first by its own index, merged (a Merge Append: each branch is
 * read only as far as the page takes from it), the page's columns made for its rows only.
 */
async function mergedPage(client: ClientBase, q: PageQuery, branches: Array<{ filter: CentralFilter; clause?: string }>): Promise<Row[]> {
  const params: unknown[] = [];
  const selects = branches.map((b) => {
    const w = pageWhere(q, b.filter, params.length + 1);
    params.push(...w.params);
    return `(SELECT e.* FROM guichet.events e ${w.sql}${b.clause ? ` AND ${b.clause}` : ''} ${NEWEST_FIRST} LIMIT ${q.limit})`;
  });
  params.push(q.limit);
  const merged = `SELECT * FROM (${selects.join(' UNION ALL ')}) e ${NEWEST_FIRST} LIMIT $${params.length}`;
  return (await client.query<Row>(`${COLUMNS} FROM (${merged}) e ${NEWEST_FIRST}`, params)).rows;
}

/**
 * Outcome unknown is two kinds of rows (a recorded unknown outcome, an intent no outcome
 * settles): an OR no index reads in time order, so each kind by the (outcome, at) index, merged.
 */
async function unknownPage(client: ClientBase, q: PageQuery): Promise<Row[] | null> {
  const { outcome, ...rest } = q.filter;
  if (outcome !== 'unknown') return null;
  return mergedPage(client, q, [
    { filter: rest, clause: "e.outcome = 'unknown'" },
    { filter: rest, clause: `e.outcome = 'pending' AND NOT ${SETTLED}` },
  ]);
}

export async function centralPage(
  client: ClientBase,
  filter: CentralFilter,
  page: { cursor?: string | undefined; pinnedAt?: string | undefined; limit: number; tuning?: PageTuning },
): Promise<Omit<CentralAuditPage, 'desks'>> {
  const pinnedAt = page.pinnedAt ?? ((await client.query<{ now: string }>("SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS now")).rows[0]!.now);
  const q: PageQuery = { filter, pinnedAt, cursor: page.cursor ? decodeCursor(page.cursor) : null, limit: page.limit,
    tuning: { textWindows: (page.tuning?.textWindows ?? TEXT_WINDOWS).map((n) => Math.max(1, Math.floor(n))) },
  };
  const textual = filter.text !== undefined || filter.ticket !== undefined;
  // No JIT: a page's plan looks costly (estimates over millions of rows) and crosses jit_above_cost,
  // then compiling it took 80 of the 100 ms of a free-text read at 10M; the page reads a few thousand rows.
  await client.query('SET jit = off');
  let rows: Row[];
  try {
    rows = textual
      ? await textPage(client, q, page.tuning?.onTextStep)
      : ((await prefixPage(client, q)) ?? (await unknownPage(client, q)) ?? (await plainPage(client, q)));
  } finally {
    await client.query('RESET jit');
  }
  const last = rows.at(-1);
  return {
    events: rows.map(view),
    nextCursor: rows.length === page.limit && last ? encodeCursor({ at: last.atRaw, desk: last.desk, seq: last.seq }) : null,
    pinnedAt,
  };
}

/** One event of one desk with its link (an outcome with its intent, an intent with its outcome). */
export async function centralEvent(client: ClientBase, desk: string, seq: number): Promise<AuditEventDetail | null> {
  const one = async (clause: string, value: number) =>
    (await client.query<Row>(`${SELECT} WHERE e.desk = $1 AND ${clause} = $2 ORDER BY e.seq LIMIT 1`, [desk, value])).rows[0] ?? null;
  const row = await one('e.seq', seq);
  if (!row) return null;
  const outcome = await one('e.intent_seq', seq);
  const intent = row.intentSeq !== null ? await one('e.seq', row.intentSeq) : null;
  return {
    event: view(row),
    intent: intent ? { ...recordToView(intent, row.outcome as StoredOutcome), desk } : null,
    outcome: outcome ? view(outcome) : null,
  };
}

/** The charts as a GROUP BY of the events: per UTC day and action, per agent, over the same events as the list. */
export async function groupedStats(client: ClientBase, filter: CentralFilter, pinnedAt: string, arrival: 'up-to' | 'after' = 'up-to'): Promise<AuditStats> {
  const w = where(filter, pinnedAt, 1, arrival);
  // What arrived after a pin is found by arrival time first (BRIN), whatever index a filter would pick.
  const events = arrival === 'up-to' ? 'guichet.events e' : 'late e';
  const late = arrival === 'up-to' ? '' : 'WITH late AS MATERIALIZED (SELECT * FROM guichet.events WHERE received_at > $1::timestamptz) ';
  const perDay = await client.query<{ day: string; action: AuditAction; count: number }>(
    `${late}SELECT to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, e.action, count(*)::float8 AS count
     FROM ${events} ${w.sql} GROUP BY 1, 2 ORDER BY 1, 2`,
    w.params,
  );
  const perAgent = await client.query<{ login: string | null; displayName: string | null; count: number }>(
    `${late}SELECT e.agent_login AS login, max(e.agent_name) AS "displayName", count(*)::float8 AS count
     FROM ${events} ${w.sql} GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT 500`,
    w.params,
  );
  return { total: perDay.rows.reduce((sum, r) => sum + r.count, 0), perDay: perDay.rows, perAgent: perAgent.rows };
}

/** Each desk as the centre sees it: its chain's state (checked as rows arrive), head, forks and anchor alarms. */
export async function deskStandings(client: ClientBase): Promise<CentralDeskStanding[]> {
  const { rows } = await client.query<CentralDeskStanding>(
    `SELECT d.id AS desk, d.state, to_char(d.last_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "lastSeen",
       coalesce((SELECT max(seq) FROM guichet.events e WHERE e.desk = d.id), 0)::float8 AS "headSeq",
       (SELECT count(*) FROM guichet.event_forks f WHERE f.desk = d.id)::float8 AS forks,
       (SELECT count(*) FROM guichet.desk_alarms a WHERE a.desk = d.id)::float8 AS alarms
     FROM guichet.desks d ORDER BY d.id`,
  );
  return rows;
}
