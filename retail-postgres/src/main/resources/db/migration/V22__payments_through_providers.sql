-- Vruksha schema, part 22: checkouts paid through payment providers (card terminals, buy now pay
-- later, crypto). A pending checkout waits for its providers with its stock reserved
-- (stock_reservations, as orders reserve) and no receipt number; it completes into a sale in
-- pos_transactions or is released. Its provider payments are rows of their own, kept apart from
-- the invoice payments of V6 (those record how a numbered invoice was paid; these are the
-- provider's side: state, reference, refunds), for the settlement reconciliation.

CREATE TABLE payment_checkouts (
    store_id         text NOT NULL,
    checkout_id      text NOT NULL,
    idempotency_key  text NOT NULL,
    status           text NOT NULL
        CHECK (status IN ('PAYMENT_PENDING', 'COMPLETED', 'RELEASED', 'EXPIRED', 'CANCELLED')),
    total            numeric(19,4) NOT NULL,
    currency         char(3) NOT NULL,
    began_at         timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    sale_id          text,
    receipt_number   text,
    document         jsonb NOT NULL,
    PRIMARY KEY (store_id, checkout_id),
    UNIQUE (store_id, idempotency_key)
);
-- what the re-check on start and the periodic sweep read: the store's open checkouts
CREATE INDEX payment_checkouts_open ON payment_checkouts (store_id, began_at)
    WHERE status = 'PAYMENT_PENDING';

CREATE TABLE provider_payments (
    store_id      text NOT NULL,
    payment_id    text NOT NULL,
    checkout_id   text NOT NULL,
    kind          text NOT NULL,
    provider      text NOT NULL,
    state         text NOT NULL CHECK (state IN ('PENDING', 'AUTHORIZED', 'CAPTURED', 'DECLINED',
                                                 'EXPIRED', 'VOIDED', 'REFUNDED')),
    amount        numeric(19,4) NOT NULL CHECK (amount > 0),
    refunded      numeric(19,4) NOT NULL CHECK (refunded >= 0 AND refunded <= amount),
    currency      char(3) NOT NULL,
    reference     text NOT NULL,
    action        text NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    sale_id       text,
    PRIMARY KEY (store_id, payment_id),
    FOREIGN KEY (store_id, checkout_id) REFERENCES payment_checkouts (store_id, checkout_id)
);
CREATE INDEX provider_payments_by_checkout ON provider_payments (store_id, checkout_id);
CREATE INDEX provider_payments_by_sale ON provider_payments (store_id, sale_id)
    WHERE sale_id IS NOT NULL;
CREATE INDEX provider_payments_by_time ON provider_payments (store_id, created_at, payment_id);

-- Row-level security as for every table that belongs to a store (V5, V12).
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['payment_checkouts', 'provider_payments']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY store_isolation ON %I'
            || ' USING (store_id = ANY (string_to_array(current_setting(''app.store_ids'', true), '','')))'
            || ' WITH CHECK (store_id = ANY (string_to_array(current_setting(''app.store_ids'', true), '','')))', t);
    END LOOP;
END
$$;

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'vruksha_app') THEN
        GRANT SELECT, INSERT, UPDATE ON payment_checkouts, provider_payments TO vruksha_app;
    END IF;
END
$$;
