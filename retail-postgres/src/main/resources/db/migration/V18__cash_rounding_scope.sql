-- Vruksha schema, part 18: a store may round the document's total to its coin increment on every
-- tender (Swiss francs to 0.05 on a card too), not only what is paid in cash (issue 26).
--
-- Tax jurisdictions need no column: they are one JSON document per store (V4), and a document
-- written before levies, thresholds, rates on top and the inclusive split existed reads with
-- today's defaults (no levies, every rate as priced at every price, ROUND_TAXES).

ALTER TABLE stores
    ADD COLUMN cash_rounding_scope text NOT NULL DEFAULT 'CASH'
        CHECK (cash_rounding_scope IN ('CASH', 'EVERY_TENDER'));
