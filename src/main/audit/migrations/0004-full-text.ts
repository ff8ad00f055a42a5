/** Audit schema step 4: the trigram full-text index over details and comments. */
import type { Migration } from './migration';

/**
 * Free-text search over details and comments (search-text.ts says what is indexed): FTS5
 * with the trigram tokenizer, so any substring of 3+ characters matches, accents ignored.
 * Contentless (the text lives once, in events) with contentless_delete so the retention
 * purge can remove entries (by trigger). The store indexes events in batches after their
 * commit, up to `fts_watermark`, and catches up before any free-text query: an FTS5 write
 * inside every one-event transaction cost a third of the append rate.
 */
export const fullText: Migration = {
  version: 4,
  name: '0004-full-text',
  up: (db) => {
    db.exec(`
      CREATE VIRTUAL TABLE events_fts USING fts5(
        body,
        content = '', contentless_delete = 1,
        tokenize = 'trigram remove_diacritics 1'
      );

      -- Every event up to this seq is in events_fts.
      CREATE TABLE fts_watermark (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL
      ) STRICT;
      INSERT INTO fts_watermark (id, seq) VALUES (1, 0);

      CREATE TRIGGER events_fts_delete AFTER DELETE ON events
      BEGIN
        DELETE FROM events_fts WHERE rowid = old.seq;
      END;
    `);
  },
};
