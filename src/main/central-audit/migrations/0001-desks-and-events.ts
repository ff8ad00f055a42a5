import type { CentralMigration } from './migration';

/**
 * The desks and their events, each kept exactly as the desk's local trail holds it, so that
 * every desk's chain can be checked again centrally with the local hash function
 * (src/main/audit/audit-chain.ts): `evidence` and `details` are the canonical JSON text that
 * was hashed (text, not jsonb: jsonb would reorder keys and change the bytes); `at` is the
 * millisecond UTC instant, whose `toISOString()` is the hashed text.
 *
 * Table and index design, for the review across desks (built later over these tables):
 * - one row per (desk, seq); the primary key is also the per-desk chain walk, the desk filter
 *   and the central head of a desk (ORDER BY seq DESC LIMIT 1);
 * - the review lists newest first by time across desks: keyset on (at, desk, seq) over
 *   `events_by_time`; every filter index ends in `at`, so a filter's first page is an index
 *   range read backwards (ORDER BY at DESC LIMIT n) whatever the table size;
 * - an intent (outcome 'pending') is still open while no row of the same desk has
 *   `intent_seq` = its seq (`events_by_intent`);
 * - no free-text index yet: a trigram GIN index (pg_trgm) over details and comment belongs
 *   with the review screen and its own migration, measured against the ingest rate;
 * - no foreign key from events to desks: the row-level security policy already pins every
 *   desk's rows to its registered desk, and an RI check per row would cost a lookup and a
 *   row lock per event at ingest.
 */
export const desksAndEvents: CentralMigration = {
  version: 1,
  name: '0001-desks-and-events',
  sql: `
    GRANT USAGE ON SCHEMA guichet TO guichet_desk, guichet_reader;

    -- Registered by each desk on its first connection (guichet.desk_hello), under its own role.
    CREATE TABLE guichet.desks (
      id text PRIMARY KEY CHECK (id ~ '^[^[:cntrl:]]{1,64}$'),
      role name NOT NULL UNIQUE,
      first_seen timestamptz NOT NULL DEFAULT now(),
      last_seen timestamptz NOT NULL DEFAULT now(),
      -- ok; forked: rows arrived that do not follow the chain held here; regressed: the desk's
      -- own trail was found shorter than what is held here (a restored folder, deleted events).
      state text NOT NULL DEFAULT 'ok' CHECK (state IN ('ok', 'forked', 'regressed')),
      state_since timestamptz,
      -- The desk's Ed25519 public key (raw 32 bytes, base64), when it has one.
      public_key text CHECK (public_key ~ '^[A-Za-z0-9+/]{43}=$')
    );

    CREATE TABLE guichet.events (
      desk text NOT NULL,
      seq bigint NOT NULL CHECK (seq >= 1),
      at timestamptz NOT NULL,
      action text NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied', 'unknown', 'pending')),
      intent_seq bigint,
      agent_login text,
      agent_name text,
      workstation text NOT NULL,
      target_login text,
      target_dn text,
      evidence text NOT NULL,
      directory_code integer,
      details text NOT NULL,
      comment text,
      prev_hash bytea NOT NULL CHECK (octet_length(prev_hash) = 32),
      hash bytea NOT NULL CHECK (octet_length(hash) = 32),
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (desk, seq)
    );

    CREATE INDEX events_by_time ON guichet.events (at, desk, seq);
    CREATE INDEX events_by_agent ON guichet.events (agent_login, at);
    CREATE INDEX events_by_target ON guichet.events (target_login, at);
    CREATE INDEX events_by_action ON guichet.events (action, at);
    CREATE INDEX events_by_outcome ON guichet.events (outcome, at);
    CREATE INDEX events_by_intent ON guichet.events (desk, intent_seq) WHERE intent_seq IS NOT NULL;
  `,
};
