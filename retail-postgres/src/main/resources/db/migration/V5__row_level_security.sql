-- Vruksha schema, part 5: row-level security, the second wall between stores.
-- The application connects as a role that is neither superuser nor owner and is a member of
-- vruksha_app. Each unit of work names the stores it works for (PostgresUnitOfWork.runFor sets
-- app.store_ids with set_config(..., true), i.e. SET LOCAL): a pooled connection never carries it
-- into the next transaction. Rows of other stores are invisible and cannot be written, whatever
-- the query. The outbox is left out: the relay publishes every store's events.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vruksha_app') THEN
        CREATE ROLE vruksha_app NOLOGIN;
    END IF;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'cannot create role vruksha_app: create it as an administrator and grant it the tables';
END
$$;

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'vruksha_app') THEN
        GRANT USAGE ON SCHEMA public TO vruksha_app;
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO vruksha_app;
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO vruksha_app;
    END IF;
END
$$;


ALTER TABLE stores ENABLE ROW LEVEL SECURITY;
ALTER TABLE stores FORCE ROW LEVEL SECURITY;
CREATE POLICY store_isolation ON stores
    USING (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')))
    WITH CHECK (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')));

ALTER TABLE stock_levels ENABLE ROW LEVEL SECURITY;
ALTER TABLE stock_levels FORCE ROW LEVEL SECURITY;
CREATE POLICY store_isolation ON stock_levels
    USING (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')))
    WITH CHECK (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')));

ALTER TABLE stock_movements ENABLE ROW LEVEL SECURITY;
ALTER TABLE stock_movements FORCE ROW LEVEL SECURITY;
CREATE POLICY store_isolation ON stock_movements
    USING (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')))
    WITH CHECK (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')));

ALTER TABLE stock_reservations ENABLE ROW LEVEL SECURITY;
ALTER TABLE stock_reservations FORCE ROW LEVEL SECURITY;
CREATE POLICY store_isolation ON stock_reservations
    USING (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')))
    WITH CHECK (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')));

ALTER TABLE reorder_rules ENABLE ROW LEVEL SECURITY;
ALTER TABLE reorder_rules FORCE ROW LEVEL SECURITY;
CREATE POLICY store_isolation ON reorder_rules
    USING (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')))
    WITH CHECK (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')));

ALTER TABLE document_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE document_counters FORCE ROW LEVEL SECURITY;
CREATE POLICY store_isolation ON document_counters
    USING (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')))
    WITH CHECK (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')));

ALTER TABLE journal_heads ENABLE ROW LEVEL SECURITY;
ALTER TABLE journal_heads FORCE ROW LEVEL SECURITY;
CREATE POLICY store_isolation ON journal_heads
    USING (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')))
    WITH CHECK (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')));

ALTER TABLE fiscal_journal ENABLE ROW LEVEL SECURITY;
ALTER TABLE fiscal_journal FORCE ROW LEVEL SECURITY;
CREATE POLICY store_isolation ON fiscal_journal
    USING (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')))
    WITH CHECK (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')));

ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY store_isolation ON idempotency_keys
    USING (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')))
    WITH CHECK (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')));

ALTER TABLE pos_transactions ENABLE ROW LEVEL SECURITY;
ALTER TABLE pos_transactions FORCE ROW LEVEL SECURITY;
CREATE POLICY store_isolation ON pos_transactions
    USING (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')))
    WITH CHECK (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')));

ALTER TABLE returns ENABLE ROW LEVEL SECURITY;
ALTER TABLE returns FORCE ROW LEVEL SECURITY;
CREATE POLICY store_isolation ON returns
    USING (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')))
    WITH CHECK (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')));

ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoices FORCE ROW LEVEL SECURITY;
CREATE POLICY store_isolation ON invoices
    USING (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')))
    WITH CHECK (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')));

ALTER TABLE pos_sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE pos_sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY store_isolation ON pos_sessions
    USING (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')))
    WITH CHECK (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')));

ALTER TABLE purchase_orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE purchase_orders FORCE ROW LEVEL SECURITY;
CREATE POLICY store_isolation ON purchase_orders
    USING (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')))
    WITH CHECK (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')));

ALTER TABLE carts ENABLE ROW LEVEL SECURITY;
ALTER TABLE carts FORCE ROW LEVEL SECURITY;
CREATE POLICY store_isolation ON carts
    USING (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')))
    WITH CHECK (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')));

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY store_isolation ON users
    USING (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')))
    WITH CHECK (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')));

ALTER TABLE employee_attendance ENABLE ROW LEVEL SECURITY;
ALTER TABLE employee_attendance FORCE ROW LEVEL SECURITY;
CREATE POLICY store_isolation ON employee_attendance
    USING (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')))
    WITH CHECK (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')));

ALTER TABLE tax_jurisdictions ENABLE ROW LEVEL SECURITY;
ALTER TABLE tax_jurisdictions FORCE ROW LEVEL SECURITY;
CREATE POLICY store_isolation ON tax_jurisdictions
    USING (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')))
    WITH CHECK (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')));
