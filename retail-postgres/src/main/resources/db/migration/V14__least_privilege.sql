-- Vruksha schema, part 14: least privilege for the application role (vruksha_app).
--
-- The server and the CLI's store work connect as a login role in vruksha_app, under row-level
-- security. What must be known before a request's store is (a login) goes through the narrow
-- SECURITY DEFINER functions below; the role can no longer read or write staff_credentials itself,
-- so it can neither read a hash nor reset a failure count. Every function runs as the schema's
-- owner with a fixed search_path, and only vruksha_app (not PUBLIC) may execute it.
--
-- Reservations are keyed by store: an id is unique within its store only, and a store's work can
-- only ever name its own reservations.

-- bcrypt inside the database, so a login is checked where the hash is kept (trusted since PG 13:
-- the database's owner may create it)
CREATE EXTENSION IF NOT EXISTS pgcrypto;

ALTER TABLE stock_reservations DROP CONSTRAINT stock_reservations_pkey;
ALTER TABLE stock_reservations ADD PRIMARY KEY (store_id, reservation_id);

-- store master data (name, currency, zone, cash rounding) is read across the chain: the list of
-- stores an all-stores token may touch, and a store's settings before its scope is open. Writes
-- stay within the unit of work's stores (store_isolation's WITH CHECK).
CREATE POLICY chain_reads ON stores FOR SELECT USING (true);

-- the functions below run as the owner; when the owner is not a superuser, FORCE ROW LEVEL
-- SECURITY applies to it too, so it reads staff across stores through a policy of its own
DO $$
BEGIN
    EXECUTE format('CREATE POLICY owner_reads ON users FOR SELECT TO %I USING (true)', current_user);
END
$$;

-- A login: checks the secret with bcrypt and counts, as one step under the credential's row lock.
-- A lock-out that is over starts the count again; a locked member is refused unchecked; a wrong
-- secret adds a failure and locks at p_max_attempts in a row (at most 20) for p_lockout (at least a
-- minute); a right one clears the failures. Unknown ids and missing secrets cost one bcrypt check
-- all the same. The time is the database's: the caller cannot move it. Answers the outcome
-- (PASSED, REFUSED, LOCKED), the lock-out's end, and the member only when it passed.
CREATE FUNCTION staff_login(p_staff_id text, p_pin boolean, p_secret text, p_max_attempts integer,
                            p_lockout interval)
