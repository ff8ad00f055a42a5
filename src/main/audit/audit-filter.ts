/** An audit filter and the role rule compiled to SQL over the events table (and its text index). */
import type Database from 'better-sqlite3';
import type { AuditFilter } from '../../shared/audit-events';
import type { Role } from '../../shared/domain';
import { GuichetError } from '../../shared/result';

/** Who is looking: supervisors see every event, agents only the ones they made. */
export interface Viewer {
  login: string;
  role: Role;
}

/** A filter turned into SQL over `events e` (and `events_fts f` when there is free text). */
export interface CompiledFilter {
  clauses: string[];
  params: unknown[];
  /** FTS5 query, or null. */
  match: string | null;
  /** The seq column to range and sort on: `f.rowid` when driven by the text index, `o.seq` by open intents. */
  seqColumn: 'e.seq' | 'f.rowid' | 'o.seq';
  /** Driven by the (small) open_intents table: the intents still waiting for an outcome. */
  openIntentsOnly: boolean;
  /** A date bound matched no event at all: the answer is empty without asking. */
  empty: boolean;
}

const DAY_MS = 86_400_000;

/** `from` is inclusive; a date-only `to` includes that whole (UTC) day. */
export function normaliseBound(value: string, kind: 'from' | 'to'): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = Date.parse(`${value}T00:00:00.000Z`);
    return new Date(kind === 'to' ? start + DAY_MS : start).toISOString();
  }
  return new Date(value).toISOString();
}

/** Free text as an FTS5 trigram query: each word is a quoted substring, all required. */
export function ftsQuery(text: string): string {
  const words = text.trim().split(/\s+/);
  const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
  // The trigram index cannot match fewer than 3 characters: then the whole text is one substring.
  if (words.some((word) => [...word].length < 3)) return quote(text.trim());
  return words.map(quote).join(' AND ');
}

/**
 * The text index's part of a filter: the free text, and the ticket as one quoted substring
 * (so a ticket reads the index instead of every event; its exact match is a row check after).
 * A ticket under 3 characters cannot use the trigrams: it is only the row check.
 */
export function textMatchOf(filter: Pick<AuditFilter, 'text' | 'ticket'>): string | null {
  const ticket = filter.ticket && [...filter.ticket].length >= 3 ? `"${filter.ticket.replaceAll('"', '""')}"` : null;
  const parts = [filter.text ? ftsQuery(filter.text) : null, ticket].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(' AND ') : null;
}

/** Does this filter read the text index (which must then be caught up first)? */
export const usesTextIndex = (filter: Pick<AuditFilter, 'text' | 'ticket'>): boolean => textMatchOf(filter) !== null;

/**
 * The bounds of every string that starts with `prefix`, for an index range read: from the
 * prefix itself up to (excluded) the prefix with its last code point raised by one. SQLite
 * compares text as UTF-8 bytes, whose order is the code points' order.
 */
export function prefixRange(prefix: string): [string, string] {
  const points = [...prefix];
  while (points.length > 0) {
    const last = points.pop()!.codePointAt(0)!;
    if (last < 0x10ffff) {
      const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
      return [prefix, points.join('') + String.fromCodePoint(next)];
    }
  }
  // Only U+10FFFF: no string is above them all; one more of it bounds any real login.
  return [prefix, `${prefix}\u{10FFFF}`];
}

const statementCache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** Prepared statements by SQL text: filters combine into a handful of shapes. */
export function cachedStatement(db: Database.Database, sql: string): Database.Statement {
  let cache = statementCache.get(db);
  if (!cache) statementCache.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    if (cache.size > 256) cache.clear();
    cache.set(sql, statement);
  }
  return statement;
}

/**
 * Compiles the filter and the role rule. A date range becomes a seq range (times never go
 * backwards along the chain), so every filter is an index range read in seq order.
 * `hideSettledIntents`: lists show an operation once (its outcome row); an intent shows
 * only while it has no outcome, as `unknown`. Exports keep every row (the chain needs them).
 */
