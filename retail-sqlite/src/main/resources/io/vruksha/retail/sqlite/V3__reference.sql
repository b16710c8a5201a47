-- The till's copy of the centre's reference data (catalogue, price book, promotions, tax rules),
-- its customers with their audit trail, the daily sales figures, the events its in-process
-- reactions have handled, and the notifications waiting for delivery. Documents are JSON
-- (DocumentJson, as PostgreSQL keeps them) beside the columns they are looked up by; amounts are
-- decimal strings; instants are microseconds since the epoch; days are days since the epoch.
-- A column "seq" keeps the order rows were first written in, where the port's lists follow it.

CREATE TABLE products (
    product_id  TEXT PRIMARY KEY,
    document    TEXT NOT NULL
) STRICT;

-- each SKU and barcode (its GTIN-13 form; an EAN-8 as it is) belongs to one product: the primary
-- keys are the second wall behind the adapter's DUPLICATE check
CREATE TABLE product_skus (
    sku         TEXT PRIMARY KEY,
    product_id  TEXT NOT NULL REFERENCES products (product_id) ON DELETE CASCADE
) STRICT;
CREATE INDEX product_skus_by_product ON product_skus (product_id);

CREATE TABLE product_barcodes (
    gtin13  TEXT PRIMARY KEY,
    sku     TEXT NOT NULL REFERENCES product_skus (sku) ON DELETE CASCADE
) STRICT;
CREATE INDEX product_barcodes_by_sku ON product_barcodes (sku);

CREATE TABLE categories (
    seq          INTEGER PRIMARY KEY,
    category_id  TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    parent_id    TEXT
) STRICT;

CREATE TABLE price_lists (
    price_list_id  TEXT PRIMARY KEY,
    store_id       TEXT,
    currency       TEXT NOT NULL CHECK (length(currency) = 3),
    document       TEXT NOT NULL
) STRICT;

CREATE TABLE prices (
    sku            TEXT NOT NULL,
    price_list_id  TEXT NOT NULL REFERENCES price_lists (price_list_id),
    unit_price     TEXT NOT NULL,
    currency       TEXT NOT NULL CHECK (length(currency) = 3),
    PRIMARY KEY (sku, price_list_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE price_history (
    id               INTEGER PRIMARY KEY,
    price_list_id    TEXT NOT NULL,
    sku              TEXT NOT NULL,
    before_price     TEXT,
    before_currency  TEXT,
    after_price      TEXT NOT NULL,
    currency         TEXT NOT NULL CHECK (length(currency) = 3),
    changed_at       INTEGER,
    changed_by       TEXT
) STRICT;
CREATE INDEX price_history_by_sku ON price_history (sku, id);

CREATE TABLE promotions (
    promotion_id  TEXT PRIMARY KEY,
    document      TEXT NOT NULL
) STRICT;

CREATE TABLE coupons (
    code          TEXT PRIMARY KEY,
    promotion_id  TEXT NOT NULL,
    max_uses      INTEGER NOT NULL CHECK (max_uses >= 1)
) STRICT;

CREATE TABLE tax_jurisdictions (
    store_id  TEXT PRIMARY KEY,
    document  TEXT NOT NULL
) STRICT;

CREATE TABLE customers (
    seq          INTEGER PRIMARY KEY,
    customer_id  TEXT NOT NULL UNIQUE,
    email        TEXT UNIQUE,
    group_id     TEXT,
    anonymised   INTEGER NOT NULL CHECK (anonymised IN (0, 1)),
    document     TEXT NOT NULL
) STRICT;
CREATE INDEX customers_by_group ON customers (group_id, seq);

-- who changed which record, and what it was before and after (JSON documents); written in the
-- unit of work of the change
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    changed_by  TEXT NOT NULL,
    changed_at  INTEGER NOT NULL,
    before      TEXT,
    after       TEXT
) STRICT;
CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id, id);

CREATE TABLE sales_analytics_daily (
    store_id       TEXT NOT NULL,
    day            INTEGER NOT NULL,
    currency       TEXT NOT NULL CHECK (length(currency) = 3),
    sales_count    INTEGER NOT NULL CHECK (sales_count >= 0),
    units          TEXT NOT NULL,
    gross          TEXT NOT NULL,
    returns_count  INTEGER NOT NULL CHECK (returns_count >= 0),
    refunds        TEXT NOT NULL,
    PRIMARY KEY (store_id, day)
) STRICT, WITHOUT ROWID;

CREATE TABLE product_performance (
    store_id     TEXT NOT NULL,
    day          INTEGER NOT NULL,
    sku          TEXT NOT NULL,
    currency     TEXT NOT NULL CHECK (length(currency) = 3),
    sales_count  INTEGER NOT NULL CHECK (sales_count >= 0),
    units        TEXT NOT NULL,
    revenue      TEXT NOT NULL,
    PRIMARY KEY (store_id, day, sku)
) STRICT, WITHOUT ROWID;

CREATE TABLE handled_events (
    consumer  TEXT NOT NULL,
    event_id  TEXT NOT NULL,
    PRIMARY KEY (consumer, event_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE notification_templates (
    store_id  TEXT NOT NULL,
    kind      TEXT NOT NULL,
    channel   TEXT NOT NULL,
    subject   TEXT NOT NULL,
    body      TEXT NOT NULL,
    PRIMARY KEY (store_id, kind, channel)
) STRICT, WITHOUT ROWID;

CREATE TABLE notification_subscriptions (
    seq        INTEGER PRIMARY KEY,
    store_id   TEXT NOT NULL,
    kind       TEXT NOT NULL,
    channel    TEXT NOT NULL,
    recipient  TEXT NOT NULL,
    UNIQUE (store_id, kind, channel, recipient)
) STRICT;

CREATE TABLE notifications (
    seq              INTEGER PRIMARY KEY,
    store_id         TEXT NOT NULL,
    notification_id  TEXT NOT NULL,
    kind             TEXT NOT NULL,
    channel          TEXT NOT NULL,
    recipient        TEXT NOT NULL,
    subject          TEXT NOT NULL,
    body             TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts         INTEGER NOT NULL,
    created_at       INTEGER NOT NULL,
    next_attempt_at  INTEGER NOT NULL,
    last_error       TEXT,
    event_id         TEXT NOT NULL,
    UNIQUE (store_id, notification_id)
) STRICT;
CREATE INDEX notifications_due ON notifications (next_attempt_at, seq) WHERE status = 'PENDING';
CREATE INDEX notifications_by_store ON notifications (store_id, seq);
CREATE INDEX notifications_by_recipient ON notifications (recipient);
