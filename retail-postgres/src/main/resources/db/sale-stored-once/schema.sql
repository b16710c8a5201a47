-- Vruksha schema, part 26 (run by db.migration.V26__sale_stored_once): a sale's facts are stored
-- once, in its row of pos_transactions. Its journal entry, its invoice and its invoice's payments
-- refer to it instead of repeating it.
--
-- fiscal_journal: a sale's entry keeps its columns and hash but no content; sale_id names the sale
-- its content is rebuilt from (PostgresJournal), byte for byte, so the hash still covers it. Other
-- entries (credit notes, B2B invoices, Z reports) keep their content.
ALTER TABLE fiscal_journal ALTER COLUMN content DROP NOT NULL;
ALTER TABLE fiscal_journal ADD COLUMN sale_id text;
ALTER TABLE fiscal_journal ADD CONSTRAINT fiscal_journal_content_or_sale
    CHECK (content IS NOT NULL OR sale_id IS NOT NULL);

-- invoices and payments become views over the stored rows (invoice_rows, payment_rows): a sale's
-- paid invoice is stored as its columns only (document NULL) and read as the document derived from
-- the sale, its payments as the sale's tenders. An invoice that changes later (credited, paid in
-- part) is stored whole, as every other invoice is.
ALTER TABLE invoices RENAME TO invoice_rows;
ALTER TABLE invoice_rows ALTER COLUMN document DROP NOT NULL;
ALTER TABLE invoice_rows ADD CONSTRAINT invoice_rows_document_or_sale
    CHECK (document IS NOT NULL OR sale_id IS NOT NULL);
ALTER TABLE payments RENAME TO payment_rows;

-- The document of a sale's paid invoice, as Checkout.paidInvoice builds it: the sale's number,
-- time, total, tax and tax breakdown, paid by its tenders at the sale's time, nothing credited.
CREATE FUNCTION sale_invoice_document(sale jsonb, status text) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT jsonb_build_object(
        'number', sale->'number',
        'store', sale->'store',
        'saleId', sale->'id',
        'customerId', sale->'customerId',
        'customerTaxId', NULL,
        'issuedAt', sale->'at',
        'dueAt', sale->'at',
        'total', sale->'basket'->'total',
        'tax', sale->'basket'->'tax',
        'taxBreakdown', sale->'basket'->'taxBreakdown',
        'status', status,
        'payments', coalesce(
            (SELECT jsonb_agg(jsonb_build_object('amount', t->'amount', 'method', t->'kind',
                                                 'reference', t->'reference', 'at', sale->'at')
                              ORDER BY n)
               FROM jsonb_array_elements(sale->'tenders') WITH ORDINALITY AS x(t, n)),
            '[]'::jsonb),
        -- zero at the total's scale: 31.47 * 0 = 0.00
        'credited', jsonb_build_object(
            'amount', (sale->'basket'->'total'->>'amount')::numeric * 0,
            'currency', sale->'basket'->'total'->'currency'))
$$;

-- security_invoker: row-level security of the tables applies to whoever reads the view
CREATE VIEW invoices WITH (security_invoker = true) AS
SELECT i.number, i.store_id, i.sale_id, i.customer_id, i.status, i.issued_at, i.total, i.currency,
       coalesce(i.document, sale_invoice_document(p.document, i.status)) AS document
  FROM invoice_rows i
  LEFT JOIN pos_transactions p ON i.document IS NULL AND p.sale_id = i.sale_id;

CREATE VIEW payments WITH (security_invoker = true) AS
SELECT r.invoice_number, r.line, r.store_id, r.amount, r.currency, r.method, r.reference, r.paid_at
  FROM payment_rows r
UNION ALL
SELECT i.number, x.n::integer, i.store_id, (x.t->'amount'->>'amount')::numeric(19,4),
       (x.t->'amount'->>'currency')::char(3), x.t->>'kind', x.t->>'reference', i.issued_at
  FROM invoice_rows i
  JOIN pos_transactions p ON p.sale_id = i.sale_id
 CROSS JOIN LATERAL jsonb_array_elements(p.document->'tenders') WITH ORDINALITY AS x(t, n)
 WHERE i.document IS NULL
   AND NOT EXISTS (SELECT 1 FROM payment_rows r
                    WHERE r.store_id = i.store_id AND r.invoice_number = i.number);

-- Stores a derived invoice whole (its document and payment rows), before anything changes it or
-- the sale it is derived from: a row altered by hand keeps what it said.
CREATE FUNCTION store_sale_invoice(p_store text, p_number text) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO payment_rows (invoice_number, line, store_id, amount, currency, method, reference,
                              paid_at)
    SELECT invoice_number, line, store_id, amount, currency, method, reference, paid_at
      FROM payments WHERE store_id = p_store AND invoice_number = p_number
    ON CONFLICT DO NOTHING;
    UPDATE invoice_rows i SET document = v.document
      FROM invoices v
     WHERE i.store_id = p_store AND i.number = p_number AND i.document IS NULL
       AND v.store_id = i.store_id AND v.number = i.number;
$$;

