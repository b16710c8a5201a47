-- Vruksha schema, part 2: completed sales (pos_transactions), returns, invoices and register
-- shifts (pos_sessions). Each row keeps its key columns for queries and the whole document as
-- JSON, exactly as the engine produced it.

CREATE TABLE pos_transactions (
    sale_id      text PRIMARY KEY,
    store_id     text NOT NULL,
    number       text NOT NULL,
    sold_at      timestamptz NOT NULL,
    cashier_id   text NOT NULL,
    customer_id  text,
    shift_id     text,
    total        numeric(19,4) NOT NULL,
    currency     char(3) NOT NULL,
    document     jsonb NOT NULL,
    UNIQUE (store_id, number)
);
CREATE INDEX pos_transactions_by_store ON pos_transactions (store_id, sold_at);
CREATE INDEX pos_transactions_by_shift ON pos_transactions (shift_id) WHERE shift_id IS NOT NULL;

CREATE TABLE returns (
    return_id    text PRIMARY KEY,
    sale_id      text NOT NULL,
    store_id     text NOT NULL,
    returned_at  timestamptz NOT NULL,
    refund       numeric(19,4) NOT NULL,
    currency     char(3) NOT NULL,
    document     jsonb NOT NULL
);
CREATE INDEX returns_by_sale ON returns (sale_id, returned_at);
CREATE INDEX returns_by_store ON returns (store_id, returned_at);

CREATE TABLE invoices (
    number       text PRIMARY KEY,
    store_id     text NOT NULL,
    sale_id      text,
    customer_id  text,
    status       text NOT NULL CHECK (status IN ('ISSUED','PARTIALLY_PAID','PAID','CREDITED')),
    issued_at    timestamptz NOT NULL,
    total        numeric(19,4) NOT NULL,
    currency     char(3) NOT NULL,
    document     jsonb NOT NULL
);
CREATE INDEX invoices_by_store ON invoices (store_id, issued_at);
CREATE INDEX invoices_by_sale ON invoices (sale_id) WHERE sale_id IS NOT NULL;

CREATE TABLE pos_sessions (
    shift_id     text PRIMARY KEY,
    store_id     text NOT NULL,
    register_id  text NOT NULL,
    opened_at    timestamptz NOT NULL,
    open         boolean NOT NULL,
    document     jsonb NOT NULL
);
-- at most one open shift per register
CREATE UNIQUE INDEX pos_sessions_one_open ON pos_sessions (store_id, register_id) WHERE open;
