package io.vruksha.retail.postgres;

import io.vruksha.retail.RetailException;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.money.UnitOfMeasure;
import io.vruksha.retail.pricing.PriceList;
import io.vruksha.retail.pricing.PriceListId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * The merge statements of {@link PostgresBulkImport}, one method per kind: the staged, validated
 * rows written as the engine's ports write them row by row (the same documents, {@code audit_log}
 * rows, price history, stock movements and levels, and outbox events). Works on the import's
 * session and staging table; not thread-safe.
 */
final class BulkImportMerges {

  private final Handle h;
  private final PostgresBulkImport.Options options;

  BulkImportMerges(Handle handle, PostgresBulkImport.Options options) {
    this.h = handle;
    this.options = options;
  }

  private static final String ACTOR =
      "coalesce(nullif(current_setting('app.actor', true), ''), 'engine')";

  // -----------------------------------------------------------------------------------------
  // products: the document of each product is the one PostgresCatalog.save writes

  /** The good rows whose product changes (all but those of products already as the file says). */
  private static final String CHANGING =
      "s.reason IS NULL AND NOT EXISTS (SELECT 1 FROM import_products p"
          + " WHERE p.product_id = s.product_id AND NOT p.changed)";

  /** The categories the import created so far, in the order created. */
  List<String> createdCategories() {
    return List.copyOf(createdCategories);
  }

  /** The categories imported products name that the catalogue does not have, sorted. */
  List<String> unknownCategories() {
    return List.copyOf(unknownCategories);
  }

  private final List<String> createdCategories = new ArrayList<>();
  private final SortedSet<String> unknownCategories = new TreeSet<>();

  /**
   * Creates the categories the chunk's good rows name that are missing (when the options say so;
   * the first row naming one gives its name).
   */
  private void categories() {
    if (options.createCategories()) {
      createdCategories.addAll(
          h.createQuery(
                  "WITH named AS (SELECT DISTINCT ON (header->'category'->>'value')"
                      + " header->'category'->>'value' AS id, category_name FROM import_staging"
                      + " WHERE reason IS NULL AND category_name IS NOT NULL"
                      + " ORDER BY header->'category'->>'value', file_line)"
                      + " INSERT INTO categories (category_id, name, parent_id)"
                      + " SELECT id, category_name, NULL FROM named ORDER BY id"
                      + " ON CONFLICT (category_id) DO NOTHING RETURNING category_id")
              .mapTo(String.class)
              .list());
    }
  }

  /** Notes the categories that products the chunk changed name but the catalogue lacks. */
  private void noteUnknownCategories() {
    unknownCategories.addAll(
        h.createQuery(
                "SELECT DISTINCT s.header->'category'->>'value' FROM import_staging s"
                    + " LEFT JOIN import_products p ON p.product_id = s.product_id"
                    + " WHERE s.reason IS NULL AND p.changed IS NOT FALSE"
                    + " AND NOT EXISTS (SELECT 1 FROM categories c"
                    + " WHERE c.category_id = s.header->'category'->>'value')")
            .mapTo(String.class)
            .list());
  }

