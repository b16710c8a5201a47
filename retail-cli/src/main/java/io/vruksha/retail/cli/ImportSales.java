package io.vruksha.retail.cli;

import io.vruksha.retail.store.Store;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * {@code retail import sales}: sales history from the POS a store is leaving, loaded set-based.
 *
 * <p>In one transaction (scoped to the store with {@code set_config('app.store_ids', ..., true)}):
 * the file is streamed, row by row and after mapping, into a temporary staging table with
 * PostgreSQL's COPY, in chunks of about a megabyte, so memory stays bounded whatever the file's
 * size; rows that cannot be parsed (wrong column count, bad encoding, not a number, a bad date) are
 * rejected while streaming. Then the staged rows are validated in SQL (unknown SKU, quantity not
 * positive, negative price, discount or tax, a total that does not add up, a currency not the
 * store's, a receipt line twice in the file), the valid ones are inserted into {@code
 * sales_history} ({@code ON CONFLICT DO NOTHING}: a line already imported is skipped), and only the
 * rows actually inserted are added to {@code sales_analytics_daily} and {@code product_performance}
 * (and, with {@code --move-stock}, booked as SALE movements). A dry run does all of it and rolls
 * back.
 *
 * <p>The rows keep the prices, discounts and taxes they were recorded with: nothing is re-priced,
 * and nothing goes into the fiscal journal, the invoices or the outbox.
 */
final class ImportSales {

  static final List<String> REQUIRED =
      List.of("receipt_id", "line", "sold_at", "sku", "quantity", "unit_price", "tax", "total");
  static final List<String> OPTIONAL = List.of("discount", "currency", "customer_id");

  /** The bytes of COPY data sent at a time. */
  private static final int CHUNK = 1 << 20;

  /** The largest magnitude numeric(19,4) holds. */
  private static final BigDecimal LIMIT = new BigDecimal("1000000000000000");

  /** How a staged line's total is checked against its parts. */
  enum TaxMode {
    /** Prices include tax: total = quantity × unit_price − discount. */
    INCLUDED,
    /** Prices exclude tax: total = quantity × unit_price − discount + tax. */
    EXCLUDED,
    /** The store has no tax jurisdiction: either of the two. */
    EITHER
  }

  /** The counts an import ends with. */
  record Result(long imported, long rejected, long skipped, long receipts) {}

  private final Jdbi jdbi;
  private final Store store;
  private final TaxMode taxMode;
  private final boolean moveStock;
  private final boolean dryRun;
  private final boolean decimalComma;

  ImportSales(
      Jdbi jdbi,
      Store store,
      TaxMode taxMode,
      boolean moveStock,
      boolean dryRun,
      boolean decimalComma) {
    this.jdbi = jdbi;
    this.store = store;
    this.taxMode = taxMode;
    this.moveStock = moveStock;
    this.dryRun = dryRun;
    this.decimalComma = decimalComma;
  }

