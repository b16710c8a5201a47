-- A published event leaves the outbox. The relay deletes the rows it claims, in the transaction
-- that commits after JetStream has acknowledged every one of them (or rolls back, and they wait);
-- events handled in process leave it the same way. The stream keeps the events, the outbox only
-- what is still to be published, so it no longer grows with every sale. Marking rows sent wrote a
-- new version of each row with its payload and its index entries: four fifths of PostgreSQL's
-- work per relayed event (docs/performance.md).
--
-- Upgrade every server together (docs/operations.md): a relay older than this version marks rows
-- with sent_at and can no longer do so once it is gone. The delete below does not stop checkouts;
-- dropping the column needs the table to itself for a moment, and gives up after 10 s rather than
-- holding every checkout in the queue behind it (the server then does not start: start it again).
DELETE FROM outbox WHERE sent_at IS NOT NULL;
SET LOCAL lock_timeout = '10s';
DROP INDEX outbox_pending;
ALTER TABLE outbox DROP COLUMN sent_at;

-- the relay and the in-process reactions now delete outbox rows
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'vruksha_app') THEN
        GRANT SELECT, INSERT, DELETE ON outbox TO vruksha_app;
    END IF;
END
$$;
