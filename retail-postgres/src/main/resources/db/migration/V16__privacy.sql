-- Vruksha schema, part 16: anonymising a customer removes them from the audit trail's copies too.
--
-- audit_log keeps each master-data change's record before and after; for a customer that is their
-- name, e-mail, phone, tax id and tax-exemption certificate. The application role may only append
-- to audit_log (V14), so the scrub is one narrow SECURITY DEFINER function rather than an UPDATE
-- grant: it rewrites nothing but the personal fields of one customer's rows, and only once that
-- customer's record is anonymised — the role cannot rewrite the trail of anyone else, nor of a
-- customer still on the books, nor any other column (who made each change stays).
--
-- Customers now record the store that registered them ("registeredAt" in the document, written by
-- the engine). Customers created before this version are not backfilled: no stored row says which
-- store registered them (the CustomerCreated events that named it left the outbox once published,
-- V13; sales and loyalty entries show where they shopped, not where they signed up). They keep no
-- registering store, and only a chain administrator may erase them (docs/security.md).

CREATE FUNCTION audit_forget_customer(p_customer_id text)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    -- the personal fields of a customer document, as Customer.withoutPersonalData leaves them
    scrub constant jsonb := jsonb_build_object('name', 'anonymised', 'email', NULL, 'phone', NULL,
                                               'taxId', NULL, 'taxExemption', NULL);
    scrubbed integer;
BEGIN
    IF NOT EXISTS (SELECT FROM customers WHERE customer_id = p_customer_id AND anonymised) THEN
        RETURN 0; -- the trail of a customer on the books is not rewritten
    END IF;
    UPDATE audit_log
       SET before = CASE WHEN jsonb_typeof(before) = 'object' THEN before || scrub ELSE before END,
           after = CASE WHEN jsonb_typeof(after) = 'object' THEN after || scrub ELSE after END
     WHERE entity = 'customer' AND entity_id = p_customer_id
       AND ((jsonb_typeof(before) = 'object' AND before || scrub IS DISTINCT FROM before)
         OR (jsonb_typeof(after) = 'object' AND after || scrub IS DISTINCT FROM after));
    GET DIAGNOSTICS scrubbed = ROW_COUNT;
    RETURN scrubbed;
END
$$;

REVOKE ALL ON FUNCTION audit_forget_customer(text) FROM PUBLIC;

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'vruksha_app') THEN
        GRANT EXECUTE ON FUNCTION audit_forget_customer(text) TO vruksha_app;
    END IF;
END
$$;