  /** A row that cannot be staged. */
  private static final class Unparsable extends Exception {
    Unparsable(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Imports the rows of {@code reader}; {@code reopen} reads the file again from the start (to
   * write the rows the database rejected to {@code rejects} with their original columns).
   */
  Result run(
      ImportReader reader,
      Callable<ImportReader> reopen,
      ImportCommand.Rejects rejects,
      ProgressBar progress)
      throws IOException {
    try (Handle h = jdbi.open()) {
      h.begin();
      boolean done = false;
      try {
        Result r = load(h, reader, reopen, rejects, progress);
        if (dryRun) {
          h.rollback();
        } else {
          h.commit();
        }
        done = true;
        return r;
      } finally {
        if (!done) {
          h.rollback();
        }
      }
    }
  }

  private Result load(
      Handle h,
      ImportReader reader,
      Callable<ImportReader> reopen,
      ImportCommand.Rejects rejects,
      ProgressBar progress)
      throws IOException {
    String storeId = store.id().value();
    h.createQuery("SELECT set_config('app.store_ids', :s, true)")
        .bind("s", storeId)
        .mapTo(String.class)
        .one();
    h.createQuery("SELECT set_config('app.actor', 'retail-import', true)")
        .mapTo(String.class)
        .one();
    h.execute(
        "CREATE TEMPORARY TABLE sales_staging ("
            + " file_line bigint NOT NULL, receipt_id text NOT NULL, line integer NOT NULL,"
            + " sold_at timestamptz NOT NULL, day date NOT NULL, sku text NOT NULL,"
            + " quantity numeric NOT NULL, unit_price numeric NOT NULL, discount numeric NOT NULL,"
            + " tax numeric NOT NULL, total numeric NOT NULL, currency text NOT NULL,"
            + " customer_id text, reason text, inserted boolean NOT NULL DEFAULT false,"
            + " receipt_known boolean NOT NULL DEFAULT false,"
            + " sku_known boolean NOT NULL DEFAULT false) ON COMMIT DROP");

    long parseRejected = copy(h, reader, rejects, progress);
    h.execute("ANALYZE sales_staging");

    // set-based validation: the first reason that applies, per staged row
    h.createUpdate(
            "UPDATE sales_staging s SET reason = v.reason FROM ("
                + " SELECT st.file_line, CASE"
                + " WHEN st.first_line < st.file_line THEN 'duplicate receipt ' || st.receipt_id"
                + " || ' line ' || st.line || ': already on line ' || st.first_line"
                + " WHEN p.sku IS NULL THEN 'unknown SKU ' || st.sku"
                + " WHEN st.quantity <= 0 THEN 'quantity must be positive, was '"
                + " || trim_scale(st.quantity)"
                + " WHEN st.unit_price < 0 THEN 'unit_price must not be negative, was '"
                + " || trim_scale(st.unit_price)"
                + " WHEN st.discount < 0 THEN 'discount must not be negative, was '"
                + " || trim_scale(st.discount)"
                + " WHEN st.tax < 0 THEN 'tax must not be negative, was ' || trim_scale(st.tax)"
                + " WHEN st.currency <> :currency THEN 'currency ' || st.currency"
                + " || ' is not the store''s (' || :currency || ')'"
                + " WHEN NOT ("
                + totalAddsUp()
                + ") THEN 'total ' || trim_scale(st.total)"
                + " || ' is not "
                + formula()
                + " = ' || round("
                + expected("st")
                + ", 4)"
                + " END AS reason"
                + " FROM (SELECT *, min(file_line) OVER (PARTITION BY receipt_id, line)"
                + " AS first_line FROM sales_staging) st"
                + " LEFT JOIN product_skus p ON p.sku = st.sku) v"
                + " WHERE v.file_line = s.file_line AND v.reason IS NOT NULL")
        .bind("currency", store.currency().getCurrencyCode())
        .execute();

    // which receipts (and receipt SKUs) already had lines that day: they are no new sale
    h.createUpdate(
            "UPDATE sales_staging s SET"
                + " receipt_known = EXISTS (SELECT 1 FROM sales_history x WHERE x.store_id = :s"
                + " AND x.source_receipt_id = s.receipt_id AND x.day = s.day),"
                + " sku_known = EXISTS (SELECT 1 FROM sales_history x WHERE x.store_id = :s"
                + " AND x.source_receipt_id = s.receipt_id AND x.day = s.day AND x.sku = s.sku)"
                + " WHERE s.reason IS NULL")
        .bind("s", storeId)
        .execute();

    // the merge: only the rows actually inserted feed the aggregates and the stock
    long valid =
        h.createQuery("SELECT count(*) FROM sales_staging WHERE reason IS NULL")
            .mapTo(Long.class)
            .one();
    long inserted =
        h.createUpdate(
                "WITH ins AS ("
                    + " INSERT INTO sales_history (store_id, source_receipt_id, line, sold_at, day,"
                    + " sku, quantity, unit_price, discount, tax, total, currency, customer_id)"
                    + " SELECT :s, receipt_id, line, sold_at, day, sku, quantity, unit_price,"
                    + " discount, tax, total, currency, customer_id FROM sales_staging"
                    + " WHERE reason IS NULL ORDER BY file_line"
                    + " ON CONFLICT (store_id, source_receipt_id, line) DO NOTHING"
                    + " RETURNING source_receipt_id, line)"
                    + " UPDATE sales_staging s SET inserted = true FROM ins"
                    + " WHERE s.reason IS NULL AND s.receipt_id = ins.source_receipt_id"
                    + " AND s.line = ins.line")
            .bind("s", storeId)
            .execute();
    long receipts = 0;
    if (inserted > 0) {
      receipts =
          h.createQuery(
                  "SELECT count(*) FROM (SELECT DISTINCT receipt_id, day FROM sales_staging"
                      + " WHERE inserted AND NOT receipt_known) r")
              .mapTo(Long.class)
              .one();
      h.createUpdate(
              "INSERT INTO sales_analytics_daily (store_id, day, currency, sales_count, units,"
                  + " gross)"
                  + " SELECT :s, day, :c, count(DISTINCT receipt_id) FILTER (WHERE NOT"
                  + " receipt_known), sum(quantity), sum(total)"
                  + " FROM sales_staging WHERE inserted GROUP BY day"
                  + " ON CONFLICT (store_id, day) DO UPDATE SET"
                  + " sales_count = sales_analytics_daily.sales_count + EXCLUDED.sales_count,"
                  + " units = sales_analytics_daily.units + EXCLUDED.units,"
                  + " gross = sales_analytics_daily.gross + EXCLUDED.gross")
          .bind("s", storeId)
          .bind("c", store.currency().getCurrencyCode())
          .execute();
      h.createUpdate(
              "INSERT INTO product_performance (store_id, day, sku, currency, sales_count, units,"
                  + " revenue)"
                  + " SELECT :s, day, sku, :c, count(DISTINCT receipt_id) FILTER (WHERE NOT"
                  + " sku_known), sum(quantity), sum(total)"
                  + " FROM sales_staging WHERE inserted GROUP BY day, sku"
                  + " ON CONFLICT (store_id, day, sku) DO UPDATE SET"
                  + " sales_count = product_performance.sales_count + EXCLUDED.sales_count,"
                  + " units = product_performance.units + EXCLUDED.units,"
                  + " revenue = product_performance.revenue + EXCLUDED.revenue")
          .bind("s", storeId)
          .bind("c", store.currency().getCurrencyCode())
          .execute();
      if (moveStock) {
        moveStock(h, storeId);
      }
    }

    long dbRejected = writeDatabaseRejects(h, reopen, rejects);
    return new Result(inserted, parseRejected + dbRejected, valid - inserted, receipts);
  }

  /**
   * Books the inserted lines as SALE movements on the store's floor, set-based, as the stock ledger
   * writes them: a level row for each SKU, on_hand lowered by the SKU's sum, one movement per line
   * (reference {@code history:<receipt>:<line>}). Stock may go negative: the sales happened.
   */
  private static void moveStock(Handle h, String storeId) {
    h.createUpdate(
            "INSERT INTO stock_levels (store_id, location_id, sku)"
                + " SELECT DISTINCT :s, 'floor', sku FROM sales_staging WHERE inserted"
                + " ON CONFLICT DO NOTHING")
        .bind("s", storeId)
        .execute();
    h.createUpdate(
            "UPDATE stock_levels l SET on_hand = l.on_hand - m.q FROM"
                + " (SELECT sku, sum(round(quantity, 3)) AS q FROM sales_staging WHERE inserted"
                + " GROUP BY sku) m"
                + " WHERE l.store_id = :s AND l.location_id = 'floor' AND l.sku = m.sku")
        .bind("s", storeId)
        .execute();
    h.createUpdate(
            "INSERT INTO stock_movements (store_id, location_id, sku, change, reason, reference,"
                + " note, moved_at)"
                + " SELECT :s, 'floor', sku, -round(quantity, 3), 'SALE',"
                + " 'history:' || receipt_id || ':' || line, 'imported sales history', sold_at"
                + " FROM sales_staging WHERE inserted ORDER BY file_line")
        .bind("s", storeId)
        .execute();
  }

  private String totalAddsUp() {
    String incl = "abs(st.total - (st.quantity * st.unit_price - st.discount)) <= 0.01";
    String excl = "abs(st.total - (st.quantity * st.unit_price - st.discount + st.tax)) <= 0.01";
    return switch (taxMode) {
      case INCLUDED -> incl;
      case EXCLUDED -> excl;
      case EITHER -> incl + " OR " + excl;
    };
  }

  private String formula() {
    return switch (taxMode) {
      case INCLUDED -> "quantity x unit_price - discount (prices include tax)";
      case EXCLUDED -> "quantity x unit_price - discount + tax (prices exclude tax)";
      case EITHER -> "quantity x unit_price - discount (+ tax)";
    };
  }

  private String expected(String t) {
    return t
        + ".quantity * "
        + t
        + ".unit_price - "
        + t
        + ".discount"
        + (taxMode == TaxMode.EXCLUDED ? " + " + t + ".tax" : "");
  }

  /** Streams the file into the staging table; returns the rows rejected as unparsable. */
  private long copy(
      Handle h, ImportReader reader, ImportCommand.Rejects rejects, ProgressBar progress)
      throws IOException {
    CopyManager copyApi;
    try {
      copyApi = h.getConnection().unwrap(PGConnection.class).getCopyAPI();
    } catch (SQLException e) {
      throw new IllegalStateException("the connection is not PostgreSQL's: " + e.getMessage(), e);
    }
    long rejected = 0;
    CopyIn copy;
    try {
      copy =
          copyApi.copyIn(
              "COPY sales_staging (file_line, receipt_id, line, sold_at, day, sku, quantity,"
                  + " unit_price, discount, tax, total, currency, customer_id) FROM STDIN");
    } catch (SQLException e) {
      throw new org.jdbi.v3.core.ConnectionException(e);
    }
    boolean ended = false;
    try {
      StringBuilder buf = new StringBuilder(CHUNK + 4096);
      ZoneId zone = store.zone();
      String currency = store.currency().getCurrencyCode();
      for (ImportReader.Row row = reader.next(); row != null; row = reader.next()) {
        if (progress != null) {
          progress.step();
        }
        if (row.broken()) {
          rejected++;
          rejects.add(row, row.error());
          continue;
        }
        try {
          stage(buf, row.line(), row.fields(), zone, currency);
        } catch (Unparsable e) {
          rejected++;
          rejects.add(row, e.getMessage());
          continue;
        }
        if (buf.length() >= CHUNK) {
          send(copy, buf);
        }
      }
      send(copy, buf);
      copy.endCopy();
      ended = true;
    } catch (SQLException e) {
      throw new org.jdbi.v3.core.ConnectionException(e);
    } finally {
      if (!ended && copy.isActive()) {
        try {
          copy.cancelCopy();
        } catch (SQLException ignored) {
          // the transaction rolls back anyway
        }
      }
    }
    return rejected;
  }

  private static void send(CopyIn copy, StringBuilder buf) throws SQLException {
    if (buf.length() == 0) {
      return;
    }
    byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
    copy.writeToCopy(bytes, 0, bytes.length);
    buf.setLength(0);
  }

  /** Appends one row in COPY's text format, or throws saying why it cannot be read. */
  private void stage(
      StringBuilder buf, long fileLine, Map<String, String> f, ZoneId zone, String storeCurrency)
      throws Unparsable {
    String receipt = text(f, "receipt_id");
    int line;
    String lineText = text(f, "line");
    try {
      line = Integer.parseInt(lineText);
    } catch (NumberFormatException e) {
      throw new Unparsable("line '" + lineText + "' is not a whole number");
    }
    Instant soldAt = instant(text(f, "sold_at"), zone);
    LocalDate day = LocalDate.ofInstant(soldAt, zone);
    String sku = text(f, "sku");
    BigDecimal quantity = number(f, "quantity", null);
    BigDecimal unitPrice = number(f, "unit_price", null);
    BigDecimal discount = number(f, "discount", BigDecimal.ZERO);
    BigDecimal tax = number(f, "tax", null);
    BigDecimal total = number(f, "total", null);
    String currency = f.get("currency");
    currency =
        currency == null || currency.isBlank()
            ? storeCurrency
            : currency.strip().toUpperCase(Locale.ROOT);
    if (currency.length() != 3) {
      throw new Unparsable("currency '" + currency + "' is not a three-letter code");
    }
    String customer = f.get("customer_id");
    customer = customer == null || customer.isBlank() ? null : customer.strip();

    buf.append(fileLine).append('\t');
    escape(buf, receipt).append('\t');
    buf.append(line).append('\t');
    buf.append(soldAt).append('\t');
    buf.append(day).append('\t');
    escape(buf, sku).append('\t');
    buf.append(quantity.toPlainString()).append('\t');
    buf.append(unitPrice.toPlainString()).append('\t');
    buf.append(discount.toPlainString()).append('\t');
    buf.append(tax.toPlainString()).append('\t');
    buf.append(total.toPlainString()).append('\t');
    escape(buf, currency).append('\t');
    if (customer == null) {
      buf.append("\\N");
    } else {
      escape(buf, customer);
    }
    buf.append('\n');
  }

  private static String text(Map<String, String> f, String field) throws Unparsable {
    String v = f.get(field);
    if (v == null || v.isBlank()) {
      throw new Unparsable(field + " is missing");
    }
    return v.strip();
  }

  private BigDecimal number(Map<String, String> f, String field, BigDecimal absent)
      throws Unparsable {
    String v = f.get(field);
    if (v == null || v.isBlank()) {
      if (absent != null) {
        return absent;
      }
      throw new Unparsable(field + " is missing");
    }
    String t = v.strip();
    if (decimalComma) {
      t = t.replace(".", "").replace(',', '.');
    }
    BigDecimal n;
    try {
      n = new BigDecimal(t);
    } catch (NumberFormatException e) {
      throw new Unparsable(field + " '" + v.strip() + "' is not a number");
    }
    if (n.abs().compareTo(LIMIT) >= 0 || n.scale() > 12) {
      throw new Unparsable(field + " '" + v.strip() + "' is out of range");
    }
    return n;
  }

  /**
   * An ISO-8601 instant ({@code 2026-03-02T13:05:00Z}), date-time with offset, or local date-time
   * ({@code 2026-03-02T14:05:00} or with a space for the T) read in the store's zone.
   */
  static Instant instant(String s, ZoneId zone) throws Unparsable {
    String t = s.length() > 10 && s.charAt(10) == ' ' ? s.replaceFirst(" ", "T") : s;
    try {
      if (t.endsWith("Z") || t.endsWith("z")) {
        return Instant.parse(t.toUpperCase(Locale.ROOT));
      }
      if (t.length() > 19 && hasOffset(t)) {
        return OffsetDateTime.parse(t).toInstant();
      }
      return ZonedDateTime.of(LocalDateTime.parse(t), zone).toInstant();
    } catch (DateTimeException e) {
      throw new Unparsable(
          "sold_at '" + s + "' is not a date-time (ISO-8601: 2026-03-02T14:05:00[+01:00|Z])");
    }
  }

  private static boolean hasOffset(String t) {
    int tee = t.indexOf('T');
    return tee > 0 && (t.indexOf('+', tee) > 0 || t.indexOf('-', tee) > 0);
  }

  private static StringBuilder escape(StringBuilder buf, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> buf.append("\\\\");
        case '\t' -> buf.append("\\t");
        case '\n' -> buf.append("\\n");
        case '\r' -> buf.append("\\r");
        default -> buf.append(c);
      }
    }
    return buf;
  }

