-- Vruksha schema, part 10: sales history imported from the POS a store is leaving
-- (retail import sales). They are another system's records, kept with the prices, discounts and
-- taxes they were recorded with: not fiscal documents of ours, so never in the fiscal journal or
-- the invoices. One row per receipt line, keyed by the source's receipt id and line number, so a
-- file imported twice adds nothing the second time.

CREATE TABLE sales_history (
    store_id           text NOT NULL,
    source_receipt_id  text NOT NULL CHECK (source_receipt_id <> ''),
    line               integer NOT NULL,
    sold_at            timestamptz NOT NULL,
    day                date NOT NULL,
    sku                text NOT NULL,
    quantity           numeric NOT NULL CHECK (quantity > 0),
    unit_price         numeric(19,4) NOT NULL CHECK (unit_price >= 0),
    discount           numeric(19,4) NOT NULL DEFAULT 0,
    tax                numeric(19,4) NOT NULL DEFAULT 0,
    total              numeric(19,4) NOT NULL,
    currency           char(3) NOT NULL,
    customer_id        text,
    imported_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (store_id, source_receipt_id, line)
);
CREATE INDEX sales_history_by_day ON sales_history (store_id, day);

ALTER TABLE sales_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE sales_history FORCE ROW LEVEL SECURITY;
CREATE POLICY store_isolation ON sales_history
    USING (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')))
    WITH CHECK (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')));

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'vruksha_app') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON sales_history TO vruksha_app;
    END IF;
END
$$;
