-- Each store's chained fiscal journal and its gapless document counters. Amounts are decimal
-- strings (exact, as numeric in PostgreSQL); instants are microseconds since the epoch.
CREATE TABLE fiscal_journal (
    store_id       TEXT NOT NULL,
    sequence       INTEGER NOT NULL CHECK (sequence >= 1),
    kind           TEXT NOT NULL CHECK (kind IN ('INVOICE','CREDIT_NOTE','Z_REPORT')),
    number         TEXT NOT NULL,
    issued_at      INTEGER NOT NULL,
    total          TEXT NOT NULL,
    tax            TEXT NOT NULL,
    currency       TEXT NOT NULL CHECK (length(currency) = 3),
    content        TEXT NOT NULL,
    previous_hash  TEXT NOT NULL CHECK (length(previous_hash) = 64),
    hash           TEXT NOT NULL CHECK (length(hash) = 64),
    PRIMARY KEY (store_id, sequence),
    UNIQUE (store_id, number)
) STRICT;

CREATE TABLE document_counters (
    store_id    TEXT NOT NULL,
    series      TEXT NOT NULL,
    year        INTEGER NOT NULL,
    last_value  INTEGER NOT NULL CHECK (last_value >= 1),
    PRIMARY KEY (store_id, series, year)
) STRICT;
