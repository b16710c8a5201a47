-- Vruksha schema, part 20: gift cards.
--
-- gift_card_products: the SKUs that sell gift cards and how long a card sold on them is valid
-- (chain-wide master data, like warranty_policies).
-- gift_cards: one row per card of a store, its code unique within the store, its balance never
-- below zero. A redemption is one conditional UPDATE (active, not expired, enough left), so tills
-- spending one card at once queue on its row and none takes it below zero.
-- gift_card_entries: the ledger. Every change of a balance writes one entry in the same
-- transaction (who, when, which sale, return or import, how much, the balance after, the request's
-- idempotency key, unique per store); a card's entries add up to its balance, and a store's
-- entries up to an instant add up to what it owed on its cards then (the liability report).
-- gift_card_code_attempts: wrong codes counted per store and source (the member of staff at the
-- till), with the wait they impose, as staff_login_sources counts wrong secrets (V15).

CREATE TABLE gift_card_products (
    sku              text PRIMARY KEY,
    validity_months  integer NOT NULL CHECK (validity_months BETWEEN 1 AND 120)
);

CREATE TABLE gift_cards (
    store_id    text NOT NULL,
    card_id     text NOT NULL,
    code        text NOT NULL CHECK (code ~ '^[A-Z0-9]{8,32}$'),
    currency    char(3) NOT NULL,
    balance     numeric(19,4) NOT NULL CHECK (balance >= 0),
    status      text NOT NULL CHECK (status IN ('ACTIVE', 'EXPIRED', 'CANCELLED')),
    origin      text NOT NULL CHECK (origin IN ('SOLD', 'REFUND', 'IMPORTED')),
    reference   text NOT NULL,
    issued_at   timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    sequence    bigserial NOT NULL,
    PRIMARY KEY (store_id, card_id),
    UNIQUE (code, store_id)
);
-- The primary key is the only index led by store_id: the generic plan of a redemption (store_id and
-- card_id given) took any other index led by store_id on a small table and filtered the store's
-- cards one by one (HotPathPlansIT). The listing and the daily expiry run read a store's cards by
-- the primary key's prefix.
CREATE INDEX gift_cards_by_reference ON gift_cards (reference, store_id);

CREATE TABLE gift_card_entries (
    store_id         text NOT NULL,
    sequence         bigserial NOT NULL,
    card_id          text NOT NULL,
    kind             text NOT NULL CHECK (kind IN ('ISSUE', 'RELOAD', 'REDEEM', 'EXPIRE', 'CANCEL')),
    amount           numeric(19,4) NOT NULL,
    currency         char(3) NOT NULL,
    balance_after    numeric(19,4) NOT NULL CHECK (balance_after >= 0),
    at               timestamptz NOT NULL,
    staff_id         text NOT NULL,
    reference        text NOT NULL,
    idempotency_key  text NOT NULL,
    PRIMARY KEY (store_id, sequence),
    UNIQUE (store_id, idempotency_key),
    FOREIGN KEY (store_id, card_id) REFERENCES gift_cards (store_id, card_id)
);
CREATE INDEX gift_card_entries_by_card ON gift_card_entries (store_id, card_id, sequence);
CREATE INDEX gift_card_entries_by_time ON gift_card_entries (store_id, at, sequence);

CREATE TABLE gift_card_code_attempts (
    store_id       text NOT NULL,
    source         text NOT NULL,
    failures       integer NOT NULL CHECK (failures >= 0),
    last_failure   timestamptz,
    blocked_until  timestamptz,
    PRIMARY KEY (store_id, source)
);

-- Row-level security as for every table that belongs to a store (V5, V12).
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['gift_cards', 'gift_card_entries', 'gift_card_code_attempts']
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
        GRANT SELECT, INSERT, UPDATE, DELETE ON gift_card_products, gift_cards,
            gift_card_code_attempts TO vruksha_app;
        GRANT USAGE, SELECT ON SEQUENCE gift_cards_sequence_seq,
            gift_card_entries_sequence_seq TO vruksha_app;
    END IF;
END
$$;
