/** Central schema step 5: the review across desks — login prefixes and free text read by index. */
import type { CentralMigration } from './migration';

/**
 * - Login prefixes (what a supervisor types without picking a suggestion) as a byte-wise
 *   range (`~>=~` / `~<~`, text_pattern_ops), whatever the database's collation, ending in
 *   `at` like every filter index so a first page is a range read backwards.
 * - Free text: a trigram GIN index (pg_trgm, a trusted extension the database owner may
 *   create) over what the local text index covers: logins, the agent's name, the DN, the
 *   comment and the details. Unlike the local index it also holds the details' JSON keys.
 *   `fastupdate` keeps the insert of a batch to a pending-list append.
 */
export const reviewIndexes: CentralMigration = {
  version: 5,
  name: '0005-review-indexes',
  sql: `
    CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA guichet;
    CREATE INDEX events_by_agent_prefix ON guichet.events (agent_login text_pattern_ops, at);
    CREATE INDEX events_by_target_prefix ON guichet.events (target_login text_pattern_ops, at);
    CREATE FUNCTION guichet.search_text(agent_login text, agent_name text, target_login text, target_dn text, comment text, details text)
      RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog
      RETURN lower(concat_ws(' ', agent_login, agent_name, target_login, target_dn, comment, details));
    CREATE INDEX events_by_text ON guichet.events
      USING gin (guichet.search_text(agent_login, agent_name, target_login, target_dn, comment, details) guichet.gin_trgm_ops)
      WITH (fastupdate = on);
    GRANT EXECUTE ON FUNCTION guichet.search_text(text, text, text, text, text, text) TO guichet_reader;
  `,
};
