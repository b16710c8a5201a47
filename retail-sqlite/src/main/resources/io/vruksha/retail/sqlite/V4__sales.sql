-- What a till sells with: stock and its ledger, sales and their returns, idempotency keys, store
-- credit, parked carts, payments through providers and gift cards. Amounts and quantities are
-- decimal strings (exact; added up in Java, never by SQLite, which would make them REAL); instants
-- are microseconds since the epoch; documents are the JSON of retail-json.

-- One row per key that stock moved at or was reserved at (what StockLedger.levels lists).
CREATE TABLE stock_levels (
    store_id     TEXT NOT NULL,
    location_id  TEXT NOT NULL,
    sku          TEXT NOT NULL,
    on_hand      TEXT NOT NULL,
    reserved     TEXT NOT NULL,
    PRIMARY KEY (store_id, location_id, sku)
) STRICT;

-- The append-only ledger: the sum of a key's changes is its on-hand quantity.
CREATE TABLE stock_movements (
    sequence     INTEGER PRIMARY KEY AUTOINCREMENT,
    store_id     TEXT NOT NULL,
    location_id  TEXT NOT NULL,
    sku          TEXT NOT NULL,
    change       TEXT NOT NULL,
    reason       TEXT NOT NULL CHECK (reason IN ('SALE','RETURN','RECEIPT','ADJUSTMENT',
                                                 'TRANSFER_OUT','TRANSFER_IN','COUNT')),
    reference    TEXT,
    note         TEXT,
    moved_at     INTEGER
) STRICT;

CREATE INDEX stock_movements_by_key ON stock_movements (store_id, location_id, sku, sequence);

CREATE TRIGGER stock_movements_never_change BEFORE UPDATE ON stock_movements
BEGIN
    SELECT RAISE(ABORT, 'stock movements are never changed or removed');
END;

CREATE TRIGGER stock_movements_never_go BEFORE DELETE ON stock_movements
BEGIN
    SELECT RAISE(ABORT, 'stock movements are never changed or removed');
END;

-- A reservation id is unique within its store only.
CREATE TABLE stock_reservations (
    store_id        TEXT NOT NULL,
    reservation_id  TEXT NOT NULL,
    location_id     TEXT NOT NULL,
    sku             TEXT NOT NULL,
    quantity        TEXT NOT NULL,
    expires_at      INTEGER NOT NULL,
    PRIMARY KEY (store_id, reservation_id)
) STRICT;

CREATE INDEX stock_reservations_by_expiry ON stock_reservations (expires_at);

CREATE TABLE stock_safety_buffers (
    store_id     TEXT NOT NULL,
    location_id  TEXT NOT NULL,
    sku          TEXT NOT NULL,
    buffer       TEXT NOT NULL,
    PRIMARY KEY (store_id, location_id, sku)
) STRICT;

CREATE TABLE reorder_rules (
    store_id          TEXT NOT NULL,
    location_id       TEXT NOT NULL,
    sku               TEXT NOT NULL,
    reorder_point     TEXT NOT NULL,
    reorder_quantity  TEXT NOT NULL,
    PRIMARY KEY (store_id, location_id, sku)
) STRICT;

-- A row while the key is below its reorder point (so a low-stock event is raised on the crossing).
CREATE TABLE stock_low (
    store_id     TEXT NOT NULL,
    location_id  TEXT NOT NULL,
    sku          TEXT NOT NULL,
    PRIMARY KEY (store_id, location_id, sku)
) STRICT;

-- SKUs whose stock may go below zero.
CREATE TABLE stock_negative_allowed (
    sku  TEXT PRIMARY KEY
) STRICT;

CREATE TABLE sales (
    sale_id      TEXT PRIMARY KEY,
    store_id     TEXT NOT NULL,
    number       TEXT NOT NULL,
    sold_at      INTEGER NOT NULL,
    customer_id  TEXT,
    shift_id     TEXT,
    total        TEXT NOT NULL,
    currency     TEXT NOT NULL CHECK (length(currency) = 3),
    document     TEXT NOT NULL
) STRICT;

CREATE INDEX sales_by_time ON sales (store_id, sold_at, number);
CREATE INDEX sales_by_number ON sales (store_id, number);
CREATE INDEX sales_by_customer ON sales (store_id, customer_id, sold_at);
CREATE INDEX sales_by_shift ON sales (store_id, shift_id, sold_at);

CREATE TABLE sale_returns (
    return_id           TEXT PRIMARY KEY,
    sale_id             TEXT NOT NULL,
    store_id            TEXT NOT NULL,
    credit_note_number  TEXT NOT NULL,
    returned_at         INTEGER NOT NULL,
    refund              TEXT NOT NULL,
    currency            TEXT NOT NULL CHECK (length(currency) = 3),
    document            TEXT NOT NULL
) STRICT;

CREATE INDEX sale_returns_by_sale ON sale_returns (sale_id, returned_at, return_id);
CREATE INDEX sale_returns_by_store ON sale_returns (store_id, returned_at, return_id);
CREATE INDEX sale_returns_by_credit_note ON sale_returns (store_id, credit_note_number);

