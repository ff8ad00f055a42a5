/** Audit schema step 7: one forwarding watermark per target (central store, SIEM), outside the events. */
import type { Migration } from './migration';

/**
 * How far each forwarding target (the central store, the SIEM) has acknowledged the trail:
 * events after `seq` are sent again until acknowledged (at-least-once; the central insert
 * is idempotent on desk and seq). Written after each acknowledged batch, never inside an
 * append, so forwarding adds nothing to a desk action's transaction.
 */
export const forwardWatermarks: Migration = {
  version: 7,
  name: '0007-forward-watermarks',
  up: (db) => {
    db.exec(`
      CREATE TABLE forward_watermarks (
        target TEXT PRIMARY KEY CHECK (target IN ('central', 'syslog')),
        seq INTEGER NOT NULL CHECK (seq >= 0),
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