CREATE FUNCTION invoices_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO invoice_rows (number, store_id, sale_id, customer_id, status, issued_at, total,
                                  currency, document)
        VALUES (NEW.number, NEW.store_id, NEW.sale_id, NEW.customer_id, NEW.status, NEW.issued_at,
                NEW.total, NEW.currency, NEW.document);
        RETURN NEW;
    END IF;
    PERFORM store_sale_invoice(OLD.store_id, OLD.number);
    IF TG_OP = 'DELETE' THEN
        DELETE FROM invoice_rows WHERE store_id = OLD.store_id AND number = OLD.number;
        RETURN OLD;
    END IF;
    UPDATE invoice_rows
       SET number = NEW.number, store_id = NEW.store_id, sale_id = NEW.sale_id,
           customer_id = NEW.customer_id, status = NEW.status, issued_at = NEW.issued_at,
           total = NEW.total, currency = NEW.currency, document = NEW.document
     WHERE store_id = OLD.store_id AND number = OLD.number;
    RETURN NEW;
END
$$;
CREATE TRIGGER invoices_write INSTEAD OF INSERT OR UPDATE OR DELETE ON invoices
    FOR EACH ROW EXECUTE FUNCTION invoices_write();

CREATE FUNCTION payments_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM store_sale_invoice(NEW.store_id, NEW.invoice_number);
        INSERT INTO payment_rows (invoice_number, line, store_id, amount, currency, method,
                                  reference, paid_at)
        VALUES (NEW.invoice_number, NEW.line, NEW.store_id, NEW.amount, NEW.currency, NEW.method,
                NEW.reference, NEW.paid_at);
        RETURN NEW;
    END IF;
    PERFORM store_sale_invoice(OLD.store_id, OLD.invoice_number);
    IF TG_OP = 'DELETE' THEN
        DELETE FROM payment_rows
         WHERE store_id = OLD.store_id AND invoice_number = OLD.invoice_number AND line = OLD.line;
        RETURN OLD;
    END IF;
    UPDATE payment_rows
       SET invoice_number = NEW.invoice_number, line = NEW.line, store_id = NEW.store_id,
           amount = NEW.amount, currency = NEW.currency, method = NEW.method,
           reference = NEW.reference, paid_at = NEW.paid_at
     WHERE store_id = OLD.store_id AND invoice_number = OLD.invoice_number AND line = OLD.line;
    RETURN NEW;
END
$$;
CREATE TRIGGER payments_write INSTEAD OF INSERT OR UPDATE OR DELETE ON payments
    FOR EACH ROW EXECUTE FUNCTION payments_write();

-- a sale's document changed or deleted by hand: its invoice keeps what it said
CREATE FUNCTION sale_keeps_its_invoice() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM store_sale_invoice(i.store_id, i.number)
       FROM invoice_rows i WHERE i.sale_id = OLD.sale_id AND i.document IS NULL;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER sale_keeps_its_invoice BEFORE UPDATE OF document OR DELETE ON pos_transactions
    FOR EACH ROW EXECUTE FUNCTION sale_keeps_its_invoice();

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'vruksha_app') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON invoices, payments TO vruksha_app;
        GRANT EXECUTE ON FUNCTION sale_invoice_document(jsonb, text), store_sale_invoice(text, text),
            invoices_write(), payments_write(), sale_keeps_its_invoice() TO vruksha_app;
    END IF;
END
$$;

-- Existing sales' invoices lose their copy where it says exactly what the derived one says, and
-- their payment rows where they are exactly the sale's tenders. Rows of every store: a migrating
-- owner that row-level security applies to sees them all.
SELECT set_config('app.store_ids', coalesce(string_agg(store_id, ','), ''), true) FROM stores;

CREATE TEMPORARY TABLE derivable ON COMMIT DROP AS
SELECT i.store_id, i.number
  FROM invoice_rows i
  JOIN pos_transactions p ON p.sale_id = i.sale_id AND p.store_id = i.store_id
 WHERE i.document IS NOT NULL
   AND i.document = sale_invoice_document(p.document, i.status)
   AND i.status = 'PAID'
   AND (SELECT coalesce(jsonb_agg(jsonb_build_array(r.line, r.amount, r.currency, r.method,
                                                    r.reference, r.paid_at) ORDER BY r.line),
                        '[]'::jsonb)
          FROM payment_rows r WHERE r.store_id = i.store_id AND r.invoice_number = i.number)
       = (SELECT coalesce(jsonb_agg(jsonb_build_array(x.n, (x.t->'amount'->>'amount')::numeric(19,4),
                                                      x.t->'amount'->>'currency', x.t->>'kind',
                                                      x.t->>'reference', i.issued_at) ORDER BY x.n),
                          '[]'::jsonb)
            FROM jsonb_array_elements(p.document->'tenders') WITH ORDINALITY AS x(t, n));

DELETE FROM payment_rows r USING derivable d
 WHERE r.store_id = d.store_id AND r.invoice_number = d.number;
UPDATE invoice_rows i SET document = NULL FROM derivable d
 WHERE i.store_id = d.store_id AND i.number = d.number;

