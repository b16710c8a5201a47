-- Per-table vacuum settings for the tables that churn (docs/operations.md, "PostgreSQL settings").
--
-- The default (vacuum when 20% of a table is dead) suits tables that grow. It does not suit
--   * queues, where every row is inserted and soon deleted or marked done: the outbox (a published
--     event's row is deleted), the notifications still to send, the handled events of reactions,
--     idempotency keys and code attempts that expire. A queue holding 2,000 live rows is vacuumed
--     under the default only after 400 dead ones, and it has millions of dead ones a day: a scan
--     that should read a few pages reads thousands (measured: 205,544 dead and 1,735 live outbox
--     rows after ~63,000 checkouts with autovacuum off, checkouts down from 351 to 154 a second).
--   * counters, updated in place on every document: the document counters, journal heads and stock
--     levels. Their rows are few and hot; free room on each page keeps their updates HOT (no index
--     writes), and a prompt vacuum keeps the pages few.
-- These settings take effect where autovacuum is on, as it must be in production; they change
-- nothing for a server that runs with it off.

ALTER TABLE outbox SET (
    autovacuum_vacuum_scale_factor = 0.0,
    autovacuum_vacuum_threshold = 1000,
    autovacuum_vacuum_insert_scale_factor = 0.0,
    autovacuum_vacuum_insert_threshold = 10000,
    autovacuum_vacuum_cost_delay = 0,
    autovacuum_analyze_scale_factor = 0.0,
    autovacuum_analyze_threshold = 5000);

ALTER TABLE notifications SET (
    autovacuum_vacuum_scale_factor = 0.01,
    autovacuum_vacuum_threshold = 1000,
    autovacuum_vacuum_cost_delay = 0);

ALTER TABLE handled_events SET (
    autovacuum_vacuum_scale_factor = 0.01,
    autovacuum_vacuum_threshold = 1000,
    autovacuum_vacuum_insert_scale_factor = 0.01,
    autovacuum_vacuum_insert_threshold = 10000,
    autovacuum_vacuum_cost_delay = 0);

ALTER TABLE idempotency_keys SET (
    autovacuum_vacuum_scale_factor = 0.01,
    autovacuum_vacuum_threshold = 1000,
    autovacuum_vacuum_cost_delay = 0);

ALTER TABLE gift_card_code_attempts SET (
    autovacuum_vacuum_scale_factor = 0.0,
    autovacuum_vacuum_threshold = 500);

ALTER TABLE document_counters SET (
    fillfactor = 50,
    autovacuum_vacuum_scale_factor = 0.0,
    autovacuum_vacuum_threshold = 500,
    autovacuum_vacuum_cost_delay = 0);

ALTER TABLE journal_heads SET (
    fillfactor = 50,
    autovacuum_vacuum_scale_factor = 0.0,
    autovacuum_vacuum_threshold = 500,
    autovacuum_vacuum_cost_delay = 0);

ALTER TABLE stock_levels SET (
    fillfactor = 70,
    autovacuum_vacuum_scale_factor = 0.02,
    autovacuum_vacuum_threshold = 1000,
    autovacuum_vacuum_cost_delay = 0);
