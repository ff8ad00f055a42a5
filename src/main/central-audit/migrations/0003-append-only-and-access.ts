import type { CentralMigration } from './migration';

const APPEND_ONLY = ['events', 'event_forks', 'desk_alarms', 'desk_keys'];

/**
 * Who may do what, enforced twice: by grants (a desk may only INSERT events, and only its
 * own desk's rows by row-level security; a reader may only SELECT) and by triggers that
 * refuse UPDATE, DELETE and TRUNCATE of the trail to everyone, the owner included (the
 * owner could drop them: see SECURITY.md). Desks are registered and marked only through the
 * owner's functions (0004).
 */
export const appendOnlyAndAccess: CentralMigration = {
  version: 3,
  name: '0003-append-only-and-access',
  sql: `
    -- What the anchor check records: a desk whose own trail was found shorter than, or
    -- diverging from, what the centre holds. One row per finding (kind and central head),
    -- its first report: the same finding at every later check adds nothing.
    CREATE TABLE guichet.desk_alarms (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      desk text NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      kind text NOT NULL CHECK (kind IN ('shorter', 'diverged')),
      central_seq bigint NOT NULL,
      local_seq bigint NOT NULL,
      local_hash text CHECK (local_hash ~ '^([0-9a-f]{64})?$'),
      UNIQUE (desk, kind, central_seq)
    );

    -- Every public key a desk has presented (the current one is desks.public_key).
    CREATE TABLE guichet.desk_keys (
      desk text NOT NULL,
      public_key text NOT NULL CHECK (public_key ~ '^[A-Za-z0-9+/]{43}=$'),
      first_seen timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (desk, public_key)
    );

    CREATE FUNCTION guichet.refuse_change() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog AS $$
    BEGIN
      RAISE EXCEPTION 'the central audit trail is append-only: % on %.% refused', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END $$;

    ${APPEND_ONLY.map(
      (table) => `
    CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON guichet.${table}
      FOR EACH ROW EXECUTE FUNCTION guichet.refuse_change();
    CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON guichet.${table}
      FOR EACH STATEMENT EXECUTE FUNCTION guichet.refuse_change();`,
    ).join('\n')}
    -- A desk is marked (state, last seen), never removed.
    CREATE TRIGGER desks_no_delete BEFORE DELETE ON guichet.desks
      FOR EACH ROW EXECUTE FUNCTION guichet.refuse_change();
    CREATE TRIGGER desks_no_truncate BEFORE TRUNCATE ON guichet.desks
      FOR EACH STATEMENT EXECUTE FUNCTION guichet.refuse_change();

    REVOKE ALL ON ALL TABLES IN SCHEMA guichet FROM PUBLIC;
    REVOKE ALL ON ALL FUNCTIONS IN SCHEMA guichet FROM PUBLIC;
    GRANT INSERT ON guichet.events TO guichet_desk;
    GRANT SELECT ON guichet.schema_migrations TO guichet_desk;
    GRANT EXECUTE ON FUNCTION guichet.session_desk() TO guichet_desk;
    GRANT SELECT ON guichet.schema_migrations, guichet.desks, guichet.events, guichet.event_forks,
      guichet.desk_alarms, guichet.desk_keys TO guichet_reader;

    ALTER TABLE guichet.events ENABLE ROW LEVEL SECURITY;
    CREATE POLICY desk_inserts_its_own ON guichet.events FOR INSERT TO guichet_desk
      WITH CHECK (desk = (SELECT guichet.session_desk()));
    ${['desks', 'events', 'event_forks', 'desk_alarms', 'desk_keys']
      .map(
        (table) => `
    ALTER TABLE guichet.${table} ENABLE ROW LEVEL SECURITY;
    CREATE POLICY reader_reads ON guichet.${table} FOR SELECT TO guichet_reader USING (true);`,
      )
      .join('\n')}
  `,
};
