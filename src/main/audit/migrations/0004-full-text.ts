import type { Migration } from './migration';

/** The searchable text of an event: the string values of its details (not the JSON keys) and its comment. */
export const searchTextOf = (row: 'new' | 'events') =>
  `trim(coalesce((SELECT group_concat(value, ' ') FROM json_tree(${row}.details) WHERE type = 'text'), '') || ' ' || coalesce(${row}.comment, ''))`;

/**
 * Free-text search over details and comments: FTS5 with the trigram tokenizer, so any
 * substring of 3+ characters matches, accents ignored. Contentless (the text lives once,
 * in events) with contentless_delete so the retention purge can remove rows. Only string
 * values are indexed, not the JSON keys: half the trigrams of the raw JSON, and a search
 * for "source" does not match every event. Fed by triggers; existing rows indexed here.
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

      CREATE TRIGGER events_fts_insert AFTER INSERT ON events
      BEGIN
        INSERT INTO events_fts (rowid, body) VALUES (new.seq, ${searchTextOf('new')});
      END;

      CREATE TRIGGER events_fts_delete AFTER DELETE ON events
      BEGIN
        DELETE FROM events_fts WHERE rowid = old.seq;
      END;

      INSERT INTO events_fts (rowid, body) SELECT seq, ${searchTextOf('events')} FROM events;
    `);
  },
};