  PostgresBulkImport.Counts products() {
    h.execute(
        "UPDATE import_staging s SET reason = 'SKU ' || s.sku || ' already belongs to product '"
            + " || ps.product_id FROM product_skus ps"
            + " WHERE s.reason IS NULL AND ps.sku = s.sku AND ps.product_id <> s.product_id");
    // a barcode another product (or another variant of this one) has in the catalogue
    h.execute(
        "UPDATE import_staging s SET reason = x.reason FROM ("
            + " SELECT DISTINCT ON (st.file_line) st.file_line, CASE WHEN ps.product_id <>"
            + " st.product_id THEN 'barcode ' || b.code || ' already belongs to product '"
            + " || ps.product_id ELSE 'product ' || st.product_id || ' uses barcode ' || b.code"
            + " || ' on two variants' END AS reason"
            + " FROM import_staging st CROSS JOIN LATERAL unnest(st.gtins, st.codes) AS b(gtin, code)"
            + " JOIN product_barcodes pb ON pb.gtin13 = b.gtin JOIN product_skus ps ON ps.sku = pb.sku"
            + " WHERE st.reason IS NULL AND (ps.product_id <> st.product_id OR pb.sku <> st.sku)"
            + " ORDER BY st.file_line) x WHERE s.file_line = x.file_line");
    // ... or an earlier row of the file
    h.execute(
        "UPDATE import_staging s SET reason = x.reason FROM ("
            + " SELECT DISTINCT ON (file_line) file_line, CASE WHEN first_product <> product_id"
            + " THEN 'barcode ' || code || ' already belongs to product ' || first_product"
            + " ELSE 'product ' || product_id || ' uses barcode ' || code || ' on two variants'"
            + " END AS reason FROM (SELECT st.file_line, st.product_id, u.code,"
            + " first_value(st.product_id) OVER g AS first_product, row_number() OVER g AS n"
            + " FROM import_staging st, unnest(st.gtins, st.codes) AS u(gtin, code)"
            + " WHERE st.reason IS NULL WINDOW g AS (PARTITION BY u.gtin ORDER BY st.file_line)) y"
            + " WHERE n > 1 ORDER BY file_line) x WHERE s.file_line = x.file_line");
    categories();

    h.execute(
        "CREATE TEMPORARY TABLE IF NOT EXISTS import_products (product_id text PRIMARY KEY,"
            + " doc jsonb NOT NULL, before jsonb, changed boolean NOT NULL)");
    h.execute("TRUNCATE import_products");
    // a product of one row that is not in the catalogue yet is that row's document as it is;
    // the others (in the catalogue, or on several rows) get a merged document: the last row's
    // header; the variants it had, each replaced by the row with its SKU (keeping its attributes,
    // and its cost when the row has none), then the new SKUs in file order
    h.execute(
        "INSERT INTO import_products (product_id, doc, before, changed)"
            + " WITH merged AS (SELECT product_id FROM import_staging WHERE reason IS NULL"
            + " GROUP BY product_id HAVING count(*) > 1 UNION SELECT s.product_id"
            + " FROM import_staging s JOIN products p ON p.product_id = s.product_id"
            + " WHERE s.reason IS NULL),"
            + " rows AS (SELECT file_line, product_id, sku, header, header->'variants'->0 AS variant, has_cost"
            + " FROM import_staging WHERE reason IS NULL"
            + " AND product_id IN (SELECT product_id FROM merged)),"
            + " old AS (SELECT p.product_id, p.document FROM products p"
            + " WHERE p.product_id IN (SELECT product_id FROM merged) ORDER BY p.product_id"
            + " FOR UPDATE),"
            + " hdr AS (SELECT DISTINCT ON (product_id) product_id, header FROM rows"
            + " ORDER BY product_id, file_line DESC),"
            + " ex AS (SELECT o.product_id, e.ord, e.v->'sku'->>'value' AS sku,"
            + " CASE WHEN r.sku IS NULL THEN e.v ELSE r.variant"
            + " || jsonb_build_object('attributes', e.v->'attributes')"
            + " || CASE WHEN r.has_cost THEN '{}'::jsonb"
            + " ELSE jsonb_build_object('cost', e.v->'cost') END END AS v"
            + " FROM old o CROSS JOIN LATERAL jsonb_array_elements(o.document->'variants')"
            + " WITH ORDINALITY AS e(v, ord)"
            + " LEFT JOIN rows r ON r.product_id = o.product_id AND r.sku = e.v->'sku'->>'value'),"
            + " added AS (SELECT r.product_id, 1000000000000 + r.file_line AS ord, r.variant AS v"
            + " FROM rows r WHERE NOT EXISTS (SELECT 1 FROM ex WHERE ex.product_id = r.product_id"
            + " AND ex.sku = r.sku)),"
            + " vars AS (SELECT product_id, jsonb_agg(v ORDER BY ord) AS variants FROM"
            + " (SELECT product_id, ord, v FROM ex UNION ALL SELECT product_id, ord, v FROM added) x"
            + " GROUP BY product_id),"
            + " docs AS (SELECT hd.product_id, jsonb_set(hd.header, '{variants}', vs.variants) AS doc,"
            + " o.document AS before FROM hdr hd JOIN vars vs USING (product_id)"
            + " LEFT JOIN old o USING (product_id))"
            + " SELECT product_id, doc, before, before IS DISTINCT FROM doc FROM docs");
    h.execute(
        "INSERT INTO products (product_id, document) SELECT s.product_id, s.header"
            + " FROM import_staging s WHERE s.reason IS NULL AND NOT EXISTS (SELECT 1"
            + " FROM import_products p WHERE p.product_id = s.product_id)"
            + " UNION ALL SELECT product_id, doc FROM import_products WHERE changed"
            + " ON CONFLICT (product_id) DO UPDATE SET document = EXCLUDED.document");
    h.execute(
        "DELETE FROM product_barcodes pb USING import_staging s, import_products p"
            + " WHERE p.before IS NOT NULL AND p.changed AND s.reason IS NULL"
            + " AND s.product_id = p.product_id AND pb.sku = s.sku");
    h.execute(
        "INSERT INTO product_skus (sku, product_id) SELECT s.sku, s.product_id"
            + " FROM import_staging s WHERE "
            + CHANGING
            + " ON CONFLICT (sku) DO NOTHING");
    h.execute(
        "INSERT INTO product_barcodes (gtin13, sku) SELECT g, s.sku FROM import_staging s,"
            + " unnest(s.gtins) AS g WHERE "
            + CHANGING);
    h.execute(
        "INSERT INTO audit_log (entity, entity_id, changed_by, before, after)"
            + " SELECT 'product', s.product_id, "
            + ACTOR
            + ", NULL, s.header FROM import_staging s WHERE s.reason IS NULL AND NOT EXISTS"
            + " (SELECT 1 FROM import_products p WHERE p.product_id = s.product_id)"
            + " UNION ALL SELECT 'product', product_id, "
            + ACTOR
            + ", before, doc FROM import_products WHERE changed");
    noteUnknownCategories();
    return h.createQuery(
            "SELECT count(*) FILTER (WHERE p.changed IS NOT FALSE),"
                + " count(*) FILTER (WHERE NOT p.changed) FROM import_staging s"
                + " LEFT JOIN import_products p ON p.product_id = s.product_id"
                + " WHERE s.reason IS NULL")
        .map((rs, ctx) -> new PostgresBulkImport.Counts(rs.getLong(1), rs.getLong(2)))
        .one();
  }

