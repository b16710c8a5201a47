-- Vruksha schema, part 8: how staff log in to the server. Hashes only (bcrypt), never the password
-- or PIN; failed attempts and the lock-out they lead to. Read before the store of the login is
-- known, so not under row-level security (like the outbox).

CREATE TABLE staff_credentials (
    staff_id         text PRIMARY KEY,
    password_hash    text,
    pin_hash         text,
    failed_attempts  integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
    locked_until     timestamptz
);

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'vruksha_app') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON staff_credentials TO vruksha_app;
    END IF;
END
$$;
