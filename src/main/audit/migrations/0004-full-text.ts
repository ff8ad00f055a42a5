import type { Migration } from './migration';

/**
 * Free-text search over details and comments: an FTS5 external-content table (the text
 * lives once, in events) with the trigram tokenizer, so any substring of 3+ characters
 * matches, accents ignored. Kept in step by triggers; existing rows are indexed here.
 */
export const fullText: Migration = {
  version: 4,
  name: '0004-full-text',
  up: (db) => {
    db.exec(`
      CREATE VIRTUAL TABLE events_fts USING fts5(
        details, comment,
        content = 'events', content_rowid = 'seq',
        tokenize = 'trigram remove_diacritics 1'
      );

      CREATE TRIGGER events_fts_insert AFTER INSERT ON events
      BEGIN
        INSERT INTO events_fts (rowid, details, comment) VALUES (new.seq, new.details, new.comment);
      END;

      CREATE TRIGGER events_fts_delete AFTER DELETE ON events
      BEGIN
        INSERT INTO events_fts (events_fts, rowid, details, comment) VALUES ('delete', old.seq, old.details, old.comment);
      END;

      INSERT INTO events_fts (events_fts) VALUES ('rebuild');
    `);
  },
};
