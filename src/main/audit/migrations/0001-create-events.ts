/** Audit schema step 1: the events table, the open intents and the chain anchor. */
import type { Migration } from './migration';

/**
 * The event table, chained: each row keeps the hash of its predecessor and its own.
 * `seq` is assigned by the store (head + 1) inside an IMMEDIATE transaction, never reused:
 * only the retention purge removes rows, always the oldest, and it leaves an anchor.
 */
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
        intent_seq INTEGER,
        agent_login TEXT,
        agent_name TEXT,
        workstation TEXT NOT NULL,
        target_login TEXT,
        target_dn TEXT,
        evidence TEXT NOT NULL DEFAULT '[]',
        directory_code INTEGER,
        details TEXT NOT NULL DEFAULT '{}',
        comment TEXT,
        prev_hash BLOB NOT NULL CHECK (length(prev_hash) = 32),
        hash BLOB NOT NULL CHECK (length(hash) = 32)
      ) STRICT;

      -- Intents still waiting for their outcome: shown as "unknown" by queries.
      CREATE TABLE open_intents (
        seq INTEGER PRIMARY KEY REFERENCES events(seq) ON DELETE CASCADE
      ) STRICT;

      -- Where the chain starts once the oldest events have been purged.
      CREATE TABLE chain_anchor (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash BLOB NOT NULL CHECK (length(hash) = 32),
        purged_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
