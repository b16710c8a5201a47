-- Vruksha schema, part 7: what the reactions keep. Daily sales and product performance per store
-- and business day (the reference's sales_analytics_daily and product_performance), added to by
-- the analytics reaction; and the events each consumer has handled, marked in the same
-- transaction as the consumer's effect so that a redelivered or replayed event changes nothing.

CREATE TABLE sales_analytics_daily (
    store_id       text NOT NULL,
    day            date NOT NULL,
    currency       char(3) NOT NULL,
    sales_count    bigint NOT NULL DEFAULT 0 CHECK (sales_count >= 0),
    units          numeric NOT NULL DEFAULT 0,
    gross          numeric(19,4) NOT NULL DEFAULT 0,
    returns_count  bigint NOT NULL DEFAULT 0 CHECK (returns_count >= 0),
    refunds        numeric(19,4) NOT NULL DEFAULT 0,
    PRIMARY KEY (store_id, day)
);

CREATE TABLE product_performance (
    store_id     text NOT NULL,
    day          date NOT NULL,
    sku          text NOT NULL,
    currency     char(3) NOT NULL,
    sales_count  bigint NOT NULL CHECK (sales_count >= 0),
    units        numeric NOT NULL,
    revenue      numeric(19,4) NOT NULL,
    PRIMARY KEY (store_id, day, sku)
);

CREATE TABLE handled_events (
    consumer    text NOT NULL,
    event_id    uuid NOT NULL,
    handled_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

ALTER TABLE sales_analytics_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE sales_analytics_daily FORCE ROW LEVEL SECURITY;
CREATE POLICY store_isolation ON sales_analytics_daily
    USING (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')))
    WITH CHECK (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')));

ALTER TABLE product_performance ENABLE ROW LEVEL SECURITY;
ALTER TABLE product_performance FORCE ROW LEVEL SECURITY;
CREATE POLICY store_isolation ON product_performance
    USING (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')))
    WITH CHECK (store_id = ANY (string_to_array(current_setting('app.store_ids', true), ',')));

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'vruksha_app') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON sales_analytics_daily, product_performance,
            handled_events TO vruksha_app;
    END IF;
END
$$;
