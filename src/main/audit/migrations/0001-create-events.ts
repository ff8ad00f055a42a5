import type { Migration } from './migration';

/** The append-only event table. Later steps add indexes, triggers and the chain. */
export const createEvents: Migration = {
  version: 1,
  name: '0001-create-events',
  up: (db) => {
    db.exec(`
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('success','failure','denied','unknown','pending')),
        agent_login TEXT,
        agent_name TEXT,
        workstation TEXT NOT NULL,
        target_login TEXT,
        target_dn TEXT,
        details TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
    `);
  },
};
