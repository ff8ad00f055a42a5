/** Audit schema step 3: triggers that make the events table append-only (except the retention purge gate). */
import type { Migration } from './migration';

/**
 * Append-only, enforced by the database itself: no UPDATE of an event, ever, and DELETE
 * only while the retention purge holds the gate open inside its own transaction (a crash
 * rolls the gate back to closed). The anchor moves only under the same gate.
 */
export const appendOnly: Migration = {
  version: 3,
  name: '0003-append-only',
  up: (db) => {
    db.exec(`
      CREATE TABLE purge_gate (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        open INTEGER NOT NULL CHECK (open IN (0, 1))
      ) STRICT;
      INSERT INTO purge_gate (id, open) VALUES (1, 0);

      CREATE TRIGGER events_no_update BEFORE UPDATE ON events
      BEGIN
        SELECT RAISE(ABORT, 'audit events are append-only: UPDATE refused');
      END;

      CREATE TRIGGER events_no_delete BEFORE DELETE ON events
      WHEN (SELECT open FROM purge_gate WHERE id = 1) IS NOT 1
      BEGIN
        SELECT RAISE(ABORT, 'audit events are append-only: DELETE refused outside the retention purge');
      END;

      CREATE TRIGGER anchor_no_insert BEFORE INSERT ON chain_anchor
      WHEN (SELECT open FROM purge_gate WHERE id = 1) IS NOT 1
      BEGIN
        SELECT RAISE(ABORT, 'the chain anchor moves only during the retention purge');
      END;

      CREATE TRIGGER anchor_no_update BEFORE UPDATE ON chain_anchor
      WHEN (SELECT open FROM purge_gate WHERE id = 1) IS NOT 1
      BEGIN
        SELECT RAISE(ABORT, 'the chain anchor moves only during the retention purge');
      END;

      CREATE TRIGGER anchor_no_delete BEFORE DELETE ON chain_anchor
      BEGIN
        SELECT RAISE(ABORT, 'the chain anchor is never deleted');
      END;
    `);
  },
};