CREATE TABLE idempotency_keys (
    store_id      TEXT NOT NULL,
    key           TEXT NOT NULL,
    request_hash  TEXT NOT NULL,
    result_id     TEXT NOT NULL,
    PRIMARY KEY (store_id, key)
) STRICT;

CREATE TABLE store_credits (
    customer_id  TEXT NOT NULL,
    currency     TEXT NOT NULL CHECK (length(currency) = 3),
    balance      TEXT NOT NULL,
    PRIMARY KEY (customer_id, currency)
) STRICT;

CREATE TABLE carts (
    cart_id   TEXT PRIMARY KEY,
    store_id  TEXT NOT NULL,
    parked    INTEGER NOT NULL CHECK (parked IN (0, 1)),
    document  TEXT NOT NULL
) STRICT;

CREATE INDEX carts_parked ON carts (store_id, parked, cart_id);

CREATE TABLE payment_checkouts (
    store_id         TEXT NOT NULL,
    checkout_id      TEXT NOT NULL,
    idempotency_key  TEXT NOT NULL,
    status           TEXT NOT NULL,
    open             INTEGER NOT NULL CHECK (open IN (0, 1)),
    began_at         INTEGER NOT NULL,
    document         TEXT NOT NULL,
    PRIMARY KEY (store_id, checkout_id)
) STRICT;

CREATE INDEX payment_checkouts_by_key ON payment_checkouts (store_id, idempotency_key);
CREATE INDEX payment_checkouts_open ON payment_checkouts (store_id, open, began_at, checkout_id);

CREATE TABLE provider_payments (
    store_id     TEXT NOT NULL,
    payment_id   TEXT NOT NULL,
    checkout_id  TEXT NOT NULL,
    sale_id      TEXT,
    created_at   INTEGER NOT NULL,
    document     TEXT NOT NULL,
    PRIMARY KEY (store_id, payment_id)
) STRICT;

CREATE INDEX provider_payments_by_checkout ON provider_payments (store_id, checkout_id);
CREATE INDEX provider_payments_by_sale ON provider_payments (store_id, sale_id);
CREATE INDEX provider_payments_by_time ON provider_payments (store_id, created_at, payment_id);

CREATE TABLE gift_card_products (
    sku              TEXT PRIMARY KEY,
    validity_months  INTEGER NOT NULL
) STRICT;

CREATE TABLE gift_cards (
    sequence    INTEGER PRIMARY KEY AUTOINCREMENT,
    store_id    TEXT NOT NULL,
    card_id     TEXT NOT NULL,
    code        TEXT NOT NULL,
    currency    TEXT NOT NULL CHECK (length(currency) = 3),
    balance     TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('ACTIVE','EXPIRED','CANCELLED')),
    origin      TEXT NOT NULL CHECK (origin IN ('SOLD','REFUND','IMPORTED')),
    reference   TEXT NOT NULL,
    issued_at   INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    UNIQUE (store_id, card_id),
    UNIQUE (store_id, code)
) STRICT;

CREATE INDEX gift_cards_by_issue ON gift_cards (store_id, issued_at, sequence);
CREATE INDEX gift_cards_by_reference ON gift_cards (store_id, reference, issued_at, sequence);
CREATE INDEX gift_cards_by_expiry ON gift_cards (store_id, status, expires_at);

-- The append-only ledger of balances: a card's entries add up to its balance.
CREATE TABLE gift_card_entries (
    sequence         INTEGER PRIMARY KEY AUTOINCREMENT,
    store_id         TEXT NOT NULL,
    card_id          TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('ISSUE','RELOAD','REDEEM','EXPIRE','CANCEL')),
    amount           TEXT NOT NULL,
    currency         TEXT NOT NULL CHECK (length(currency) = 3),
    balance_after    TEXT NOT NULL,
    at               INTEGER NOT NULL,
    staff_id         TEXT NOT NULL,
    reference        TEXT NOT NULL,
    idempotency_key  TEXT NOT NULL,
    UNIQUE (store_id, idempotency_key),
    FOREIGN KEY (store_id, card_id) REFERENCES gift_cards (store_id, card_id)
) STRICT;

CREATE INDEX gift_card_entries_by_card ON gift_card_entries (store_id, card_id, sequence);
CREATE INDEX gift_card_entries_by_time ON gift_card_entries (store_id, at, sequence);

CREATE TRIGGER gift_card_entries_never_change BEFORE UPDATE ON gift_card_entries
BEGIN
    SELECT RAISE(ABORT, 'gift card ledger entries are never changed or removed');
END;

CREATE TRIGGER gift_card_entries_never_go BEFORE DELETE ON gift_card_entries
BEGIN
    SELECT RAISE(ABORT, 'gift card ledger entries are never changed or removed');
END;

CREATE TABLE gift_card_code_attempts (
    store_id       TEXT NOT NULL,
    source         TEXT NOT NULL,
    failures       INTEGER NOT NULL,
    last_failure   INTEGER,
    blocked_until  INTEGER,
    PRIMARY KEY (store_id, source)
) STRICT;
