/**
 * The read side of the central store, through the read-only role: each desk's chain checked
 * again with the local hash function, a desk's head, its events (for export), and counts.
 */
import type { ClientBase } from 'pg';
import { ChainChecker, GENESIS_HEX, type ChainBreak, type HashedRecord } from '../audit/audit-chain';
import { centralFilterSql, type CentralFilter } from './central-filter';
import type { DeskState } from './central-session';

export interface CentralDesk {
  id: string;
  role: string;
  firstSeen: string;
  lastSeen: string;
  state: DeskState;
  stateSince: string | null;
  publicKey: string | null;
}

export interface DeskVerification {
  desk: string;
  state: DeskState;
  events: number;
  fromSeq: number | null;
  headSeq: number | null;
  headHash: string | null;
  /** null: the chain held centrally is intact from its first row to its head. */
  broken: ChainBreak | null;
  /** Rows kept aside because they did not follow the chain (forks, gaps). */
  forks: number;
  alarms: number;
}

/** Columns read back as the local trail holds them: `at` as its exact ISO text, hashes in hex. */
export const RECORD_SELECT = `SELECT seq::float8 AS seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
  action, outcome, intent_seq::float8 AS "intentSeq", agent_login AS "agentLogin", agent_name AS "agentName", workstation,
  target_login AS "targetLogin", target_dn AS "targetDn", evidence, directory_code AS "directoryCode", details, comment,
  encode(prev_hash, 'hex') AS "prevHash", encode(hash, 'hex') AS hash FROM guichet.events`;

const PAGE = 5_000;

/** The filter's clauses, and the review's pin (rows received up to it) when there is one. */
function pinned(filter: CentralFilter, firstParam: number, receivedUpTo: string | undefined): { sql: string; params: unknown[] } {
  const where = centralFilterSql(filter, firstParam);
  if (receivedUpTo === undefined) return where;
  return { sql: `${where.sql} AND e.received_at <= $${firstParam + where.params.length}::timestamptz`, params: [...where.params, receivedUpTo] };
}

export async function listDesks(client: ClientBase): Promise<CentralDesk[]> {
  const { rows } = await client.query<CentralDesk>(
    `SELECT id, role, first_seen AS "firstSeen", last_seen AS "lastSeen", state, state_since AS "stateSince", public_key AS "publicKey"
     FROM guichet.desks ORDER BY id`,
  );
  return rows.map((r) => ({
    ...r,
    firstSeen: new Date(r.firstSeen).toISOString(),
    lastSeen: new Date(r.lastSeen).toISOString(),
    stateSince: r.stateSince ? new Date(r.stateSince).toISOString() : null,
  }));
}

/** A desk's events, in order, a page at a time (keyset: flat memory at any size). */
export async function* deskEvents(client: ClientBase, desk: string): AsyncGenerator<HashedRecord> {
  let after = 0;
  for (;;) {
    const { rows } = await client.query<HashedRecord>(`${RECORD_SELECT} e WHERE e.desk = $1 AND e.seq > $2 ORDER BY e.desk, e.seq LIMIT $3`, [desk, after, PAGE]);
    for (const row of rows) yield row;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.seq;
  }
}

/**
 * A desk's rows a filter keeps, in order: the FROM … ORDER BY of an export; `seqs`, the numbers
 * its rows lie between (central-export-seq-bounds.ts), read as a range of the primary key.
 */
export function deskRowsQuery(desk: string, filter: CentralFilter, receivedUpTo?: string, seqs?: { lo: number; hi: number }): { sql: string; params: unknown[] } {
  const where = pinned(filter, 2, receivedUpTo);
  const next = 2 + where.params.length;
  const range = seqs ? ` AND e.seq BETWEEN $${next} AND $${next + 1}` : '';
  return {
    sql: `FROM guichet.events e WHERE e.desk = $1${where.sql}${range} ORDER BY e.desk, e.seq`,
    params: [desk, ...where.params, ...(seqs ? [seqs.lo, seqs.hi] : [])],
  };
}

export async function centralHead(client: ClientBase, desk: string): Promise<{ headSeq: number; headHash: string | null }> {
  const { rows } = await client.query<{ seq: number; hash: string }>(
    `SELECT seq::float8 AS seq, encode(hash, 'hex') AS hash FROM guichet.events WHERE desk = $1 ORDER BY seq DESC LIMIT 1`,
    [desk],
  );
  return { headSeq: rows[0]?.seq ?? 0, headHash: rows[0]?.hash ?? null };
}

/** Walks one desk's chain as held centrally, recomputing every hash (the same check as a local verify). */
export async function verifyDesk(client: ClientBase, desk: CentralDesk): Promise<DeskVerification> {
  let checker: ChainChecker | null = null;
  let broken: ChainBreak | null = null;
  let fromSeq: number | null = null;
  for await (const record of deskEvents(client, desk.id)) {
    // The first row starts the chain: from genesis at seq 1, otherwise after a local purge.
    checker ??= new ChainChecker({ startSeq: record.seq, startPrev: record.seq === 1 ? GENESIS_HEX : null, contiguous: true });
    fromSeq ??= record.seq;
    broken = checker.push(record);
    if (broken) break;
  }
  broken ??= checker?.finish() ?? null;
  const counts = await client.query<{ forks: number; alarms: number }>(
    `SELECT (SELECT count(*) FROM guichet.event_forks WHERE desk = $1)::float8 AS forks,
            (SELECT count(*) FROM guichet.desk_alarms WHERE desk = $1)::float8 AS alarms`,
    [desk.id],
  );
  return {
    desk: desk.id,
    state: desk.state,
    events: checker?.count ?? 0,
    fromSeq,
    headSeq: checker?.lastSeq ?? null,
    headHash: checker?.lastHash ?? null,
    broken,
    forks: counts.rows[0]!.forks,
    alarms: counts.rows[0]!.alarms,
  };
}

export interface CentralTally {
  total: number;
  byDesk: Map<string, number>;
  byAction: Map<string, number>;
  byOutcome: Map<string, number>;
  byAgent: Map<string, number>;
  first: string | null;
  last: string | null;
}

/** Counts over every desk; an intent is counted once, as unknown while no outcome of its desk names it. */
export async function centralTally(client: ClientBase): Promise<CentralTally> {
  const grouped = await client.query<{ desk: string; action: string; outcome: string; agent: string | null; n: number }>(
    `SELECT e.desk, e.action,
            CASE WHEN e.outcome = 'pending' THEN 'unknown' ELSE e.outcome END AS outcome,
            e.agent_login AS agent, count(*)::float8 AS n
     FROM guichet.events e
     WHERE e.outcome <> 'pending'
        OR NOT EXISTS (SELECT 1 FROM guichet.events o WHERE o.desk = e.desk AND o.intent_seq = e.seq)
     GROUP BY 1, 2, 3, 4`,
  );
  const range = await client.query<{ first: string | null; last: string | null }>(
    `SELECT to_char(min(at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS first, to_char(max(at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS last FROM guichet.events`,
  );
  const tally: CentralTally = { total: 0, byDesk: new Map(), byAction: new Map(), byOutcome: new Map(), byAgent: new Map(), ...range.rows[0]! };
  const bump = (map: Map<string, number>, key: string, by: number) => map.set(key, (map.get(key) ?? 0) + by);
  for (const row of grouped.rows) {
    tally.total += row.n;
    bump(tally.byDesk, row.desk, row.n);
    bump(tally.byAction, row.action, row.n);
    bump(tally.byOutcome, row.outcome, row.n);
    bump(tally.byAgent, row.agent ?? '', row.n);
  }
  return tally;
}

export type { CentralFilter };
