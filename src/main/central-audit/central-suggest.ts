/** Suggestions for the review across desks' agent and account filters: logins the centre holds, from every desk. */
import type { ClientBase } from 'pg';
import type { LoginSuggestion } from '../../shared/contract/audit';
import { prefixRange } from '../audit/audit-filter';
import { agentsMatching, MAX_SUGGESTIONS } from '../audit/audit-suggest';

/**
 * Agents: every agent the charts' counts know (a few rows per agent and day, so the list of
 * every desk's agents is one small read), matched as the desk's own suggestions match them.
 */
async function suggestAgents(client: ClientBase, typed: string): Promise<LoginSuggestion[]> {
  const { rows } = await client.query<{ login: string; name: string | null }>(
    `SELECT agent_login AS login, max(agent_name) AS name FROM guichet.counts_day_agent WHERE agent_login <> '' GROUP BY agent_login ORDER BY agent_login LIMIT 2000`,
  );
  return agentsMatching(rows.map((r) => ({ login: r.login, name: () => r.name })), typed);
}

/**
 * Accounts: the distinct logins that start with the typed text (as typed, then in lower
 * case), each found by one seek of the prefix index (a recursive skip over its values).
 */
async function suggestTargets(client: ClientBase, typed: string): Promise<LoginSuggestion[]> {
  const found = new Set<string>();
  for (const prefix of new Set([typed, typed.toLowerCase()])) {
    const [low, high] = prefixRange(prefix);
    const { rows } = await client.query<{ login: string }>(
      `WITH RECURSIVE t(login) AS (
         (SELECT target_login FROM guichet.events WHERE target_login ~>=~ $1 AND target_login ~<~ $2 ORDER BY target_login USING ~<~ LIMIT 1)
         UNION ALL
         SELECT (SELECT e.target_login FROM guichet.events e WHERE e.target_login ~>~ t.login AND e.target_login ~<~ $2 ORDER BY e.target_login USING ~<~ LIMIT 1)
         FROM t WHERE t.login IS NOT NULL
       ) SELECT login FROM t WHERE login IS NOT NULL LIMIT $3`,
      [low, high, MAX_SUGGESTIONS],
    );
    for (const r of rows) if (found.size < MAX_SUGGESTIONS) found.add(r.login);
  }
  return [...found].sort().map((login) => ({ login, displayName: null }));
}

export async function centralSuggestions(client: ClientBase, field: 'agent' | 'target', typed: string): Promise<LoginSuggestion[]> {
  const text = typed.trim();
  if (!text) return [];
  return field === 'agent' ? suggestAgents(client, text) : suggestTargets(client, text);
}
