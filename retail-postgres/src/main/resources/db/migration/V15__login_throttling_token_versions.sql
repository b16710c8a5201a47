-- Vruksha schema, part 15: logins a stranger cannot turn against staff, and tokens that end.
--
-- Failed logins are counted per member of staff and source address (staff_login_sources), so a
-- stranger's guesses slow the stranger down and not the member at their own till, and per member
-- across the addresses that have never logged them in (staff_credentials.failed_attempts), a
-- ceiling for a guesser spread over many addresses. Neither locks: past the free attempts each
-- failure doubles the wait before the next attempt from where it applies, up to a cap. A manager
-- can lock a member (every login refused) and unlock them (every failure forgotten).
--
-- Every member has a token version (staff_credentials.token_version); tokens carry it, and the
-- server refuses a token whose version is no longer the member's or whose member is gone. It moves
-- on when a member is locked, changes role, gets a new password or PIN, or is removed.
--
-- As in V14, the application role reads and writes none of this directly: it goes through the
-- SECURITY DEFINER functions below, which count inside the database and answer no hash.

ALTER TABLE staff_credentials
    ADD COLUMN token_version bigint NOT NULL DEFAULT 0 CHECK (token_version >= 0),
    ADD COLUMN locked boolean NOT NULL DEFAULT false;

-- one row per member and address with failures or a success; read before a login's store is known,
-- so not under row-level security, and the owner's alone
CREATE TABLE staff_login_sources (
    staff_id       text NOT NULL,
    source         text NOT NULL,
    failures       integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
    blocked_until  timestamptz,
    known          boolean NOT NULL DEFAULT false,
    PRIMARY KEY (staff_id, source)
);

-- The wait after the p_failures-th failure in a row where p_free are free: none before, p_first at
-- the p_free-th, doubling up to p_max.
CREATE FUNCTION staff_login_delay(p_failures integer, p_free integer, p_first interval,
                                  p_max interval)
RETURNS interval
LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp AS $$
    SELECT CASE WHEN p_failures < p_free THEN NULL
                ELSE least(p_first * power(2, least(p_failures - p_free, 40)), p_max) END
$$;

DROP FUNCTION staff_login(text, boolean, text, integer, interval);

-- A login from p_source, checked with bcrypt and counted as one step under the credential's row
-- lock. The time is the database's. The throttling's figures are clamped (1 to 20 free attempts
-- from one address, up to 200 from new ones, a first wait of at least a second and a cap of at
-- least a minute), so the caller cannot turn it off. Refusals without a check (locked by a
-- manager, a wait) cost one bcrypt all the same and are not counted. Answers the outcome (PASSED,
-- REFUSED, LOCKED), this address's wait, and the member and token version only when it passed.
CREATE FUNCTION staff_login(p_staff_id text, p_pin boolean, p_secret text, p_source text,
                            p_free integer, p_free_all integer, p_first_delay interval,
                            p_max_delay interval)
