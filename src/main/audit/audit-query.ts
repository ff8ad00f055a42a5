/** The review reads of the audit store: a page of events, an account's history, one event with its link, statistics. */
import type Database from 'better-sqlite3';
import type { AuditAction, AuditEventView, AuditFilter, StoredOutcome } from '../../shared/audit-events';
import type { AuditEventDetail, AuditPage, AuditStats } from '../../shared/contract/audit';
import { arrayToRecord, E_COLUMNS, recordToView, type EventRowArray } from './audit-rows';
import { cachedStatement, compileFilter, fromWhere, type Viewer } from './audit-filter';
import { addStats, countsAnswer, countsQueries, hoursAnswer, type CountsDialect } from './stats-parts';
import { countedRange, spanFilter } from './stats-range';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/**
 * One page, newest first. Keyset pagination: `after` is the last seq of the previous
 * page, so page 100 costs what page 1 costs. A null viewer reads every agent's events
 * (an account's own proof, not a review of colleagues).
 */
export function queryEvents(
  db: Database.Database,
  filter: AuditFilter,
  viewer: Viewer | null,
  page: { after?: number; limit?: number } = {},
): AuditPage {
  const limit = Math.min(Math.max(1, page.limit ?? DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
  // A first read pins the head: the pages after it, the count, the charts and the export then cover the same events.
  const head = filter.upToSeq ?? ((cachedStatement(db, 'SELECT max(seq) FROM events').pluck().get() as number | null) ?? 0);
  const upToSeq = head > 0 ? head : null;
  const pinned: AuditFilter = { ...filter, upToSeq: head };
  const parts: Array<'recorded' | 'open-intents' | undefined> = filter.outcome === 'unknown' ? ['recorded', 'open-intents'] : [undefined];
  const rows: EventRowArray[] = [];
  for (const unknownPart of parts) {
    const compiled = compileFilter(db, pinned, viewer, { hideSettledIntents: true, unknownPart });
    if (compiled.empty) return { events: [], nextAfter: null, upToSeq };
    const extra = page.after !== undefined ? [`${compiled.seqColumn} < ?`] : [];
    const { sql, params } = fromWhere(compiled, extra);
    rows.push(
      ...(cachedStatement(db, `SELECT ${E_COLUMNS} ${sql} ORDER BY ${compiled.seqColumn} DESC LIMIT ?`)
        .raw(true)
        .all(...params, ...(page.after !== undefined ? [page.after] : []), limit) as EventRowArray[]),
    );
  }
  // Two parts (unknown): merge newest first and keep one page.
  if (parts.length > 1) rows.sort((a, b) => b[0] - a[0]).splice(limit);
  const events = rows.map((row) => recordToView(arrayToRecord(row)));
  return { events, nextAfter: rows.length === limit ? events.at(-1)!.seq : null, upToSeq };
}

/** One account's history (the account card): events whose target is that login. */
export function accountHistory(
  db: Database.Database,
  login: string,
  viewer: Viewer,
  page: { after?: number; limit?: number } = {},
): AuditPage {
  return queryEvents(db, { target: login }, viewer, page);
}

const ROW_BY_SEQ = `SELECT ${E_COLUMNS} FROM events e WHERE e.seq = ?`;
const OUTCOMES_OF = `SELECT ${E_COLUMNS} FROM events e WHERE e.intent_seq = ? ORDER BY e.seq`;

/**
 * One event with its link: an outcome row comes with its intent, an intent with its
 * outcome (or none: then it reads `unknown`, pending). Null when absent or not the
 * viewer's to see (an agent does not learn that another agent's event exists).
 */
export function eventDetail(db: Database.Database, seq: number, viewer: Viewer): AuditEventDetail | null {
  const row = cachedStatement(db, ROW_BY_SEQ).raw(true).get(seq) as EventRowArray | undefined;
  if (!row) return null;
  const record = arrayToRecord(row);
  if (viewer.role !== 'supervisor' && record.agentLogin !== viewer.login) return null;
  const outcomeRows = (cachedStatement(db, OUTCOMES_OF).raw(true).all(seq) as EventRowArray[]).map(arrayToRecord);
  const settledAs = (outcomeRows[0]?.outcome as StoredOutcome | undefined) ?? null;
  const intentRow =
    record.intentSeq !== null ? (cachedStatement(db, ROW_BY_SEQ).raw(true).get(record.intentSeq) as EventRowArray | undefined) : undefined;
  const intent = intentRow ? arrayToRecord(intentRow) : null;
  return {
    event: recordToView(record, record.outcome === 'pending' ? settledAs : null),
    intent: intent ? recordToView(intent, record.outcome as StoredOutcome) : null,
    outcome: outcomeRows[0] ? recordToView(outcomeRows[0]) : null,
  };
}

/** Actions per day (UTC) and type, and per agent, as a GROUP BY of the filtered events (`after`: only those after this seq). */
export function groupedStats(db: Database.Database, filter: AuditFilter, viewer: Viewer, after?: number): AuditStats {
  const compiled = compileFilter(db, filter, viewer, { hideSettledIntents: true });
  if (compiled.empty) return { total: 0, perDay: [], perAgent: [] };
  const more = after === undefined ? null : { clause: `${compiled.seqColumn} > ?`, param: after };
  const found = fromWhere(compiled, more ? [more.clause] : []);
  // The events after a pin are the newest few: read by rowid, never by a filter's index (a month of `at`).
  const where = more ? { ...found, sql: found.sql.replace(/^FROM events e /, 'FROM events e NOT INDEXED ') } : found;
  const params = more ? [...where.params, more.param] : where.params;
  const perDay = cachedStatement(
    db,
    `SELECT substr(e.at, 1, 10) AS day, e.action AS action, count(*) AS count ${where.sql} GROUP BY day, e.action ORDER BY day, e.action`,
  ).all(...params) as Array<{ day: string; action: AuditAction; count: number }>;
  const perAgent = cachedStatement(
    db,
    `SELECT e.agent_login AS login, max(e.agent_name) AS displayName, count(*) AS count ${where.sql}
     GROUP BY e.agent_login ORDER BY count DESC, login LIMIT 500`,
  ).all(...params) as Array<{ login: string | null; displayName: string | null; count: number }>;
  return { total: perDay.reduce((sum, row) => sum + row.count, 0), perDay, perAgent };
}

const SQLITE: CountsDialect = {
  table: (name) => name,
  param: () => '?',
  key: (unit, ms) => new Date(ms).toISOString().slice(0, { hour: 13, day: 10, month: 7 }[unit]),
  dayText: (unit) => (unit === 'day' ? 'day' : 'substr(hour, 1, 10)'),
  atLeast: '>=',
  below: '<',
  count: (columns, grouped) => (grouped ? `sum(${columns})` : `(${columns})`),
};

/**
 * Actions per day (UTC) and type, and per agent, over the filtered range. A supervisor's
 * charts read whole months, days and hours from the count tables (migrations 0008, 0009),
 * less the events after the list's pin; the partial hours (or days) at the range's ends, an
 * agent's own charts and filters the counts do not hold (target, free text) are a GROUP BY
 * of the events.
 */
export function eventStats(db: Database.Database, filter: AuditFilter, viewer: Viewer): AuditStats {
  if (viewer.role !== 'supervisor' || !countsAnswer(filter)) return groupedStats(db, filter, viewer);
  const range = countedRange(filter, hoursAnswer(filter));
  const parts: Array<{ stats: AuditStats; sign: 1 | -1 }> = [];
  if (range.counted) {
    const counted: AuditStats = { total: 0, perDay: [], perAgent: [] };
    for (const q of countsQueries(filter, range, SQLITE)) {
      const rows = cachedStatement(db, q.sql).all(...q.params);
      if (q.part === 'day') counted.perDay.push(...(rows as AuditStats['perDay']));
      else counted.perAgent.push(...(rows as AuditStats['perAgent']));
    }
    parts.push({ stats: counted, sign: 1 });
    const head = cachedStatement(db, 'SELECT max(seq) FROM events').pluck().get() as number | null;
    if (filter.upToSeq !== undefined && head !== null && head > filter.upToSeq) {
      const { upToSeq, ...unpinned } = filter;
      parts.push({ stats: groupedStats(db, spanFilter(unpinned, range.counted), viewer, upToSeq), sign: -1 });
    }
  }
  for (const edge of range.edges) parts.push({ stats: groupedStats(db, { ...filter, ...edge }, viewer), sign: 1 });
  return addStats(parts);
}

export type { AuditEventView };
