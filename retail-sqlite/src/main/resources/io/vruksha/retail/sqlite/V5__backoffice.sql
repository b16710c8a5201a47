-- The back office a till keeps: stores, staff and their attendance, register shifts, invoices,
-- suppliers and purchase orders, the loyalty points ledger, the outbox of events still to publish,
-- and how staff log in (hashes only, never a password or PIN). Documents are JSON beside the
-- columns looked up; amounts are decimal strings, instants microseconds since the epoch.
CREATE TABLE stores (
    store_id             TEXT PRIMARY KEY,
    name                 TEXT NOT NULL,
    currency             TEXT NOT NULL CHECK (length(currency) = 3),
    zone                 TEXT NOT NULL,
    cash_increment       TEXT NOT NULL,
    cash_mode            TEXT NOT NULL,
    cash_rounding_scope  TEXT NOT NULL
) STRICT;

CREATE TABLE staff (
    staff_id  TEXT PRIMARY KEY,
    store_id  TEXT NOT NULL,
    name      TEXT NOT NULL,
    role      TEXT NOT NULL
) STRICT;

CREATE INDEX staff_by_store ON staff (store_id, staff_id);

CREATE TABLE staff_attendance (
    staff_id     TEXT NOT NULL,
    store_id     TEXT NOT NULL,
    clocked_in   INTEGER NOT NULL,
    clocked_out  INTEGER,
    PRIMARY KEY (staff_id, clocked_in)
) STRICT;

-- at most one open shift per register, as in PostgreSQL
CREATE TABLE shifts (
    shift_id     TEXT PRIMARY KEY,
    store_id     TEXT NOT NULL,
    register_id  TEXT NOT NULL,
    opened_at    INTEGER NOT NULL,
    open         INTEGER NOT NULL CHECK (open IN (0, 1)),
    document     TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX shifts_one_open ON shifts (store_id, register_id) WHERE open = 1;
CREATE INDEX shifts_by_store ON shifts (store_id, opened_at, shift_id);

CREATE TABLE invoices (
    store_id     TEXT NOT NULL,
    number       TEXT NOT NULL,
    sale_id      TEXT,
    customer_id  TEXT,
    status       TEXT NOT NULL,
    issued_at    INTEGER NOT NULL,
    total        TEXT NOT NULL,
    currency     TEXT NOT NULL CHECK (length(currency) = 3),
    document     TEXT NOT NULL,
    PRIMARY KEY (store_id, number)
) STRICT;

CREATE INDEX invoices_by_sale ON invoices (sale_id) WHERE sale_id IS NOT NULL;
CREATE INDEX invoices_by_store ON invoices (store_id, issued_at, number);

CREATE TABLE suppliers (
    supplier_id  TEXT PRIMARY KEY,
    document     TEXT NOT NULL
) STRICT;

CREATE TABLE supplier_items (
    sku          TEXT NOT NULL,
    supplier_id  TEXT NOT NULL REFERENCES suppliers (supplier_id) ON DELETE CASCADE,
    PRIMARY KEY (sku, supplier_id)
) STRICT;

CREATE TABLE purchase_orders (
    order_id     TEXT PRIMARY KEY,
    store_id     TEXT NOT NULL,
    supplier_id  TEXT NOT NULL,
    status       TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    document     TEXT NOT NULL
) STRICT;

CREATE INDEX purchase_orders_by_store ON purchase_orders (store_id, created_at, order_id);

CREATE TABLE loyalty_entries (
    id           INTEGER PRIMARY KEY,
    customer_id  TEXT NOT NULL,
    kind         TEXT NOT NULL,
    points       INTEGER NOT NULL,
    spend_minor  INTEGER NOT NULL,
    reference    TEXT NOT NULL,
    at           INTEGER NOT NULL
) STRICT;

CREATE INDEX loyalty_entries_by_customer ON loyalty_entries (customer_id, id);

-- events still to publish, in the order they were appended; a published one is deleted
-- (AUTOINCREMENT: a position is never handed out twice, even after the newest rows left)
CREATE TABLE outbox (
    position        INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id        TEXT NOT NULL UNIQUE,
    subject         TEXT NOT NULL,
    store_id        TEXT NOT NULL,
    occurred_at     INTEGER NOT NULL,
    correlation_id  TEXT NOT NULL,
    schema_version  INTEGER NOT NULL,
    payload_type    TEXT NOT NULL,
    payload         TEXT NOT NULL
) STRICT;

CREATE TABLE staff_credentials (
    staff_id         TEXT PRIMARY KEY,
    password_hash    TEXT,
    pin_hash         TEXT,
    failed_attempts  INTEGER NOT NULL CHECK (failed_attempts >= 0),
    locked_until     INTEGER,
    token_version    INTEGER NOT NULL CHECK (token_version >= 0),
    locked           INTEGER NOT NULL CHECK (locked IN (0, 1))
) STRICT;

CREATE TABLE staff_credential_sources (
    staff_id       TEXT NOT NULL,
    source         TEXT NOT NULL,
    failures       INTEGER NOT NULL CHECK (failures >= 0),
    blocked_until  INTEGER,
    known          INTEGER NOT NULL CHECK (known IN (0, 1)),
    PRIMARY KEY (staff_id, source)
) STRICT;