  /**
   * Writes the rows the database rejected, in file order, with their original columns: the reasons
   * are streamed from the staging table and matched with a second read of the file.
   */
  private static long writeDatabaseRejects(
      Handle h, Callable<ImportReader> reopen, ImportCommand.Rejects rejects) throws IOException {
    long count =
        h.createQuery("SELECT count(*) FROM sales_staging WHERE reason IS NOT NULL")
            .mapTo(Long.class)
            .one();
    if (count == 0) {
      return 0;
    }
    ImportReader again;
    try {
      again = reopen.call();
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e.getMessage(), e);
    }
    try (again;
        var reasons =
            h.createQuery(
                    "SELECT file_line, reason FROM sales_staging WHERE reason IS NOT NULL"
                        + " ORDER BY file_line")
                .setFetchSize(1000)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .iterator()) {
      Iterator<Map.Entry<Long, String>> it = reasons;
      ImportReader.Row row = again.next();
      while (it.hasNext()) {
        Map.Entry<Long, String> reject = it.next();
        while (row != null && row.line() < reject.getKey()) {
          row = again.next();
        }
        if (row == null || row.line() != reject.getKey()) {
          // the file changed under us: say so with what we know
          rejects.add(
              new ImportReader.Row(reject.getKey(), Map.of(), List.of(), null), reject.getValue());
        } else {
          rejects.add(row, reject.getValue());
        }
      }
    }
    return count;
  }

  /** The fields a sales import reads. */
  static Set<String> fields() {
    Set<String> all = new java.util.LinkedHashSet<>(REQUIRED);
    all.addAll(OPTIONAL);
    return all;
  }
}
