-- Vruksha schema, part 19: anonymising a customer removes them from their orders and bookings too.
--
-- An order names how to reach its customer (fulfilment_orders.document -> 'contact': an e-mail
-- address or a phone number) and a curbside booking for it names who comes (customer_name). Both
-- rows belong to the order's store, under row-level security, while the anonymisation runs in the
-- store of the member of staff who asked for it. So, as for the audit trail (V16), the scrub is two
-- narrow SECURITY DEFINER functions rather than wider grants: each rewrites only the contact or the
-- name, only of the orders of a customer whose record is already anonymised.
--
-- Orders placed without a customer (a guest's contact) cannot be tied to a person by the engine;
-- they are erased per store (docs/security.md).

CREATE FUNCTION orders_forget_customer(p_customer_id text)
RETURNS TABLE (store_id text, order_id text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM customers c WHERE c.customer_id = p_customer_id AND c.anonymised) THEN
        RETURN; -- the orders of a customer on the books keep their contact
    END IF;
    UPDATE fulfilment_orders o
       SET document = jsonb_set(o.document, '{contact}', '"anonymised"')
     WHERE o.customer_id = p_customer_id
       AND o.document ->> 'contact' IS DISTINCT FROM 'anonymised';
    RETURN QUERY
        SELECT o.store_id, o.order_id FROM fulfilment_orders o
         WHERE o.customer_id = p_customer_id
         ORDER BY o.store_id, o.order_id;
END
$$;

CREATE FUNCTION curbside_forget_names(p_store_id text, p_order_id text)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    scrubbed integer;
BEGIN
    IF NOT EXISTS (SELECT FROM fulfilment_orders o
                     JOIN customers c ON c.customer_id = o.customer_id
                    WHERE o.store_id = p_store_id AND o.order_id = p_order_id AND c.anonymised) THEN
        RETURN 0; -- only the bookings for an anonymised customer's order
    END IF;
    UPDATE curbside_bookings b
       SET customer_name = 'anonymised'
     WHERE b.store_id = p_store_id AND b.order_id = p_order_id
       AND b.customer_name IS DISTINCT FROM 'anonymised';
    GET DIAGNOSTICS scrubbed = ROW_COUNT;
    RETURN scrubbed;
END
$$;

REVOKE ALL ON FUNCTION orders_forget_customer(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION curbside_forget_names(text, text) FROM PUBLIC;

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'vruksha_app') THEN
        GRANT EXECUTE ON FUNCTION orders_forget_customer(text) TO vruksha_app;
        GRANT EXECUTE ON FUNCTION curbside_forget_names(text, text) TO vruksha_app;
    END IF;
END
$$;
