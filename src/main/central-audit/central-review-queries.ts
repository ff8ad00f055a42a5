/**
 * The review across desks, read through the read-only role: a page newest first (keyset on
 * time, desk and seq), one event with its link, the charts' GROUP BY (central-stats.ts reads the
 * count tables first), and each desk's standing.
 */
import type { ClientBase } from 'pg';
import type { HashedRecord } from '../audit/audit-chain';
import { recordToView } from '../audit/audit-rows';
import type { AuditAction, StoredOutcome } from '../../shared/audit-events';
import type { AuditEventDetail, AuditStats, CentralAuditPage, CentralDeskStanding } from '../../shared/contract/audit';
import { centralFilterSql, SETTLED, type CentralFilter } from './central-filter';
import { RECORD_SELECT } from './central-reader';
import { prefixRange } from '../audit/audit-filter';

type Row = HashedRecord & { desk: string; settled: StoredOutcome | null; atRaw: string };

/** Where the previous page stopped: its last event's exact instant (microseconds), desk and seq. */
interface Cursor {
  at: string;
  desk: string;
  seq: number;
}
export const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify([c.at, c.desk, c.seq])).toString('base64url');
export function decodeCursor(text: string): Cursor | null {
  try {
    const [at, desk, seq] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || typeof desk !== 'string' || !Number.isSafeInteger(seq)) return null;
    return { at, desk, seq: seq as number };
  } catch {
    return null;
  }
}

const COLUMNS = `${RECORD_SELECT.replace('FROM guichet.events', '')}, e.desk, e.at::text AS "atRaw",
  CASE WHEN e.outcome = 'pending' THEN (SELECT o.outcome FROM guichet.events o WHERE o.desk = e.desk AND o.intent_seq = e.seq ORDER BY o.seq LIMIT 1) END AS settled`;
const SELECT = `${COLUMNS} FROM guichet.events e`;
const NEWEST_FIRST = 'ORDER BY e.at DESC, e.desk DESC, e.seq DESC';

/**
 * What every review read shares: the pin (rows received up to it; `after`: those received
 * since, which the charts take out of the counts), the filter, settled intents hidden.
 */
export function where(filter: CentralFilter, pinnedAt: string, firstParam: number, arrival: 'up-to' | 'after' = 'up-to') {
  const compiled = centralFilterSql(filter, firstParam + 1);
  const hide = filter.outcome === 'unknown' ? '' : ` AND NOT (e.outcome = 'pending' AND ${SETTLED})`;
  const pin = arrival === 'up-to' ? `e.received_at <= $${firstParam}::timestamptz` : `e.received_at > $${firstParam}::timestamptz`;
  return { sql: `WHERE ${pin}${compiled.sql}${hide}`, params: [pinnedAt, ...compiled.params] };
}

const view = (r: Row) => ({ ...recordToView(r, r.settled), desk: r.desk });

/**
 * Free text has no index in the list's order. A common phrase (one event in a hundred or
 * more) is looked for among the newest rows the other filters keep, read newest first: a
 * small window, then a larger one when the small one held some matches but not a page; the
 * trigram index, whose cost grows with the matches (it builds the bitmap of them all before
 * the first row), answers for a phrase the small window did not hold at all, or when the
 * windows fall short.
 */
export const TEXT_WINDOWS: readonly number[] = [4_000, 20_000];
/** A login prefix naming up to this many logins is read as that many logins, each by its own index in time order. */
export const PREFIX_LOGINS = 32;

interface PageQuery {
  filter: CentralFilter;
  pinnedAt: string;
  cursor: Cursor | null;
  limit: number;
  tuning: { textWindows: readonly number[] };
}

/** The free-text windows (tests set them small to take each path with a few rows). */
export interface PageTuning {
  textWindows?: readonly number[];
}

/** The page's WHERE over `guichet.events e` (pin, filter, settled intents hidden, after the cursor), from $firstParam. */
function pageWhere(q: PageQuery, filter: CentralFilter, firstParam: number): { sql: string; params: unknown[] } {
  const w = where(filter, q.pinnedAt, firstParam);
  if (!q.cursor) return w;
  const n = firstParam + w.params.length;
  return { sql: `${w.sql} AND (e.at, e.desk, e.seq) < ($${n}::timestamptz, $${n + 1}, $${n + 2})`, params: [...w.params, q.cursor.at, q.cursor.desk, q.cursor.seq] };
}

async function plainPage(client: ClientBase, q: PageQuery): Promise<Row[]> {
  const w = pageWhere(q, q.filter, 1);
  return (await client.query<Row>(`${SELECT} ${w.sql} ${NEWEST_FIRST} LIMIT $${w.params.length + 1}`, [...w.params, q.limit])).rows;
}

/** Free text from the newest rows the other filters keep (TEXT_WINDOWS); null: the plain query answers. */
async function textWindowPage(client: ClientBase, q: PageQuery): Promise<Row[] | null> {
  const { text, ticket, ...others } = q.filter;
  const w = pageWhere(q, others, 1);
  const search = centralFilterSql({ ...(text === undefined ? {} : { text }), ...(ticket === undefined ? {} : { ticket }) }, w.params.length + 1);
  const params = [...w.params, ...search.params, q.limit];
  for (const window of q.tuning.textWindows) {
    const { rows } = await client.query<Row>(
      `${COLUMNS} FROM (SELECT * FROM guichet.events e ${w.sql} ${NEWEST_FIRST} LIMIT ${window}) e WHERE true${search.sql} ${NEWEST_FIRST} LIMIT $${params.length}`,
      params,
    );
    if (rows.length === q.limit) return rows;
    if (rows.length === 0) return null;
  }
  return null;
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

/** Branches each read newest first by its own index (a page from each), merged into the page. */
async function mergedPage(client: ClientBase, q: PageQuery, branches: Array<{ filter: CentralFilter; clause?: string }>): Promise<Row[]> {
  const params: unknown[] = [];
  const selects = branches.map((b) => {
    const w = pageWhere(q, b.filter, params.length + 1);
    params.push(...w.params);
    return `(${SELECT} ${w.sql}${b.clause ? ` AND ${b.clause}` : ''} ${NEWEST_FIRST} LIMIT ${q.limit})`;
  });
  params.push(q.limit);
  const merged = `SELECT * FROM (${selects.join(' UNION ALL ')}) e ORDER BY e."atRaw"::timestamptz DESC, e.desk DESC, e.seq DESC LIMIT $${params.length}`;
  return (await client.query<Row>(merged, params)).rows;
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
  const rows = (textual ? await textWindowPage(client, q) : ((await prefixPage(client, q)) ?? (await unknownPage(client, q)))) ?? (await plainPage(client, q));
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