  // -----------------------------------------------------------------------------------------
  // prices: as PostgresPriceBook.setPrice writes them, and the lists it creates as saveList does

  void prices() {
    h.execute(
        "UPDATE import_staging s SET reason = 'unknown SKU ' || s.sku"
            + " || ': it is not in the catalogue (import products first)'"
            + " WHERE s.reason IS NULL AND NOT EXISTS (SELECT 1 FROM product_skus ps"
            + " WHERE ps.sku = s.sku)");
    // a list that does not exist yet is created in the currency of its first good row
    List<String[]> created =
        h.createQuery(
                "SELECT DISTINCT ON (list_id) list_id, currency FROM import_staging s"
                    + " WHERE s.reason IS NULL AND NOT EXISTS (SELECT 1 FROM price_lists l"
                    + " WHERE l.price_list_id = s.list_id) ORDER BY list_id, file_line")
            .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
            .list();
    for (String[] c : created) {
      PriceList list =
          PriceList.standard(
              PriceListId.of(c[0]), c[0], Currency.getInstance(c[1]), options.pricesIncludeTax());
      h.createUpdate(
              "INSERT INTO price_lists VALUES (:id, NULL, :c, CAST(:doc AS jsonb))"
                  + " ON CONFLICT (price_list_id) DO NOTHING")
          .bind("id", c[0])
          .bind("c", c[1])
          .bind("doc", DocumentJson.write(list))
          .execute();
      Audit.record(h, "price_list", c[0], Optional.empty(), Optional.of(list));
    }
    h.createUpdate(
            "UPDATE import_staging s SET reason = 'price list ' || l.price_list_id"
                + " || ' is for store ' || l.store_id || ', not this one' FROM price_lists l"
                + " WHERE s.reason IS NULL AND l.price_list_id = s.list_id"
                + " AND l.store_id IS NOT NULL AND l.store_id <> :s")
        .bind("s", options.store().value())
        .execute();
    h.execute(
        "UPDATE import_staging s SET reason = 'price list ' || l.price_list_id || ' is in '"
            + " || l.currency || ', the price of ' || s.sku || ' is in ' || s.currency"
            + " FROM price_lists l WHERE s.reason IS NULL AND l.price_list_id = s.list_id"
            + " AND l.currency <> s.currency");
    // the merge: an unchanged price is skipped (no history row)
    h.execute(
        "UPDATE import_staging s SET before_price = p.unit_price FROM prices p"
            + " WHERE s.reason IS NULL AND p.price_list_id = s.list_id AND p.sku = s.sku");
    h.execute(
        "UPDATE import_staging SET status = CASE WHEN before_price = price THEN 'skipped'"
            + " ELSE 'imported' END WHERE reason IS NULL");
    h.execute(
        "INSERT INTO prices (price_list_id, sku, unit_price) SELECT list_id, sku, price"
            + " FROM import_staging WHERE status = 'imported' ORDER BY sku, list_id"
            + " ON CONFLICT (sku, price_list_id) DO UPDATE SET unit_price = EXCLUDED.unit_price");
    h.execute(
        "INSERT INTO price_history (price_list_id, sku, before_price, after_price, currency,"
            + " changed_at, changed_by) SELECT s.list_id, s.sku, s.before_price, s.price,"
            + " l.currency, now(), 'import' FROM import_staging s"
            + " JOIN price_lists l ON l.price_list_id = s.list_id"
            + " WHERE s.status = 'imported' ORDER BY s.file_line");
  }