export function compileFilter(
  db: Database.Database,
  filter: AuditFilter,
  viewer: Viewer | null,
  options: {
    hideSettledIntents: boolean;
    /**
     * `unknown` covers two sets: outcomes recorded as unknown, and intents with no outcome.
     * One OR over both defeats the indexes, so lists ask for each part separately and merge.
     */
    unknownPart?: 'both' | 'recorded' | 'open-intents';
  },
): CompiledFilter {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const match = textMatchOf(filter);
  const unknownPart = filter.outcome === 'unknown' ? (options.unknownPart ?? 'both') : null;
  const openIntentsOnly = unknownPart === 'open-intents' && !match;
  const seqColumn = match ? 'f.rowid' : openIntentsOnly ? 'o.seq' : 'e.seq';
  let empty = false;

  if (viewer && viewer.role !== 'supervisor' && filter.agent && filter.agent !== viewer.login)
    throw new GuichetError('FORBIDDEN', 'agents see only their own events');
  if (viewer && viewer.role !== 'supervisor' && filter.agentPrefix && !viewer.login.startsWith(filter.agentPrefix))
    throw new GuichetError('FORBIDDEN', 'agents see only their own events');
  const agent = viewer && viewer.role !== 'supervisor' ? viewer.login : filter.agent;
  const agentPrefix = agent ? undefined : filter.agentPrefix;
  const targetPrefix = filter.target ? undefined : filter.targetPrefix;
  // One index drives, chosen by how few rows a value has (an account's history: a few dozen;
  // an agent: ~2 %; an action or outcome: up to 85 %). The others are plain row checks
  // (`+column` keeps the planner off their index), so the plan never depends on statistics.
  // A prefix reads its index as a range (then the page is sorted: the cost is the matches').
  const driver =
    match || openIntentsOnly
      ? null
      : filter.target || targetPrefix
        ? 'target'
        : agent || agentPrefix
          ? 'agent'
          : filter.action
            ? 'action'
            : 'outcome';
  const column = (name: string, kind: string) => `${driver === kind ? '' : '+'}e.${name}`;
  const equalOrPrefix = (name: string, kind: string, exact: string | undefined, prefix: string | undefined) => {
    if (exact) {
      clauses.push(`${column(name, kind)} = ?`);
      params.push(exact);
    } else if (prefix) {
      clauses.push(`${column(name, kind)} >= ?`, `${column(name, kind)} < ?`);
      params.push(...prefixRange(prefix));
    }
  };
  equalOrPrefix('agent_login', 'agent', agent, agentPrefix);
  equalOrPrefix('target_login', 'target', filter.target, targetPrefix);
  if (filter.action) {
    clauses.push(`${column('action', 'action')} = ?`);
    params.push(filter.action);
  }
  if (unknownPart === 'both') clauses.push("(e.outcome = 'unknown' OR e.seq IN (SELECT seq FROM open_intents))");
  else if (unknownPart === 'recorded') clauses.push(`${column('outcome', 'outcome')} = 'unknown'`);
  else if (unknownPart === 'open-intents' && match) clauses.push('e.seq IN (SELECT seq FROM open_intents)');
  else if (filter.outcome && !unknownPart) {
    clauses.push(`${column('outcome', 'outcome')} = ?`);
    params.push(filter.outcome);
  }
  if (filter.from) {
    const from = normaliseBound(filter.from, 'from');
    const lo = cachedStatement(db, 'SELECT seq FROM events WHERE at >= ? ORDER BY at ASC LIMIT 1').pluck().get(from);
    if (lo === undefined) empty = true;
    else {
      clauses.push(`${seqColumn} >= ?`, 'e.at >= ?');
      params.push(Number(lo), from);
    }
  }
  if (filter.to) {
    const to = normaliseBound(filter.to, 'to');
    const hi = cachedStatement(db, 'SELECT seq FROM events WHERE at < ? ORDER BY at DESC LIMIT 1').pluck().get(to);
    if (hi === undefined) empty = true;
    else {
      clauses.push(`${seqColumn} <= ?`, 'e.at < ?');
      params.push(Number(hi), to);
    }
  }
  if (filter.ticket) {
    // The ticket the note filed the action under, in its details; case-insensitive like the index.
    clauses.push("lower(json_extract(e.details, '$.ticket')) = lower(?)");
    params.push(filter.ticket);
  }
  if (filter.upToSeq !== undefined) {
    clauses.push(`${seqColumn} <= ?`);
    params.push(filter.upToSeq);
  }
  if (options.hideSettledIntents && unknownPart !== 'recorded' && unknownPart !== 'open-intents')
    clauses.push("(e.outcome <> 'pending' OR e.seq IN (SELECT seq FROM open_intents))");
  return { clauses, params, match, seqColumn, openIntentsOnly, empty };
}

/** `FROM ... WHERE ...` for a compiled filter, plus extra clauses on the seq column. */
export function fromWhere(compiled: CompiledFilter, extra: string[] = []): { sql: string; params: unknown[] } {
  const clauses = [...(compiled.match ? ['events_fts MATCH ?'] : []), ...compiled.clauses, ...extra];
  const from = compiled.match
    ? 'events_fts f JOIN events e ON e.seq = f.rowid'
    : compiled.openIntentsOnly
      ? 'open_intents o JOIN events e ON e.seq = o.seq'
      : 'events e';
  return {
    sql: `FROM ${from}${clauses.length > 0 ? ` WHERE ${clauses.join(' AND ')}` : ''}`,
    params: [...(compiled.match ? [compiled.match] : []), ...compiled.params],
  };
}