RETURNS TABLE (outcome text, locked_until timestamptz, store_id text, name text, role text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
    dummy constant text := '$2a$10$GmKXGM0mXG2zD8sdex5ayOmCqdv0KlZ9fSzpmpPGNXjwr8AfCLon.';
    max_attempts integer := least(greatest(p_max_attempts, 1), 20);
    lockout interval := greatest(p_lockout, interval '1 minute');
    at timestamptz := clock_timestamp();
    c staff_credentials%ROWTYPE;
    u users%ROWTYPE;
    hash text;
    fails integer;
    until timestamptz;
BEGIN
    SELECT * INTO u FROM users WHERE users.staff_id = p_staff_id;
    SELECT * INTO c FROM staff_credentials WHERE staff_credentials.staff_id = p_staff_id FOR UPDATE;
    IF u.staff_id IS NULL OR c.staff_id IS NULL THEN
        PERFORM crypt(p_secret, dummy);
        RETURN QUERY SELECT 'REFUSED', NULL::timestamptz, NULL::text, NULL::text, NULL::text;
        RETURN;
    END IF;
    fails := c.failed_attempts;
    until := c.locked_until;
    IF until IS NOT NULL AND at >= until THEN
        fails := 0; -- the lock-out is over: the count starts again
        until := NULL;
    END IF;
    IF until IS NOT NULL THEN
        RETURN QUERY SELECT 'LOCKED', until, NULL::text, NULL::text, NULL::text;
        RETURN;
    END IF;
    hash := CASE WHEN p_pin THEN c.pin_hash ELSE c.password_hash END;
    -- bcrypt reads 72 bytes; a longer secret was never stored, so it matches nothing
    IF hash IS NULL OR octet_length(p_secret) > 72 OR crypt(p_secret, hash) IS DISTINCT FROM hash THEN
        IF hash IS NULL THEN
            PERFORM crypt(p_secret, dummy);
        END IF;
        fails := fails + 1;
        IF fails >= max_attempts THEN
            until := at + lockout;
        END IF;
        UPDATE staff_credentials SET failed_attempts = fails, locked_until = until
            WHERE staff_credentials.staff_id = p_staff_id;
        RETURN QUERY SELECT 'REFUSED', until, NULL::text, NULL::text, NULL::text;
        RETURN;
    END IF;
    IF c.failed_attempts > 0 OR c.locked_until IS NOT NULL THEN
        UPDATE staff_credentials SET failed_attempts = 0, locked_until = NULL
            WHERE staff_credentials.staff_id = p_staff_id;
    END IF;
    RETURN QUERY SELECT 'PASSED', NULL::timestamptz, u.store_id, u.name, u.role;
END
$$;

-- Sets a member's password hash and/or PIN hash (NULL keeps the stored one) and clears failures.
-- Only for a member of a store in the unit of work's scope (app.store_ids): a store's work cannot
-- set another store's secrets.
CREATE FUNCTION staff_set_secrets(p_staff_id text, p_password_hash text, p_pin_hash text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF p_password_hash IS NULL AND p_pin_hash IS NULL THEN
        RETURN; -- nothing to set, and failures are not cleared without a new secret
    END IF;
    IF NOT EXISTS (SELECT FROM users WHERE users.staff_id = p_staff_id
                   AND users.store_id = ANY (string_to_array(current_setting('app.store_ids', true), ','))) THEN
        RAISE EXCEPTION 'no member of staff % in the stores of this unit of work', p_staff_id
            USING ERRCODE = '42501';
    END IF;
    INSERT INTO staff_credentials (staff_id, password_hash, pin_hash, failed_attempts, locked_until)
    VALUES (p_staff_id, p_password_hash, p_pin_hash, 0, NULL)
    ON CONFLICT (staff_id) DO UPDATE
        SET password_hash = coalesce(EXCLUDED.password_hash, staff_credentials.password_hash),
            pin_hash = coalesce(EXCLUDED.pin_hash, staff_credentials.pin_hash),
            failed_attempts = 0,
            locked_until = NULL;
END
$$;

-- The role of a staff id whichever store it belongs to (NULL if none): what a change of that
-- member must not exceed. Nothing else about the member.
CREATE FUNCTION staff_highest_role(p_staff_id text)
RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT role FROM users WHERE staff_id = p_staff_id
    ORDER BY array_position(ARRAY['CASHIER','SUPERVISOR','MANAGER','ADMIN'], role) DESC
    LIMIT 1
$$;

REVOKE ALL ON FUNCTION staff_login(text, boolean, text, integer, interval) FROM PUBLIC;
REVOKE ALL ON FUNCTION staff_set_secrets(text, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION staff_highest_role(text) FROM PUBLIC;

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'vruksha_app') THEN
        REVOKE ALL ON staff_credentials FROM vruksha_app;
        -- V5 granted every table of the time, Flyway's history included: the application reads
        -- it (is the schema up to date?) and writes nothing of it
        REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON flyway_schema_history FROM vruksha_app;
        -- the audit trail is append-only for the application and read by the owner alone: it
        -- holds every store's master data before and after each change
        REVOKE SELECT, UPDATE, DELETE, TRUNCATE ON audit_log FROM vruksha_app;
        GRANT EXECUTE ON FUNCTION staff_login(text, boolean, text, integer, interval) TO vruksha_app;
        GRANT EXECUTE ON FUNCTION staff_set_secrets(text, text, text) TO vruksha_app;
        GRANT EXECUTE ON FUNCTION staff_highest_role(text) TO vruksha_app;
    END IF;
END
$$;
