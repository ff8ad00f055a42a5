import type { CentralMigration } from './migration';

/**
 * The centre checks each desk's chain as rows arrive, in a trigger the desks cannot bypass
 * (it runs as the schema owner): a row must carry the hash of the desk's previous row here.
 * - the same (desk, seq) with the same hash again is a resend (at-least-once delivery): skipped;
 * - anything that does not follow (another hash at a known seq, a wrong previous hash, a gap,
 *   or what comes after such a row) is kept in `event_forks` with the reason, never lost, and
 *   the desk is marked `forked`;
 * - a desk's first row here starts its chain (genesis, or after a local retention purge).
 * Every row must belong to the session's own desk, checked first (row-level security alone
 * would come too late: it checks rows the trigger lets through, not those it keeps aside).
 * Rows of one desk are serialised by an advisory lock per statement, so two sessions of the
 * same desk cannot both append at the same seq.
 */
export const chainCheck: CentralMigration = {
  version: 2,
  name: '0002-chain-check',
  sql: `
    CREATE TABLE guichet.event_forks (
      LIKE guichet.events INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
      reason text NOT NULL CHECK (reason IN ('diverged', 'unlinked', 'gap', 'after-fork')),
      PRIMARY KEY (desk, seq, hash)
    );

    -- The desk of the connected role: what row-level security pins a desk's inserts to.
    CREATE FUNCTION guichet.session_desk() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
      SELECT d.id FROM guichet.desks d WHERE d.role = session_user
    $$;

    CREATE FUNCTION guichet.divert(e guichet.events, why text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
    BEGIN
      INSERT INTO guichet.event_forks SELECT (e).*, why ON CONFLICT DO NOTHING;
      UPDATE guichet.desks SET state = 'forked', state_since = now() WHERE id = e.desk AND state = 'ok';
    END $$;

    -- Once per statement: which desk this session inserts for, kept for the row checks, and
    -- the desk's lock. Set here, after anything the session itself could have set.
    CREATE FUNCTION guichet.begin_insert() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
    DECLARE
      desk text := guichet.session_desk();
    BEGIN
      PERFORM set_config('guichet.insert_desk', coalesce(desk, ''), true);
      IF desk IS NOT NULL THEN
        PERFORM pg_advisory_xact_lock(hashtext('guichet.desk:' || desk));
      END IF;
      RETURN NULL;
    END $$;

    -- Every lookup here is one primary-key probe. A session's cached plan is made once, maybe
    -- while the table is still empty, when a sequential scan looks cheapest: at a million
    -- rows that plan would scan the table for every row. Index probes only, whatever the stats.
    CREATE FUNCTION guichet.check_chain() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog SET enable_seqscan = off AS $$
    DECLARE
      known bytea;
    BEGIN
      -- Before anything is kept aside as the owner: a desk never writes another desk's forks.
      IF NEW.desk IS DISTINCT FROM current_setting('guichet.insert_desk', true) THEN
        RAISE EXCEPTION 'new row violates row-level security policy: desk % is not this session''s desk', NEW.desk
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      SELECT e.hash INTO known FROM guichet.events e WHERE e.desk = NEW.desk AND e.seq = NEW.seq;
      IF FOUND THEN
        IF known = NEW.hash THEN
          RETURN NULL;
        END IF;
        PERFORM guichet.divert(NEW, 'diverged');
        RETURN NULL;
      END IF;
      SELECT e.hash INTO known FROM guichet.events e WHERE e.desk = NEW.desk AND e.seq = NEW.seq - 1;
      IF FOUND THEN
        IF known = NEW.prev_hash THEN
          RETURN NEW;
        END IF;
        PERFORM guichet.divert(NEW, 'unlinked');
        RETURN NULL;
      END IF;
      IF NOT EXISTS (SELECT 1 FROM guichet.events e WHERE e.desk = NEW.desk) THEN
        IF NEW.seq = 1 AND NEW.prev_hash <> '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea THEN
          PERFORM guichet.divert(NEW, 'unlinked');
          RETURN NULL;
        END IF;
        RETURN NEW;
      END IF;
      PERFORM guichet.divert(NEW, CASE
        WHEN EXISTS (SELECT 1 FROM guichet.event_forks f WHERE f.desk = NEW.desk AND f.seq = NEW.seq - 1) THEN 'after-fork'
        ELSE 'gap' END);
      RETURN NULL;
    END $$;

    CREATE TRIGGER events_begin_insert BEFORE INSERT ON guichet.events
      FOR EACH STATEMENT EXECUTE FUNCTION guichet.begin_insert();
    CREATE TRIGGER events_check_chain BEFORE INSERT ON guichet.events
      FOR EACH ROW EXECUTE FUNCTION guichet.check_chain();
  `,
};
