/** Audit schema step 6: free text finds the agent and the account too; the index is rebuilt. */
import type { Migration } from './migration';

/**
 * Free text now also matches the agent's login and name and the account's login and the
 * identifier its DN is named by (search-text.ts). Entries already indexed lack them, so the
 * index is emptied and its watermark moved back: the store rebuilds it in batches, as it
 * does after any commit, before the first free-text query. No event is touched.
 */
export const indexPeople: Migration = {
  version: 6,
  name: '0006-index-people',
  up: (db) => {
    db.exec(`
      INSERT INTO events_fts (events_fts) VALUES ('delete-all');
      UPDATE fts_watermark SET seq = 0 WHERE id = 1;
    `);
  },
};
