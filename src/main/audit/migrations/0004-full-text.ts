import type { Migration } from './migration';
import { searchTextSql } from '../search-text';

/**
 * Free-text search over details and comments (see search-text.ts for what is indexed):
 * FTS5 with the trigram tokenizer, so any substring of 3+ characters matches, accents
 * ignored. Contentless (the text lives once, in events) with contentless_delete so the
 * retention purge can remove entries. The store adds each event's entry in the same
 * transaction as the event (computing the text in JavaScript costs a fraction of
 * json_tree in a trigger); deletions follow by trigger; existing rows are indexed here.
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

      CREATE TRIGGER events_fts_delete AFTER DELETE ON events
      BEGIN
        DELETE FROM events_fts WHERE rowid = old.seq;
      END;

      INSERT INTO events_fts (rowid, body)
        SELECT seq, body FROM (SELECT seq, ${searchTextSql('events')} AS body FROM events) WHERE body <> '';
    `);
  },
};
