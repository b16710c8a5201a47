-- Vruksha schema, part 23: the centre's copy of each till's chained journal.
--
-- A till sells offline and numbers its own series (S001-T01-2026-000001); its documents reach the
-- centre in the order of its journal, each once (TillSync).
-- till_positions: per store and till, the last sequence the centre accepted and that entry's hash,
-- which the till's next entry must chain to. A batch locks its till's row (SELECT ... FOR UPDATE),
-- so two batches of one till sent at once are taken one after the other.
-- till_journal: the till's journal entries verbatim, so the centre can verify each till's chain
-- again at any time (retail journal verify). Append-only for the application role.
-- till_flags: what a till did offline that the centre booked but could not cover (a SKU sold below
-- zero on hand, points or a gift card spent beyond the centre's balance), for reconciliation.

CREATE TABLE till_positions (
    store_id        text NOT NULL,
    till            text NOT NULL CHECK (till ~ '^[A-Za-z0-9]{1,8}$'),
    accepted_up_to  bigint NOT NULL CHECK (accepted_up_to >= 0),
    last_hash       char(64) NOT NULL,
    PRIMARY KEY (store_id, till)
);

CREATE TABLE till_journal (
    store_id       text NOT NULL,
    till           text NOT NULL,
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
    PRIMARY KEY (store_id, till, sequence),
    UNIQUE (store_id, number),
    FOREIGN KEY (store_id, till) REFERENCES till_positions (store_id, till)
);

CREATE TABLE till_flags (
    store_id  text NOT NULL,
    flag_id   bigserial NOT NULL,
    till      text NOT NULL,
    sequence  bigint NOT NULL,
    document  text NOT NULL,
    kind      text NOT NULL CHECK (kind IN ('OVERSOLD', 'POINTS_SHORT', 'GIFT_CARD_SHORT',
                                            'STORE_CREDIT_SHORT', 'REFUND_UNBOOKED')),
    subject   text NOT NULL,
    figure    text NOT NULL,
    PRIMARY KEY (store_id, flag_id)
);

-- Row-level security as for every table that belongs to a store (V5, V12, V20).
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['till_positions', 'till_journal', 'till_flags']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY store_isolation ON %I'
            || ' USING (store_id = ANY (string_to_array(current_setting(''app.store_ids'', true), '','')))'
            || ' WITH CHECK (store_id = ANY (string_to_array(current_setting(''app.store_ids'', true), '','')))', t);
    END LOOP;
END
$$;

-- The application role moves positions and appends entries and flags; it never changes or deletes
-- an entry or a flag once written.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'vruksha_app') THEN
        GRANT SELECT, INSERT, UPDATE ON till_positions TO vruksha_app;
        GRANT SELECT, INSERT ON till_journal, till_flags TO vruksha_app;
        GRANT USAGE, SELECT ON SEQUENCE till_flags_flag_id_seq TO vruksha_app;
    END IF;
END
$$;
