-- Vruksha schema, part 12: orders beyond the till.
-- Available to sell: a safety buffer per SKU and store on the floor's stock row; NULL means the
-- SKU is not listed for web shops. A reservation's check (on_hand - reserved - buffer >= quantity)
-- and its write are one conditional UPDATE of that row.
ALTER TABLE stock_levels ADD COLUMN safety_buffer numeric(19,3) CHECK (safety_buffer >= 0);

-- Orders for later fulfilment (the reference's kiosk_orders, for every channel).
CREATE TABLE fulfilment_orders (
    store_id        text NOT NULL,
    order_id        text NOT NULL,
    channel         text NOT NULL CHECK (channel IN ('KIOSK', 'WEB', 'PHONE')),
    status          text NOT NULL
        CHECK (status IN ('PLACED', 'PICKED', 'READY', 'COLLECTED', 'CANCELLED')),
    customer_id     text,
    placed_at       timestamptz NOT NULL,
    reserved_until  timestamptz NOT NULL,
    total           numeric(19,4) NOT NULL,
    refunded        numeric(19,4) NOT NULL,
    currency        char(3) NOT NULL,
    sale_id         text,
    receipt_number  text,
    updated_at      timestamptz NOT NULL,
    document        jsonb NOT NULL,
    PRIMARY KEY (store_id, order_id)
);
CREATE INDEX fulfilment_orders_open ON fulfilment_orders (store_id, reserved_until)
    WHERE status IN ('PLACED', 'PICKED', 'READY');

-- Curbside collection (the reference's curbside_bookings) and the slots they fill.
CREATE TABLE curbside_slots (
    store_id   text NOT NULL,
    slot_id    text NOT NULL,
    starts_at  timestamptz NOT NULL,
    ends_at    timestamptz NOT NULL CHECK (ends_at > starts_at),
    capacity   integer NOT NULL CHECK (capacity >= 0),
    booked     integer NOT NULL DEFAULT 0 CHECK (booked >= 0 AND booked <= capacity),
    PRIMARY KEY (store_id, slot_id)
);
CREATE INDEX curbside_slots_by_start ON curbside_slots (store_id, starts_at);

CREATE TABLE curbside_bookings (
    store_id       text NOT NULL,
    booking_id     text NOT NULL,
    slot_id        text NOT NULL,
    order_id       text,
    customer_name  text NOT NULL,
    vehicle        text NOT NULL,
    status         text NOT NULL CHECK (status IN ('BOOKED', 'CHECKED_IN', 'CANCELLED')),
    booked_at      timestamptz NOT NULL,
    arrived_at     timestamptz,
    bay            text NOT NULL,
    PRIMARY KEY (store_id, booking_id),
    FOREIGN KEY (store_id, slot_id) REFERENCES curbside_slots (store_id, slot_id)
);
CREATE INDEX curbside_bookings_by_slot ON curbside_bookings (store_id, slot_id, booked_at);

-- Serialised SKUs and their warranty period (catalogue data, like stock_policies).
CREATE TABLE warranty_policies (
    sku     text PRIMARY KEY,
    months  integer NOT NULL CHECK (months BETWEEN 0 AND 240)
);

-- The reference's warranties: one per serialised unit sold, and the claims on them.
CREATE TABLE warranties (
    store_id        text NOT NULL,
    serial          text NOT NULL,
    sku             text NOT NULL,
    sale_id         text NOT NULL,
    receipt_number  text NOT NULL,
    line_index      integer NOT NULL,
    starts_at       timestamptz NOT NULL,
    ends_at         timestamptz NOT NULL,
    status          text NOT NULL CHECK (status IN ('ACTIVE', 'VOID')),
    PRIMARY KEY (store_id, serial)
);
CREATE INDEX warranties_by_receipt ON warranties (store_id, receipt_number);

CREATE TABLE warranty_claims (
    store_id     text NOT NULL,
    claim_id     text NOT NULL,
    serial       text NOT NULL,
    claimed_at   timestamptz NOT NULL,
    description  text NOT NULL,
    staff_id     text NOT NULL,
    PRIMARY KEY (store_id, claim_id),
    FOREIGN KEY (store_id, serial) REFERENCES warranties (store_id, serial)
);

-- The reference's notifications: an outbox of messages with their delivery status.
CREATE TABLE notifications (
    store_id         text NOT NULL,
    notification_id  text NOT NULL,
    kind             text NOT NULL,
    channel          text NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'WEBHOOK')),
    recipient        text NOT NULL,
    subject          text NOT NULL,
    body             text NOT NULL,
    status           text NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts         integer NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL,
    next_attempt_at  timestamptz NOT NULL,
    last_error       text,
    event_id         text NOT NULL,
    sequence         bigserial NOT NULL,
    PRIMARY KEY (store_id, notification_id)
);
CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notifications_by_store ON notifications (store_id, sequence);

CREATE TABLE notification_templates (
    store_id  text NOT NULL,
    kind      text NOT NULL,
    channel   text NOT NULL,
    subject   text NOT NULL,
    body      text NOT NULL,
    PRIMARY KEY (store_id, kind, channel)
);

CREATE TABLE notification_subscriptions (
    store_id   text NOT NULL,
    kind       text NOT NULL,
    channel    text NOT NULL,
    recipient  text NOT NULL,
    PRIMARY KEY (store_id, kind, channel, recipient)
);

-- Row-level security as for every table that belongs to a store (V5). Notifications are claimed
-- across stores by the deliverer, like the outbox, so they are left out.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['fulfilment_orders', 'curbside_slots', 'curbside_bookings',
                             'warranties', 'warranty_claims', 'notification_templates',
                             'notification_subscriptions']
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
        GRANT SELECT, INSERT, UPDATE, DELETE ON fulfilment_orders, curbside_slots,
            curbside_bookings, warranty_policies, warranties, warranty_claims, notifications,
            notification_templates, notification_subscriptions TO vruksha_app;
        GRANT USAGE, SELECT ON SEQUENCE notifications_sequence_seq TO vruksha_app;
    END IF;
END
$$;
