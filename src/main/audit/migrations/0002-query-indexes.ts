/** Audit schema step 2: the indexes the review queries range over. */
import type { Migration } from './migration';

/**
 * One index per filter of the review screen, each ending in seq so that a filter's first
 * page is an index range read backwards (ORDER BY seq DESC LIMIT n), whatever the table size.
 * `at` maps a date range to a seq range (times never go backwards, see audit-store).
 */
export const queryIndexes: Migration = {
  version: 2,
  name: '0002-query-indexes',
  up: (db) => {
    db.exec(`
      CREATE INDEX events_by_agent ON events(agent_login, seq);
      CREATE INDEX events_by_target ON events(target_login, seq);
      CREATE INDEX events_by_action ON events(action, seq);
      CREATE INDEX events_by_outcome ON events(outcome, seq);
      CREATE INDEX events_by_time ON events(at);
      CREATE INDEX events_by_intent ON events(intent_seq) WHERE intent_seq IS NOT NULL;
    `);
  },
};
