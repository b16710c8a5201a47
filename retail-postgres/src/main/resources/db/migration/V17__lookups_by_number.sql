-- Look-ups by what is on paper (issue 23): a return by its credit note number, a customer's
-- sales by time; sales by number already have UNIQUE (store_id, number), by time
-- pos_transactions_by_store, by shift pos_transactions_by_shift.
CREATE INDEX returns_by_number ON returns (store_id, (document->>'creditNoteNumber'));
CREATE INDEX pos_transactions_by_customer ON pos_transactions (store_id, customer_id, sold_at)
    WHERE customer_id IS NOT NULL;
-- shifts newest first, per register (GET .../shifts?register=)
CREATE INDEX pos_sessions_by_register ON pos_sessions (store_id, register_id, opened_at);
