-- Vruksha schema, part 1: stores, stock, the fiscal journal and its counters, the outbox,
-- idempotency keys, loyalty, store credit and coupon redemptions.
-- Money is numeric(19,4) plus a char(3) currency; never real, double or money.

CREATE TABLE stores (
    store_id        text PRIMARY KEY,
    name            text NOT NULL CHECK (name <> ''),
    currency        char(3) NOT NULL,
    zone            text NOT NULL,
    cash_increment  numeric(19,4) NOT NULL DEFAULT 0 CHECK (cash_increment >= 0),
    cash_mode       text NOT NULL DEFAULT 'UNNECESSARY'
);

CREATE TABLE stock_levels (
    store_id     text NOT NULL,
    location_id  text NOT NULL,
    sku          text NOT NULL,
    on_hand      numeric(19,3) NOT NULL DEFAULT 0,
    reserved     numeric(19,3) NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    low          boolean NOT NULL DEFAULT false,
    PRIMARY KEY (store_id, location_id, sku)
);

CREATE TABLE stock_movements (
    sequence     bigserial PRIMARY KEY,
    store_id     text NOT NULL,
    location_id  text NOT NULL,
    sku          text NOT NULL,
    change       numeric(19,3) NOT NULL,
    reason       text NOT NULL CHECK (reason IN ('SALE','RETURN','RECEIPT','ADJUSTMENT','TRANSFER_OUT','TRANSFER_IN','COUNT')),
    reference    text NOT NULL,
    note         text NOT NULL DEFAULT '',
    moved_at     timestamptz NOT NULL,
    FOREIGN KEY (store_id, location_id, sku) REFERENCES stock_levels (store_id, location_id, sku)
);
CREATE INDEX stock_movements_by_key ON stock_movements (store_id, location_id, sku, sequence);

CREATE TABLE reorder_rules (
    store_id          text NOT NULL,
    location_id       text NOT NULL,
    sku               text NOT NULL,
    reorder_point     numeric(19,3) NOT NULL CHECK (reorder_point >= 0),
    reorder_quantity  numeric(19,3) NOT NULL CHECK (reorder_quantity > 0),
    PRIMARY KEY (store_id, location_id, sku)
);

CREATE TABLE stock_policies (
    sku             text PRIMARY KEY,
    allow_negative  boolean NOT NULL
);

CREATE TABLE stock_reservations (
    reservation_id  text PRIMARY KEY,
    store_id        text NOT NULL,
    location_id     text NOT NULL,
    sku             text NOT NULL,
    quantity        numeric(19,3) NOT NULL CHECK (quantity > 0),
    expires_at      timestamptz NOT NULL
);
CREATE INDEX stock_reservations_expiry ON stock_reservations (expires_at);

-- one counter row per store, series and year: the row lock held until commit makes numbers gapless
CREATE TABLE document_counters (
    store_id    text NOT NULL,
    series      text NOT NULL,
    year        integer NOT NULL,
    last_value  bigint NOT NULL CHECK (last_value >= 0),
    PRIMARY KEY (store_id, series, year)
);

-- the head of each store's journal, locked while a document is appended so the chain is linear
CREATE TABLE journal_heads (
    store_id       text PRIMARY KEY,
    last_sequence  bigint NOT NULL,
    last_hash      char(64) NOT NULL
);

CREATE TABLE fiscal_journal (
    store_id       text NOT NULL,
    sequence       bigint NOT NULL CHECK (sequence >= 1),
    kind           text NOT NULL CHECK (kind IN ('INVOICE','CREDIT_NOTE','Z_REPORT')),
    number         text NOT NULL,
    issued_at      timestamptz NOT NULL,
    total          numeric(19,4) NOT NULL,
    tax            numeric(19,4) NOT NULL,
    currency       char(3) NOT NULL,
    content        text NOT NULL,
    previous_hash  char(64) NOT NULL,
    hash           char(64) NOT NULL,
    PRIMARY KEY (store_id, sequence),
    UNIQUE (store_id, number)
);

CREATE TABLE outbox (
    event_id        uuid PRIMARY KEY,
    position        bigserial UNIQUE,
    subject         text NOT NULL,
    store_id        text NOT NULL,
    occurred_at     timestamptz NOT NULL,
    correlation_id  text NOT NULL,
    schema_version  integer NOT NULL,
    payload_type    text NOT NULL,
    payload         jsonb NOT NULL,
    sent_at         timestamptz
);
CREATE INDEX outbox_pending ON outbox (position) WHERE sent_at IS NULL;

CREATE TABLE idempotency_keys (
    store_id      text NOT NULL,
    key           text NOT NULL,
    request_hash  char(64) NOT NULL,
    result_id     text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (store_id, key)
);

CREATE TABLE loyalty_transactions (
    id           bigserial PRIMARY KEY,
    customer_id  text NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('EARN','REDEEM','RETURN','EXPIRE','ENROL')),
    points       bigint NOT NULL,
    spend_minor  bigint NOT NULL DEFAULT 0,
    reference    text NOT NULL,
    at           timestamptz NOT NULL
);
CREATE INDEX loyalty_transactions_by_customer ON loyalty_transactions (customer_id, id);

CREATE TABLE store_credits (
    customer_id  text NOT NULL,
    currency     char(3) NOT NULL,
    balance      numeric(19,4) NOT NULL CHECK (balance >= 0),
    PRIMARY KEY (customer_id, currency)
);

CREATE TABLE coupon_usage (
    code  text PRIMARY KEY,
    used  integer NOT NULL CHECK (used >= 0)
);

CREATE TABLE coupon_redemptions (
    code     text NOT NULL REFERENCES coupon_usage (code),
    sale_id  text NOT NULL,
    PRIMARY KEY (code, sale_id)
);
