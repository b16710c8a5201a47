-- Vruksha schema, part 6: payments against invoices as rows of their own, for reconciliation
-- (till tenders and B2B payments alike). Kept in step with the invoice document by the adapter.

CREATE TABLE payments (
    invoice_number  text NOT NULL REFERENCES invoices (number) ON DELETE CASCADE,
    line            integer NOT NULL CHECK (line >= 1),
    store_id        text NOT NULL,
    amount          numeric(19,4) NOT NULL,
    currency        char(3) NOT NULL,
    method          text NOT NULL,
    reference       text NOT NULL,
    paid_at         timestamptz NOT NULL,
    PRIMARY KEY (invoice_number, line)
);
CREATE INDEX payments_by_store ON payments (store_id, paid_at);

ALTER TABLE payments ENABLE ROW LEVEL SECURITY;
ALTER TABLE payments FORCE ROW LEVEL SECURITY;
CREATE POLICY store_isolation ON payments
    USING (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')))
    WITH CHECK (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')));
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'vruksha_app') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON payments TO vruksha_app;
    END IF;
END
$$;
