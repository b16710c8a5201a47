-- Vruksha schema, part 3: master data — customers, staff and attendance, products with their
-- barcodes, categories, price lists, prices and their history — and the audit trail of changes.

CREATE TABLE customers (
    customer_id  text PRIMARY KEY,
    email        text UNIQUE,
    group_id     text,
    anonymised   boolean NOT NULL DEFAULT false,
    document     jsonb NOT NULL
);
CREATE INDEX customers_by_group ON customers (group_id) WHERE group_id IS NOT NULL;

CREATE TABLE users (
    staff_id  text PRIMARY KEY,
    store_id  text NOT NULL,
    name      text NOT NULL,
    role      text NOT NULL CHECK (role IN ('CASHIER','SUPERVISOR','MANAGER','ADMIN'))
);
CREATE INDEX users_by_store ON users (store_id);

CREATE TABLE employee_attendance (
    staff_id    text NOT NULL,
    store_id    text NOT NULL,
    clocked_in  timestamptz NOT NULL,
    clocked_out timestamptz,
    PRIMARY KEY (staff_id, clocked_in)
);

CREATE TABLE categories (
    category_id  text PRIMARY KEY,
    name         text NOT NULL,
    parent_id    text
);

CREATE TABLE products (
    product_id  text PRIMARY KEY,
    document    jsonb NOT NULL
);

CREATE TABLE product_skus (
    sku         text PRIMARY KEY,
    product_id  text NOT NULL REFERENCES products (product_id) ON DELETE CASCADE
);

CREATE TABLE product_barcodes (
    gtin13  text PRIMARY KEY,
    sku     text NOT NULL REFERENCES product_skus (sku) ON DELETE CASCADE
);

CREATE TABLE price_lists (
    price_list_id  text PRIMARY KEY,
    store_id       text,
    currency       char(3) NOT NULL,
    document       jsonb NOT NULL
);

CREATE TABLE prices (
    price_list_id  text NOT NULL REFERENCES price_lists (price_list_id),
    sku            text NOT NULL,
    unit_price     numeric(19,6) NOT NULL CHECK (unit_price >= 0),
    PRIMARY KEY (sku, price_list_id)
);

CREATE TABLE price_history (
    id             bigserial PRIMARY KEY,
    price_list_id  text NOT NULL,
    sku            text NOT NULL,
    before_price   numeric(19,6),
    after_price    numeric(19,6) NOT NULL,
    currency       char(3) NOT NULL,
    changed_at     timestamptz NOT NULL,
    changed_by     text NOT NULL
);
CREATE INDEX price_history_by_sku ON price_history (sku, id);

-- who changed which master data, when, and what it was before and after
CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    entity      text NOT NULL,
    entity_id   text NOT NULL,
    changed_by  text NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now(),
    before      jsonb,
    after       jsonb
);
CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id, id);
