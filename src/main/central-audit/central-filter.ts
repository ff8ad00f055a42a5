/** An audit filter compiled to SQL over the central events (`guichet.events`), for the desk export and the review across desks. */
import type { AuditFilter } from '../../shared/audit-events';
import { normaliseBound, prefixRange } from '../audit/audit-filter';

/** The review's filters over the centre: every local one but the local pin (the centre pins by arrival time). */
export type CentralFilter = Omit<AuditFilter, 'upToSeq'>;

/** Free text as LIKE patterns over the lowered search text: each word a substring, all required. */
export function likePatterns(text: string): string[] {
  const escape = (s: string) => `%${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const words = text.trim().split(/\s+/);
  // Trigrams cannot match fewer than 3 characters: then the whole text is one substring (as locally).
  return words.some((w) => [...w].length < 3) ? [escape(text.trim())] : words.map(escape);
}

export const SEARCH_TEXT = 'guichet.search_text(e.agent_login, e.agent_name, e.target_login, e.target_dn, e.comment, e.details)';

/** An intent (outcome 'pending') that an outcome row of its desk settles: lists show the operation once, by its outcome. */
export const SETTLED = 'EXISTS (SELECT 1 FROM guichet.events o WHERE o.desk = e.desk AND o.intent_seq = e.seq)';

/**
 * AND-clauses over `guichet.events e`, numbered from `$firstParam`. `unknown` covers recorded
 * unknown outcomes and intents no outcome settles, as the local review counts them.
 */
export function centralFilterSql(filter: CentralFilter, firstParam: number): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${firstParam + params.length - 1}`;
  };
  if (filter.from) clauses.push(`e.at >= ${p(normaliseBound(filter.from, 'from'))}::timestamptz`);
  if (filter.to) clauses.push(`e.at < ${p(normaliseBound(filter.to, 'to'))}::timestamptz`);
  if (filter.agent) clauses.push(`e.agent_login = ${p(filter.agent)}`);
  if (filter.target) clauses.push(`e.target_login = ${p(filter.target)}`);
  for (const [key, column] of [['agentPrefix', 'e.agent_login'], ['targetPrefix', 'e.target_login']] as const) {
    const prefix = filter[key];
    if (!prefix) continue;
    const [low, high] = prefixRange(prefix);
    clauses.push(`${column} ~>=~ ${p(low)} AND ${column} ~<~ ${p(high)}`);
  }
  if (filter.action) clauses.push(`e.action = ${p(filter.action)}`);
  if (filter.outcome === 'unknown') clauses.push(`(e.outcome = 'unknown' OR (e.outcome = 'pending' AND NOT ${SETTLED}))`);
  else if (filter.outcome) clauses.push(`e.outcome = ${p(filter.outcome)}`);
  if (filter.text) for (const pattern of likePatterns(filter.text)) clauses.push(`${SEARCH_TEXT} LIKE ${p(pattern)}`);
  return { sql: clauses.map((c) => ` AND ${c}`).join(''), params };
}
