-- One outbox row per unit of work. A checkout wrote a row per event (five for three lines), each
-- with its tuple header, its uuid key and two index entries: the largest share of what a checkout
-- stores (docs/performance.md). A row now holds the unit of work's events as a JSON array, in the
-- order appended, each element with the envelope's fields (PostgresOutbox, OutboxRows):
--   {"id", "subject", "store", "at" (microseconds since the epoch), "correlation", "version",
--    "type" (the event's name), "payload"}
-- and event_count, their number, for the relay's gauge without reading the array. The relay still
-- publishes one message per event, its id the event id, so JetStream's de-duplication holds.
--
-- The unsent events of the old table move into the new one, a row each, at their old positions, so
-- they are relayed once and in order; positions continue from the same sequence. Upgrade every
-- server together (docs/operations.md): an older server writes and reads the old columns. The new
-- table replaces the old under a short exclusive lock, given up after 10 s rather than holding every
-- checkout behind it (the server then does not start: start it again).
SET LOCAL lock_timeout = '10s';
LOCK TABLE outbox IN ACCESS EXCLUSIVE MODE;

CREATE TABLE outbox_units (
    position     bigint PRIMARY KEY DEFAULT nextval('outbox_position_seq'),
    event_count  integer NOT NULL CHECK (event_count > 0),
    events       jsonb NOT NULL
);

INSERT INTO outbox_units (position, event_count, events)
SELECT position, 1, jsonb_build_array(jsonb_build_object(
           'id', event_id,
           'subject', subject,
           'store', store_id,
           'at', CAST(extract(epoch FROM occurred_at) * 1000000 AS bigint),
           'correlation', correlation_id,
           'version', schema_version,
           'type', substring(payload_type FROM '[^.$]+$'),
           'payload', payload))
FROM outbox ORDER BY position;

ALTER SEQUENCE outbox_position_seq OWNED BY outbox_units.position;
DROP TABLE outbox;
ALTER TABLE outbox_units RENAME TO outbox;
ALTER INDEX outbox_units_pkey RENAME TO outbox_pkey;
ALTER TABLE outbox RENAME CONSTRAINT outbox_units_event_count_check TO outbox_event_count_check;

-- as V24 set them on the old table: a queue, every row soon deleted
ALTER TABLE outbox SET (
    autovacuum_vacuum_scale_factor = 0.0,
    autovacuum_vacuum_threshold = 1000,
    autovacuum_vacuum_insert_scale_factor = 0.0,
    autovacuum_vacuum_insert_threshold = 10000,
    autovacuum_vacuum_cost_delay = 0,
    autovacuum_analyze_scale_factor = 0.0,
    autovacuum_analyze_threshold = 5000);

-- not under row-level security, as before (V5): the relay publishes every store's events. The
-- relay and the reactions delete rows; an event passed over alone rewrites its row without it.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'vruksha_app') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON outbox TO vruksha_app;
        GRANT USAGE, SELECT ON SEQUENCE outbox_position_seq TO vruksha_app;
    END IF;
END
$$;
