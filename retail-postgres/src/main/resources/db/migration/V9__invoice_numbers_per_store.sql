-- Vruksha schema, part 9: invoice numbers are per store (every store numbers S001-2026-000001 on),
-- so an invoice is identified by its store and number, and so are its payments.

ALTER TABLE payments DROP CONSTRAINT payments_invoice_number_fkey;
ALTER TABLE payments DROP CONSTRAINT payments_pkey;
ALTER TABLE invoices DROP CONSTRAINT invoices_pkey;
ALTER TABLE invoices ADD PRIMARY KEY (store_id, number);
ALTER TABLE payments ADD PRIMARY KEY (store_id, invoice_number, line);
ALTER TABLE payments ADD FOREIGN KEY (store_id, invoice_number)
    REFERENCES invoices (store_id, number) ON DELETE CASCADE;
