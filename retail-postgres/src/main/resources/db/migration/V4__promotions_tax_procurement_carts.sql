-- Vruksha schema, part 4: promotions and coupons, tax jurisdictions per store, suppliers and
-- purchase orders, parked carts.

CREATE TABLE promotions (
    promotion_id  text PRIMARY KEY,
    document      jsonb NOT NULL
);

CREATE TABLE coupons (
    code          text PRIMARY KEY,
    promotion_id  text NOT NULL,
    max_uses      integer NOT NULL CHECK (max_uses >= 1)
);

CREATE TABLE tax_jurisdictions (
    store_id  text PRIMARY KEY,
    document  jsonb NOT NULL
);

CREATE TABLE suppliers (
    supplier_id  text PRIMARY KEY,
    document     jsonb NOT NULL
);

CREATE TABLE supplier_items (
    supplier_id  text NOT NULL REFERENCES suppliers (supplier_id) ON DELETE CASCADE,
    sku          text NOT NULL,
    PRIMARY KEY (sku, supplier_id)
);

CREATE TABLE purchase_orders (
    order_id     text PRIMARY KEY,
    store_id     text NOT NULL,
    supplier_id  text NOT NULL,
    status       text NOT NULL,
    created_at   timestamptz NOT NULL,
    document     jsonb NOT NULL
);
CREATE INDEX purchase_orders_by_store ON purchase_orders (store_id, created_at);

CREATE TABLE carts (
    cart_id   text PRIMARY KEY,
    store_id  text NOT NULL,
    parked    boolean NOT NULL,
    document  jsonb NOT NULL
);
CREATE INDEX carts_parked ON carts (store_id) WHERE parked;
