/** Audit schema step 5: the record of each verification run (the integrity badge). */
import type { Migration } from './migration';

/**
 * When verify last ran and what it found (the integrity badge), and where the next
 * incremental verify can start. Each row is signed with the checkpoint key, so a forged
 * "verified up to here" row cannot make the next run skip tampered events.
 */
export const verifyRuns: Migration = {
  version: 5,
  name: '0005-verify-runs',
  up: (db) => {
    db.exec(`
      CREATE TABLE verify_runs (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('full', 'incremental')),
        intact INTEGER NOT NULL CHECK (intact IN (0, 1)),
        from_seq INTEGER NOT NULL,
        head_seq INTEGER NOT NULL,
        head_hash TEXT,
        events INTEGER NOT NULL,
        first_bad_seq INTEGER,
        reason TEXT,
        sig BLOB
      ) STRICT;
    `);
  },
};