RETURNS TABLE (outcome text, locked_until timestamptz, store_id text, name text, role text,
               token_version bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
    dummy constant text := '$2a$10$GmKXGM0mXG2zD8sdex5ayOmCqdv0KlZ9fSzpmpPGNXjwr8AfCLon.';
    free integer := least(greatest(p_free, 1), 20);
    free_all integer := least(greatest(p_free_all, least(greatest(p_free, 1), 20)), 200);
    first_delay interval := greatest(p_first_delay, interval '1 second');
    max_delay interval := greatest(p_max_delay, first_delay, interval '1 minute');
    at timestamptz := clock_timestamp();
    c staff_credentials%ROWTYPE;
    u users%ROWTYPE;
    s staff_login_sources%ROWTYPE;
    hash text;
    wait_here timestamptz;
    wait_all timestamptz;
BEGIN
    SELECT * INTO u FROM users WHERE users.staff_id = p_staff_id;
    SELECT * INTO c FROM staff_credentials WHERE staff_credentials.staff_id = p_staff_id FOR UPDATE;
    IF u.staff_id IS NULL OR c.staff_id IS NULL THEN
        PERFORM crypt(p_secret, dummy);
        RETURN QUERY SELECT 'REFUSED', NULL::timestamptz, NULL::text, NULL::text, NULL::text, 0::bigint;
        RETURN;
    END IF;
    SELECT * INTO s FROM staff_login_sources
        WHERE staff_login_sources.staff_id = p_staff_id AND staff_login_sources.source = p_source;
    IF s.staff_id IS NULL THEN
        s.staff_id := p_staff_id;
        s.source := p_source;
        s.failures := 0;
        s.known := false;
    END IF;
    wait_here := CASE WHEN s.blocked_until > at THEN s.blocked_until END;
    wait_all := CASE WHEN NOT s.known AND c.locked_until > at THEN c.locked_until END;
    IF c.locked OR wait_here IS NOT NULL OR wait_all IS NOT NULL THEN
        PERFORM crypt(p_secret, dummy); -- as long as a check: a wait tells nothing
        RETURN QUERY SELECT 'LOCKED',
            CASE WHEN c.locked THEN NULL ELSE greatest(wait_here, wait_all) END,
            NULL::text, NULL::text, NULL::text, 0::bigint;
        RETURN;
    END IF;
    hash := CASE WHEN p_pin THEN c.pin_hash ELSE c.password_hash END;
    -- bcrypt reads 72 bytes; a longer secret was never stored, so it matches nothing
    IF hash IS NULL OR octet_length(p_secret) > 72 OR crypt(p_secret, hash) IS DISTINCT FROM hash THEN
        IF hash IS NULL THEN
            PERFORM crypt(p_secret, dummy);
        END IF;
        s.failures := s.failures + 1;
        s.blocked_until := at + staff_login_delay(s.failures, free, first_delay, max_delay);
        INSERT INTO staff_login_sources (staff_id, source, failures, blocked_until, known)
        VALUES (p_staff_id, p_source, s.failures, s.blocked_until, s.known)
        ON CONFLICT (staff_id, source) DO UPDATE
            SET failures = EXCLUDED.failures, blocked_until = EXCLUDED.blocked_until;
        IF NOT s.known THEN
            UPDATE staff_credentials
                SET failed_attempts = c.failed_attempts + 1,
                    locked_until = at + staff_login_delay(c.failed_attempts + 1, free_all,
                                                          first_delay, max_delay)
                WHERE staff_credentials.staff_id = p_staff_id;
        END IF;
        RETURN QUERY SELECT 'REFUSED', s.blocked_until, NULL::text, NULL::text, NULL::text, 0::bigint;
        RETURN;
    END IF;
    IF s.failures > 0 OR s.blocked_until IS NOT NULL OR NOT s.known THEN
        INSERT INTO staff_login_sources (staff_id, source, failures, blocked_until, known)
        VALUES (p_staff_id, p_source, 0, NULL, true)
        ON CONFLICT (staff_id, source) DO UPDATE
            SET failures = 0, blocked_until = NULL, known = true;
    END IF;
    IF NOT s.known AND (c.failed_attempts > 0 OR c.locked_until IS NOT NULL) THEN
        UPDATE staff_credentials SET failed_attempts = 0, locked_until = NULL
            WHERE staff_credentials.staff_id = p_staff_id;
    END IF;
    RETURN QUERY SELECT 'PASSED', NULL::timestamptz, u.store_id, u.name, u.role, c.token_version;
END
$$;

-- Raises that a member of staff is in a store of the unit of work's scope (app.store_ids): a
-- store's work cannot change another store's members.
CREATE FUNCTION staff_require_in_scope(p_staff_id text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM users WHERE users.staff_id = p_staff_id
                   AND users.store_id = ANY (string_to_array(current_setting('app.store_ids', true), ','))) THEN
        RAISE EXCEPTION 'no member of staff % in the stores of this unit of work', p_staff_id
            USING ERRCODE = '42501';
    END IF;
END
$$;

-- Sets a member's password hash and/or PIN hash (NULL keeps the stored one), forgets every
-- failure and moves their tokens to the next version. A manager's lock stays.
CREATE OR REPLACE FUNCTION staff_set_secrets(p_staff_id text, p_password_hash text, p_pin_hash text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF p_password_hash IS NULL AND p_pin_hash IS NULL THEN
        RETURN; -- nothing to set, and failures are not cleared without a new secret
    END IF;
    PERFORM staff_require_in_scope(p_staff_id);
    INSERT INTO staff_credentials (staff_id, password_hash, pin_hash, failed_attempts, locked_until,
                                   token_version)
    VALUES (p_staff_id, p_password_hash, p_pin_hash, 0, NULL, 1)
    ON CONFLICT (staff_id) DO UPDATE
        SET password_hash = coalesce(EXCLUDED.password_hash, staff_credentials.password_hash),
            pin_hash = coalesce(EXCLUDED.pin_hash, staff_credentials.pin_hash),
            failed_attempts = 0,
            locked_until = NULL,
            token_version = staff_credentials.token_version + 1;
    DELETE FROM staff_login_sources WHERE staff_login_sources.staff_id = p_staff_id;
END
$$;

-- Moves a member's tokens to the next version (their role changed, or they were created again).
CREATE FUNCTION staff_next_token_version(p_staff_id text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM staff_require_in_scope(p_staff_id);
    INSERT INTO staff_credentials (staff_id, token_version) VALUES (p_staff_id, 1)
    ON CONFLICT (staff_id) DO UPDATE SET token_version = staff_credentials.token_version + 1;
END
$$;

-- A manager locks a member (every login refused, tokens moved to the next version) or unlocks them
-- (every failure forgotten, each address's and the count across addresses). Written to audit_log
-- as entity staff_lock, by the transaction's actor (app.actor) or else p_by.
CREATE FUNCTION staff_set_locked(p_staff_id text, p_locked boolean, p_by text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    was boolean;
    failures integer;
BEGIN
    PERFORM staff_require_in_scope(p_staff_id);
    SELECT c.locked, c.failed_attempts INTO was, failures
        FROM staff_credentials c WHERE c.staff_id = p_staff_id;
    INSERT INTO audit_log (entity, entity_id, changed_by, before, after)
    VALUES ('staff_lock', p_staff_id,
            coalesce(nullif(current_setting('app.actor', true), ''), p_by),
            jsonb_build_object('locked', coalesce(was, false),
                               'failedAttempts', coalesce(failures, 0)),
            jsonb_build_object('locked', p_locked));
    IF p_locked THEN
        INSERT INTO staff_credentials (staff_id, locked, token_version) VALUES (p_staff_id, true, 1)
        ON CONFLICT (staff_id) DO UPDATE
            SET locked = true, token_version = staff_credentials.token_version + 1;
    ELSE
        INSERT INTO staff_credentials (staff_id) VALUES (p_staff_id)
        ON CONFLICT (staff_id) DO UPDATE
            SET locked = false, failed_attempts = 0, locked_until = NULL;
        DELETE FROM staff_login_sources WHERE staff_login_sources.staff_id = p_staff_id;
    END IF;
END
$$;

-- The token version of a staff id whichever store it belongs to, NULL when there is no such member:
-- what a token's verification compares against, before any store is known. Nothing else.
CREATE FUNCTION staff_token_version(p_staff_id text)
RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce(c.token_version, 0)
    FROM users u LEFT JOIN staff_credentials c ON c.staff_id = u.staff_id
    WHERE u.staff_id = p_staff_id
$$;

-- Whatever path changes a member's role or removes them (the API, a script as the owner), their
-- tokens end: the version moves on, and stays moved on if the id is created again.
CREATE FUNCTION users_end_tokens()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO staff_credentials (staff_id, token_version) VALUES (OLD.staff_id, 1)
    ON CONFLICT (staff_id) DO UPDATE SET token_version = staff_credentials.token_version + 1;
    IF TG_OP = 'DELETE' THEN
        DELETE FROM staff_login_sources WHERE staff_login_sources.staff_id = OLD.staff_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER users_role_changed AFTER UPDATE OF role ON users
    FOR EACH ROW WHEN (OLD.role IS DISTINCT FROM NEW.role) EXECUTE FUNCTION users_end_tokens();
CREATE TRIGGER users_removed AFTER DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION users_end_tokens();

REVOKE ALL ON FUNCTION staff_login_delay(integer, integer, interval, interval) FROM PUBLIC;
REVOKE ALL ON FUNCTION staff_login(text, boolean, text, text, integer, integer, interval, interval)
    FROM PUBLIC;
REVOKE ALL ON FUNCTION staff_require_in_scope(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION staff_next_token_version(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION staff_set_locked(text, boolean, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION staff_token_version(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION users_end_tokens() FROM PUBLIC;

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'vruksha_app') THEN
        REVOKE ALL ON staff_login_sources FROM vruksha_app;
        GRANT EXECUTE ON FUNCTION
            staff_login(text, boolean, text, text, integer, integer, interval, interval)
            TO vruksha_app;
        GRANT EXECUTE ON FUNCTION staff_next_token_version(text) TO vruksha_app;
        GRANT EXECUTE ON FUNCTION staff_set_locked(text, boolean, text) TO vruksha_app;
        GRANT EXECUTE ON FUNCTION staff_token_version(text) TO vruksha_app;
    END IF;
END
$$;
