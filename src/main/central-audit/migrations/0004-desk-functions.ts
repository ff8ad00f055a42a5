import type { CentralMigration } from './migration';

/**
 * What a desk may ask of the centre besides inserting its rows, each an owner's function
 * that first checks the desk is the session's own:
 * - desk_hello: registers the desk under its role on first contact (a role forwards for one
 *   desk only), records its public key, and answers its central head (the last row of its
 *   chain here) and the last seq received at all (forks included), from which forwarding resumes;
 * - desk_checkin: the external anchor. The desk says how far its own trail goes and what it
 *   holds at the central head; a shorter trail marks the desk `regressed`, another hash there
 *   marks it `forked`, and each finding is kept once in desk_alarms. The local hash is
 *   NULL when the desk can no longer tell (purged by its retention), '' when the desk has no
 *   event at that seq although its trail goes further (deleted from the middle).
 */
export const deskFunctions: CentralMigration = {
  version: 4,
  name: '0004-desk-functions',
  sql: `
    CREATE FUNCTION guichet.own_desk(p_desk text) RETURNS guichet.desks
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
    DECLARE
      d guichet.desks;
    BEGIN
      SELECT * INTO d FROM guichet.desks WHERE id = p_desk FOR UPDATE;
      IF NOT FOUND THEN
        IF EXISTS (SELECT 1 FROM guichet.desks WHERE role = session_user) THEN
          RAISE EXCEPTION 'role % already forwards for another desk', session_user USING ERRCODE = 'insufficient_privilege';
        END IF;
        INSERT INTO guichet.desks (id, role) VALUES (p_desk, session_user) RETURNING * INTO d;
      ELSIF d.role <> session_user THEN
        RAISE EXCEPTION 'desk % forwards under another role', p_desk USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN d;
    END $$;

    CREATE FUNCTION guichet.desk_hello(p_desk text, p_public_key text)
    RETURNS TABLE (head_seq bigint, head_hash text, received_seq bigint, desk_state text)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
    DECLARE
      d guichet.desks := guichet.own_desk(p_desk);
      h_seq bigint;
      h_hash bytea;
    BEGIN
      IF p_public_key IS NOT NULL THEN
        INSERT INTO guichet.desk_keys (desk, public_key) VALUES (p_desk, p_public_key) ON CONFLICT DO NOTHING;
      END IF;
      UPDATE guichet.desks SET last_seen = now(), public_key = coalesce(p_public_key, public_key) WHERE id = p_desk;
      SELECT e.seq, e.hash INTO h_seq, h_hash FROM guichet.events e WHERE e.desk = p_desk ORDER BY e.seq DESC LIMIT 1;
      RETURN QUERY SELECT coalesce(h_seq, 0), encode(h_hash, 'hex'),
        greatest(coalesce(h_seq, 0), coalesce((SELECT max(f.seq) FROM guichet.event_forks f WHERE f.desk = p_desk), 0)),
        d.state;
    END $$;

    CREATE FUNCTION guichet.desk_checkin(p_desk text, p_central_seq bigint, p_local_seq bigint, p_local_hash text)
    RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
    DECLARE
      d guichet.desks := guichet.own_desk(p_desk);
      c_hash text;
      finding text;
    BEGIN
      IF p_central_seq > 0 THEN
        SELECT encode(e.hash, 'hex') INTO c_hash FROM guichet.events e WHERE e.desk = p_desk AND e.seq = p_central_seq;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'desk % has no event % here', p_desk, p_central_seq USING ERRCODE = 'invalid_parameter_value';
        END IF;
        IF p_local_seq < p_central_seq THEN
          finding := 'shorter';
        ELSIF p_local_hash IS NOT NULL AND p_local_hash <> c_hash THEN
          finding := 'diverged';
        END IF;
      END IF;
      IF finding IS NOT NULL THEN
        INSERT INTO guichet.desk_alarms (desk, kind, central_seq, local_seq, local_hash)
          VALUES (p_desk, finding, p_central_seq, p_local_seq, p_local_hash) ON CONFLICT DO NOTHING;
        UPDATE guichet.desks SET state = CASE finding WHEN 'shorter' THEN 'regressed' ELSE 'forked' END, state_since = now()
          WHERE id = p_desk AND state = 'ok';
      END IF;
      UPDATE guichet.desks SET last_seen = now() WHERE id = p_desk;
      RETURN (SELECT s.state FROM guichet.desks s WHERE s.id = p_desk);
    END $$;

    REVOKE ALL ON FUNCTION guichet.own_desk(text), guichet.desk_hello(text, text),
      guichet.desk_checkin(text, bigint, bigint, text) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION guichet.desk_hello(text, text), guichet.desk_checkin(text, bigint, bigint, text) TO guichet_desk;
  `,
};
