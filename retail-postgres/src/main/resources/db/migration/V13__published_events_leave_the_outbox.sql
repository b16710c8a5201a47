-- A published event leaves the outbox. The relay deletes the rows it claims, in the transaction
-- that commits after JetStream has acknowledged every one of them (or rolls back, and they wait);
-- events handled in process leave it the same way. The stream keeps the events, the outbox only
-- what is still to be published, so it no longer grows with every sale. Marking rows sent wrote a
-- new version of each row with its payload and its index entries: four fifths of PostgreSQL's
-- work per relayed event (docs/performance.md).
DELETE FROM outbox WHERE sent_at IS NOT NULL;
DROP INDEX outbox_pending;
ALTER TABLE outbox DROP COLUMN sent_at;
