/** Central schema step 7: the free-text search text as an expression the planner inlines, the same text as before. */
import type { CentralMigration } from './migration';

const JOINED = ['agent_login', 'agent_name', 'target_login', 'target_dn', 'comment', 'details'].map((c) => `coalesce(' ' || ${c}, '')`).join(' || ');

/**
 * 0005's search_text called concat_ws (STABLE: it may format any type) inside an IMMUTABLE
 * function with its own search_path: the planner could not inline it, so every row the
 * review's free text looks at paid a SQL function call with a search_path change (about
 * three times the cost of the expression itself). Here the same text is built from
 * immutable operators only: each present value after a space, the first space dropped,
 * which is concat_ws(' ', …) exactly (NULLs skipped, '' for none), so the trigram index
 * over it stays valid as it is. The body is parsed at creation (RETURN): no search_path
 * can change what it calls.
 */
export const inlineSearchText: CentralMigration = {
  version: 7,
  name: '0007-inline-search-text',
  sql: `
    CREATE OR REPLACE FUNCTION guichet.search_text(agent_login text, agent_name text, target_login text, target_dn text, comment text, details text)
      RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
      RETURN lower(substr(${JOINED}, 2));
  `,
};
