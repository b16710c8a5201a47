-- Vruksha schema, part 21: the gift card ledger is append-only.
--
-- A card's balance is audited by adding up its entries (V20), so an entry once written must stay
-- as it is: the application role may read and append, never change or remove, and a trigger
-- refuses an UPDATE or DELETE from anyone else as well (the owner in a script, say). Cards are
-- never deleted either: a cancelled or expired card stays, closed, with its ledger.

CREATE FUNCTION gift_card_entries_refuse_change()
RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    RAISE EXCEPTION 'gift card ledger entries are never changed or removed (%, store %)',
        TG_OP, OLD.store_id USING ERRCODE = '42501';
END
$$;

CREATE TRIGGER gift_card_entries_append_only BEFORE UPDATE OR DELETE ON gift_card_entries
    FOR EACH ROW EXECUTE FUNCTION gift_card_entries_refuse_change();

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'vruksha_app') THEN
        REVOKE ALL ON gift_card_entries FROM vruksha_app;
        GRANT SELECT, INSERT ON gift_card_entries TO vruksha_app;
        REVOKE DELETE ON gift_cards FROM vruksha_app;
    END IF;
END
$$;