  // -----------------------------------------------------------------------------------------
  // customers: as CustomerDirectory.create/update write them (a created customer's event too)

  void customers() {
    h.execute(
        "UPDATE import_staging s SET reason = 'customer ' || s.customer_id"
            + " || ' was anonymised: their personal data is not imported again' FROM customers c"
            + " WHERE s.reason IS NULL AND c.customer_id = s.customer_id AND c.anonymised");
    h.execute(
        "UPDATE import_staging s SET reason = 'e-mail ' || s.email || ' belongs to customer '"
            + " || c.customer_id FROM customers c WHERE s.reason IS NULL AND s.email IS NOT NULL"
            + " AND c.email = s.email AND c.customer_id <> s.customer_id");
    h.execute(
        "UPDATE import_staging s SET reason = 'e-mail ' || s.email || ' belongs to customer '"
            + " || x.other FROM (SELECT DISTINCT ON (a.file_line) a.file_line, b.customer_id AS other"
            + " FROM import_staging a JOIN import_staging b ON b.email = a.email"
            + " AND b.file_line < a.file_line AND b.customer_id <> a.customer_id"
            + " WHERE a.reason IS NULL AND b.reason IS NULL ORDER BY a.file_line, b.file_line) x"
            + " WHERE s.file_line = x.file_line");
    h.execute(
        "UPDATE import_staging s SET before = c.document FROM customers c"
            + " WHERE s.reason IS NULL AND c.customer_id = s.customer_id");
    // an existing customer gets the fields the row has; consent changes only when the row says
    // something else than the record, and then with the import's time
    // a new customer is registered by the import's store, as CustomerDirectory.create registers
    h.createUpdate(
            "UPDATE import_staging SET after = CASE WHEN before IS NULL THEN created"
                + " || jsonb_build_object('registeredAt', jsonb_build_object('value', CAST(:s AS text)))"
                + " ELSE before || (patch - 'marketingConsent' - 'consentAt')"
                + " || CASE WHEN (patch -> 'marketingConsent') IS NOT NULL"
                + " AND patch->'marketingConsent' <> before->'marketingConsent'"
                + " THEN jsonb_build_object('marketingConsent', patch->'marketingConsent',"
                + " 'consentAt', patch->'consentAt') ELSE '{}'::jsonb END END"
                + " WHERE reason IS NULL")
        .bind("s", options.store().value())
        .execute();
    h.execute(
        "UPDATE import_staging SET status = CASE WHEN before = after THEN 'skipped'"
            + " ELSE 'imported' END WHERE reason IS NULL");
    h.execute(
        "INSERT INTO customers (customer_id, email, group_id, anonymised, document)"
            + " SELECT customer_id, after->>'email', after->'group'->>'value', false, after"
            + " FROM import_staging WHERE status = 'imported' ORDER BY file_line"
            + " ON CONFLICT (customer_id) DO UPDATE SET email = EXCLUDED.email,"
            + " group_id = EXCLUDED.group_id, anonymised = EXCLUDED.anonymised,"
            + " document = EXCLUDED.document");
    h.execute(
        "INSERT INTO audit_log (entity, entity_id, changed_by, before, after)"
            + " SELECT 'customer', customer_id, "
            + ACTOR
            + ", before, after FROM import_staging WHERE status = 'imported' ORDER BY file_line");
    h.createUpdate(
            "INSERT INTO outbox (event_count, events) SELECT count(*), jsonb_agg(event ORDER BY k)"
                + " FROM (SELECT row_number() OVER (ORDER BY file_line) - 1 AS k, "
                + OutboxRows.element(
                    "gen_random_uuid()",
                    "CAST(:subject AS text)",
                    "CAST(:s AS text)",
                    "now()",
                    "customer_id",
                    "CAST(:type AS text)",
                    "jsonb_build_object('store', jsonb_build_object('value', CAST(:s AS text)),"
                        + " 'customerId', customer_id, 'marketingConsent',"
                        + " after->'marketingConsent')")
                + " AS event FROM import_staging WHERE status = 'imported' AND before IS NULL) x"
                + " GROUP BY k / "
                + OutboxRows.MAX_EVENTS_A_ROW
                + " ORDER BY k / "
                + OutboxRows.MAX_EVENTS_A_ROW)
        .bind("subject", new DomainEvent.CustomerCreated(options.store(), "", false).subject())
        .bind("type", DomainEvent.CustomerCreated.class.getSimpleName())
        .bind("s", options.store().value())
        .execute();
  }

