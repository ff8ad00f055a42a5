/**
 * What every read of the review's list shares: the row it reads, the page cursor (keyset on
 * time, desk and seq), the pin and filter as a WHERE over `guichet.events e`, newest first.
 */
import type { HashedRecord } from '../audit/audit-chain';
import type { StoredOutcome } from '../../shared/audit-events';
import { centralFilterSql, SETTLED, type CentralFilter } from './central-filter';
import { RECORD_SELECT } from './central-reader';

export type Row = HashedRecord & { desk: string; settled: StoredOutcome | null; atRaw: string };

/** Where the previous page stopped: its last event's exact instant (microseconds), desk and seq. */
export interface Cursor {
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

/** The page's columns over a relation `e` with the events' columns (the table, or a subquery of it). */
export const COLUMNS = `${RECORD_SELECT.replace('FROM guichet.events', '')}, e.desk, e.at::text AS "atRaw",
  CASE WHEN e.outcome = 'pending' THEN (SELECT o.outcome FROM guichet.events o WHERE o.desk = e.desk AND o.intent_seq = e.seq ORDER BY o.seq LIMIT 1) END AS settled`;
export const SELECT = `${COLUMNS} FROM guichet.events e`;
export const NEWEST_FIRST = 'ORDER BY e.at DESC, e.desk DESC, e.seq DESC';

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

/** The free-text reads' sizes (tests set them small to take each path with a few rows). */
export interface TextTuning {
  /** The newest rows the other filters keep, looked through first: the first window, then (a common phrase) a larger one. */
  textWindows: readonly number[];
}

export interface PageQuery {
  filter: CentralFilter;
  pinnedAt: string;
  cursor: Cursor | null;
  limit: number;
  tuning: TextTuning;
}

/** The page's WHERE over `guichet.events e` (pin, filter, settled intents hidden, after the cursor), from $firstParam. */
export function pageWhere(q: PageQuery, filter: CentralFilter, firstParam: number): { sql: string; params: unknown[] } {
  const w = where(filter, q.pinnedAt, firstParam);
  if (!q.cursor) return w;
  const n = firstParam + w.params.length;
  // The plain bound on `at` too: the planner estimates a row comparison's share poorly (a third), a range well.
  return {
    sql: `${w.sql} AND e.at <= $${n}::timestamptz AND (e.at, e.desk, e.seq) < ($${n}::timestamptz, $${n + 1}, $${n + 2})`,
    params: [...w.params, q.cursor.at, q.cursor.desk, q.cursor.seq],
  };
}
