-- Orders for later fulfilment, curbside slots and bookings, warranty policies, warranties and
-- their claims: each a JSON document (retail-json) beside the columns looked up and ordered on.
-- Instants are microseconds since the epoch.

CREATE TABLE fulfilment_orders (
    store_id     TEXT NOT NULL,
    order_id     TEXT NOT NULL,
    placed_at    INTEGER NOT NULL,
    customer_id  TEXT,
    document     TEXT NOT NULL,
    PRIMARY KEY (store_id, order_id)
) STRICT;
CREATE INDEX fulfilment_orders_by_customer ON fulfilment_orders (customer_id);

CREATE TABLE curbside_slots (
    store_id   TEXT NOT NULL,
    slot_id    TEXT NOT NULL,
    starts_at  INTEGER NOT NULL,
    ends_at    INTEGER NOT NULL CHECK (ends_at > starts_at),
    capacity   INTEGER NOT NULL CHECK (capacity >= 0),
    booked     INTEGER NOT NULL DEFAULT 0 CHECK (booked >= 0 AND booked <= capacity),
    PRIMARY KEY (store_id, slot_id)
) STRICT;
CREATE INDEX curbside_slots_by_start ON curbside_slots (store_id, starts_at);

CREATE TABLE curbside_bookings (
    store_id    TEXT NOT NULL,
    booking_id  TEXT NOT NULL,
    slot_id     TEXT NOT NULL,
    order_id    TEXT,
    booked_at   INTEGER NOT NULL,
    document    TEXT NOT NULL,
    PRIMARY KEY (store_id, booking_id),
    FOREIGN KEY (store_id, slot_id) REFERENCES curbside_slots (store_id, slot_id)
) STRICT;
CREATE INDEX curbside_bookings_by_slot ON curbside_bookings (store_id, slot_id, booked_at);

CREATE TABLE warranty_policies (
    sku       TEXT PRIMARY KEY,
    document  TEXT NOT NULL
) STRICT;

CREATE TABLE warranties (
    store_id        TEXT NOT NULL,
    serial          TEXT NOT NULL,
    receipt_number  TEXT NOT NULL,
    line_index      INTEGER NOT NULL,
    starts_at       INTEGER NOT NULL,
    document        TEXT NOT NULL,
    PRIMARY KEY (store_id, serial)
) STRICT;
CREATE INDEX warranties_by_receipt ON warranties (store_id, receipt_number);

CREATE TABLE warranty_claims (
    store_id    TEXT NOT NULL,
    claim_id    TEXT NOT NULL,
    serial      TEXT NOT NULL,
    claimed_at  INTEGER NOT NULL,
    document    TEXT NOT NULL,
    PRIMARY KEY (store_id, claim_id),
    FOREIGN KEY (store_id, serial) REFERENCES warranties (store_id, serial)
) STRICT;