  // -----------------------------------------------------------------------------------------
  // stock: as Stock.receive / Stock.count book it through PostgresStockLedger: the levels, one
  // movement a row, and the stock-updated (and, crossing a reorder point, stock-low) events

  void stock() {
    String reason = options.counting() ? "COUNT" : "RECEIPT";
    h.execute(
        "UPDATE import_staging s SET reason = 'unknown SKU ' || s.sku"
            + " || ': it is not in the catalogue (import products first)'"
            + " WHERE s.reason IS NULL AND NOT EXISTS (SELECT 1 FROM product_skus ps"
            + " WHERE ps.sku = s.sku)");
    // more decimals than the SKU's unit has: found here, worded by the engine's Quantity
    StringBuilder scales = new StringBuilder("(VALUES ");
    for (UnitOfMeasure u : UnitOfMeasure.values()) {
      scales.append(u.ordinal() == 0 ? "" : ", ");
      scales.append("('").append(u.name()).append("', ").append(u.scale()).append(')');
    }
    scales.append(") AS u(unit, scale)");
    List<Object[]> precise =
        h.createQuery(
                "SELECT s.file_line, s.quantity, u.unit FROM import_staging s"
                    + " JOIN product_skus ps ON ps.sku = s.sku"
                    + " JOIN products p ON p.product_id = ps.product_id"
                    + " CROSS JOIN LATERAL jsonb_array_elements(p.document->'variants') AS v(v)"
                    + " JOIN "
                    + scales
                    + " ON u.unit = v.v->>'unit'"
                    + " WHERE s.reason IS NULL AND v.v->'sku'->>'value' = s.sku"
                    + " AND scale(trim_scale(s.quantity)) > u.scale")
            .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getBigDecimal(2), rs.getString(3)})
            .list();
    for (Object[] p : precise) {
      String why;
      try {
        new Quantity((BigDecimal) p[1], UnitOfMeasure.valueOf((String) p[2]));
        continue;
      } catch (RetailException e) {
        why = e.getMessage();
      }
      h.createUpdate("UPDATE import_staging SET reason = :r WHERE file_line = :l")
          .bind("r", why)
          .bind("l", (long) p[0])
          .execute();
    }
    // a row whose movement is in the ledger was imported before
    h.createUpdate(
            "UPDATE import_staging s SET status = 'skipped' WHERE s.reason IS NULL"
                + " AND EXISTS (SELECT 1 FROM stock_movements m WHERE m.store_id = :s"
                + " AND m.reason = :r AND m.reference = s.reference"
                + " AND m.location_id = s.location_id AND m.sku = s.sku)")
        .bind("s", options.store().value())
        .bind("r", reason)
        .execute();
    h.createUpdate(
            "INSERT INTO stock_levels (store_id, location_id, sku) SELECT DISTINCT :s,"
                + " location_id, sku FROM import_staging WHERE reason IS NULL AND status IS NULL"
                + " ORDER BY location_id, sku ON CONFLICT DO NOTHING")
        .bind("s", options.store().value())
        .execute();
    // the levels' rows are locked in one order (location, SKU), as tills lock them, then each
    // row's change and the on-hand after it follow in file order
    h.createQuery(
            "SELECT count(*) FROM (SELECT 1 FROM stock_levels l WHERE l.store_id = :s"
                + " AND EXISTS (SELECT 1 FROM import_staging st WHERE st.reason IS NULL"
                + " AND st.status IS NULL AND st.location_id = l.location_id AND st.sku = l.sku)"
                + " ORDER BY l.location_id, l.sku FOR UPDATE) locked")
        .bind("s", options.store().value())
        .mapTo(Long.class)
        .one();
    h.createUpdate(
            "UPDATE import_staging s SET change = m.change, on_hand = m.on_hand FROM ("
                + " SELECT st.file_line, "
                + (options.counting()
                    ? "st.quantity - coalesce(lag(st.quantity::numeric(19,3)) OVER w,"
                        + " l.on_hand) AS change, st.quantity::numeric(19,3) AS on_hand"
                    : "st.quantity AS change, (l.on_hand + sum(st.quantity) OVER w)"
                        + "::numeric(19,3) AS on_hand")
                + " FROM import_staging st JOIN stock_levels l ON l.store_id = :s"
                + " AND l.location_id = st.location_id AND l.sku = st.sku"
                + " WHERE st.reason IS NULL AND st.status IS NULL"
                + " WINDOW w AS (PARTITION BY st.location_id, st.sku ORDER BY st.file_line)) m"
                + " WHERE s.file_line = m.file_line")
        .bind("s", options.store().value())
        .execute();
    // a count that matches the ledger books nothing
    h.execute(
        "UPDATE import_staging SET status = CASE WHEN change = 0 THEN 'skipped'"
            + " ELSE 'imported' END WHERE reason IS NULL AND status IS NULL");
    h.createUpdate(
            "UPDATE stock_levels l SET on_hand = x.on_hand FROM (SELECT DISTINCT ON"
                + " (location_id, sku) location_id, sku, on_hand FROM import_staging"
                + " WHERE status = 'imported' AND change IS NOT NULL"
                + " ORDER BY location_id, sku, file_line DESC) x"
                + " WHERE l.store_id = :s AND l.location_id = x.location_id AND l.sku = x.sku")
        .bind("s", options.store().value())
        .execute();
    h.createUpdate(
            "INSERT INTO stock_movements (store_id, location_id, sku, change, reason, reference,"
                + " note, moved_at) SELECT :s, location_id, sku, change, :r, reference, :note,"
                + " now() FROM import_staging WHERE status = 'imported' AND change IS NOT NULL"
                + " ORDER BY file_line")
        .bind("s", options.store().value())
        .bind("r", reason)
        .bind("note", options.counting() ? "cycle count" : "")
        .execute();
    // the events of each movement in file order: stock updated, then stock low when available
    // stock crossed below the reorder point (the level's low flag holds whether it was below)
    h.createUpdate(
            "WITH moved AS (SELECT s.file_line, s.location_id, s.sku, s.change, s.on_hand,"
                + " s.reference, s.on_hand - l.reserved AS available, l.low AS low0,"
                + " r.reorder_point, r.reorder_quantity,"
                + " (s.on_hand - l.reserved) < r.reorder_point AS below"
                + " FROM import_staging s JOIN stock_levels l ON l.store_id = :s"
                + " AND l.location_id = s.location_id AND l.sku = s.sku"
                + " LEFT JOIN reorder_rules r ON r.store_id = :s AND r.location_id = s.location_id"
                + " AND r.sku = s.sku WHERE s.status = 'imported' AND s.change IS NOT NULL),"
                + " flagged AS (SELECT *, coalesce(lag(below) OVER (PARTITION BY location_id, sku"
                + " ORDER BY file_line), low0) AS was_below FROM moved),"
                + " lowered AS (UPDATE stock_levels l SET low = x.below FROM (SELECT DISTINCT ON"
                + " (location_id, sku) location_id, sku, below FROM flagged WHERE below IS NOT NULL"
                + " ORDER BY location_id, sku, file_line DESC) x WHERE l.store_id = :s"
                + " AND l.location_id = x.location_id AND l.sku = x.sku RETURNING 1),"
                + " events AS (SELECT file_line, 1 AS n, reference, :updated AS subject,"
                + " :updatedType AS type, jsonb_build_object('store', jsonb_build_object('value',"
                + " CAST(:s AS text)), 'sku', sku, 'location', location_id, 'change', trim_scale(change),"
                + " 'onHand', trim_scale(on_hand), 'reason', CAST(:r AS text)) AS payload FROM flagged"
                + " UNION ALL SELECT file_line, 2, reference, :low, :lowType,"
                + " jsonb_build_object('store', jsonb_build_object('value', CAST(:s AS text)), 'sku', sku,"
                + " 'location', location_id, 'available', trim_scale(available),"
                + " 'reorderPoint', trim_scale(reorder_point), 'reorderQuantity',"
                + " trim_scale(reorder_quantity)) FROM flagged"
                + " WHERE below AND NOT was_below)"
                + " INSERT INTO outbox (event_count, events) SELECT count(*),"
                + " jsonb_agg(event ORDER BY k) FROM (SELECT row_number() OVER"
                + " (ORDER BY file_line, n) - 1 AS k, "
                + OutboxRows.element(
                    "gen_random_uuid()",
                    "subject",
                    "CAST(:s AS text)",
                    "now()",
                    "reference",
                    "type",
                    "payload")
                + " AS event FROM events) x GROUP BY k / "
                + OutboxRows.MAX_EVENTS_A_ROW
                + " ORDER BY k / "
                + OutboxRows.MAX_EVENTS_A_ROW)
        .bind("s", options.store().value())
        .bind("r", reason)
        .bind(
            "updated",
            new DomainEvent.StockUpdated(
                    options.store(), "", "", BigDecimal.ZERO, BigDecimal.ZERO, "")
                .subject())
        .bind("updatedType", DomainEvent.StockUpdated.class.getSimpleName())
        .bind(
            "low",
            new DomainEvent.StockLow(
                    options.store(), "", "", BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO)
                .subject())
        .bind("lowType", DomainEvent.StockLow.class.getSimpleName())
        .execute();
  }
}
