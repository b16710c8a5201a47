package io.vruksha.retail.cli;

import io.vruksha.retail.postgres.PostgresBulkImport;
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
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Update;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * {@code retail import sales}: sales history from the POS a store is leaving, loaded set-based.
 *
 * <p>In one transaction (scoped to the store with {@code set_config('app.store_ids', ..., true)}):
 * the file is read, parsed and encoded on a thread of its own ({@link ReadAhead}, a bounded number
 * of blocks of about a megabyte ahead) while the session streams the blocks into a temporary
 * staging table with PostgreSQL's COPY, so memory stays bounded whatever the file's size; rows that
 * cannot be parsed (wrong column count, bad encoding, not a number, a bad date) are rejected while
 * streaming. Then the staged rows are validated in SQL (unknown SKU, quantity not positive,
 * negative price, discount or tax, a total that does not add up, a currency not the store's, a
 * receipt line twice in the file; the reason is written to the rejected rows only), the valid ones
 * are inserted into {@code sales_history} ({@code ON CONFLICT DO NOTHING}: a line already imported
 * is skipped; a plain INSERT in a savepoint when the store has no sales on the file's days), and
 * only the rows actually inserted are added to {@code sales_analytics_daily} and {@code
 * product_performance} (and, with {@code --move-stock}, booked as SALE movements). A dry run does
 * all of it and rolls back.
 *
 * <p>The rows keep the prices, discounts and taxes they were recorded with: nothing is re-priced,
 * and nothing goes into the fiscal journal, the invoices or the outbox. What a row lacks is derived
 * while it is staged: a discount from {@code discount_rate} and the unit price ({@link
 * DerivedAmounts}), the tax ({@link SalesTax}); dates are read by {@link ImportDates}.
 */
final class ImportSales {

  static final List<String> REQUIRED =
      List.of("receipt_id", "line", "sold_at", "sku", "quantity", "total");
  static final List<String> OPTIONAL =
      List.of("unit_price", "tax", "discount", "discount_rate", "currency", "customer_id");

  /** The savepoint a plain INSERT that may meet a key already there runs in. */
  private static final String FRESH = "fresh_rows";

  /**
   * The work_mem of the validation and the merge into sales_history: each sort may use this much,
   * each hash PostgreSQL's hash_mem_multiplier times it (2 by default).
   */
  private static final String SORT_MEMORY = "256MB";

  /** PostgreSQL's SQLSTATE for a duplicate key. */
  private static final String UNIQUE_VIOLATION = "23505";

  /**
   * The decimals sales history holds of an amount ({@code unit_price}, {@code discount}, {@code
   * tax}, {@code total} are {@code numeric(19,4)}): a row with more is rejected, never rounded.
   */
  static final int AMOUNT_SCALE = 4;

  /**
   * The decimals the stock ledger holds of a quantity ({@code numeric(19,3)}), for --move-stock.
   */
  static final int STOCK_SCALE = 3;

  /** The fields held to {@link #AMOUNT_SCALE} decimals. */
  private static final Set<String> AMOUNTS = Set.of("unit_price", "discount", "tax", "total");

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
  private final ImportDates dates;
  private final SalesTax salesTax;

  ImportSales(
      Jdbi jdbi,
      Store store,
      TaxMode taxMode,
      boolean moveStock,
      boolean dryRun,
      boolean decimalComma) {
    this(
        jdbi,
        store,
        taxMode,
        moveStock,
        dryRun,
        decimalComma,
        ImportDates.iso(store.zone()),
        SalesTax.none(store));
  }

  ImportSales(
      Jdbi jdbi,
      Store store,
      TaxMode taxMode,
      boolean moveStock,
      boolean dryRun,
      boolean decimalComma,
      ImportDates dates,
      SalesTax salesTax) {
    this.jdbi = jdbi;
    this.store = store;
    this.taxMode = taxMode;
    this.moveStock = moveStock;
    this.dryRun = dryRun;
    this.decimalComma = decimalComma;
    this.dates = dates;
    this.salesTax = salesTax;
  }

  /** A row that cannot be staged. */
  static final class Unparsable extends Exception {
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
      PostgresBulkImport.keepStagingInMemory(h);
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
    String currency = store.currency().getCurrencyCode();
    h.createQuery("SELECT set_config('app.store_ids', :s, true)")
        .bind("s", storeId)
        .mapTo(String.class)
        .one();
    h.createQuery("SELECT set_config('app.actor', :a, true)")
        .bind("a", io.vruksha.retail.work.Acting.actor().orElse("retail-import"))
        .mapTo(String.class)
        .one();
    // each statement below goes over every staged row once: compiling one with the JIT costs more
    // than it saves
    h.execute("SET LOCAL jit = off");
    h.execute(
        "CREATE TEMPORARY TABLE sales_staging ("
            + " file_line bigint NOT NULL, receipt_id text NOT NULL, line integer NOT NULL,"
            + " sold_at timestamptz NOT NULL, day date NOT NULL, sku text NOT NULL,"
            + " quantity numeric NOT NULL, unit_price numeric NOT NULL, discount numeric NOT NULL,"
            + " tax numeric NOT NULL, total numeric NOT NULL, currency text NOT NULL,"
            + " customer_id text, derived boolean NOT NULL, reason text) ON COMMIT DROP");

    Staged staged = copy(h, reader, rejects, progress);
    // statistics for the planner (row count, nulls, distinct keys), from a small sample: enough
    // for the statements below, at a fraction of a full ANALYZE's cost
    h.execute("SET LOCAL default_statistics_target = 10");
    h.execute("ANALYZE sales_staging (file_line, receipt_id, line, day, sku, reason)");

    // the validation's join and the merge's sort go over every staged row: with the server's
    // default work_mem (4MB) a million rows spill hundreds of megabytes to temporary files
    String workMem = h.createQuery("SELECT current_setting('work_mem')").mapTo(String.class).one();
    h.execute("SET LOCAL work_mem = '" + SORT_MEMORY + "'");
    // set-based validation: the first reason that applies, written to the (few) rejected rows only
    long dbRejected =
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
                    + " WHEN NOT st.derived AND NOT ("
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
            .bind("currency", currency)
            .execute();
    long valid = staged.rows() - dbRejected;

    // the days of the file that already have sales: only there may a receipt (or a receipt's SKU)
    // be known already, and no new sale; asked before the merge, whose rows it must not see
    List<String> knownDays =
        h.createQuery(
                "SELECT d.day::text FROM (SELECT DISTINCT day FROM sales_staging"
                    + " WHERE reason IS NULL) d WHERE EXISTS (SELECT 1 FROM sales_history x"
                    + " WHERE x.store_id = :s AND x.day = d.day)")
            .bind("s", storeId)
            .mapTo(String.class)
            .list();

    // the merge; only the rows actually inserted feed the aggregates and the stock
    String insertHistory =
        "INSERT INTO sales_history (store_id, source_receipt_id, line, sold_at, day, sku,"
            + " quantity, unit_price, discount, tax, total, currency, customer_id)"
            + " SELECT :s, receipt_id, line, sold_at, day, sku, quantity, unit_price, discount,"
            + " tax, total, currency, customer_id FROM sales_staging"
            + " WHERE reason IS NULL ORDER BY file_line";
    // the rows inserted, as staged, with whether their receipt (the receipt's SKU) was known
    String source;
    long inserted = -1;
    if (knownDays.isEmpty()) {
      // the store has no sales on the file's days yet (a period imported the first time): no line
      // can be there, none is known, and a plain INSERT spares ON CONFLICT's cost per row; should
      // a line be there all the same (a receipt imported under another day, an import at the same
      // time), it is undone and merged as below
      inserted = insertFresh(h, h.createUpdate(insertHistory).bind("s", storeId));
    }
    if (inserted >= 0) {
      source =
          "(SELECT file_line, receipt_id, line, sold_at, day, sku, quantity, total,"
              + " false AS receipt_known, false AS sku_known FROM sales_staging"
              + " WHERE reason IS NULL)";
    } else {
      // the rows inserted are kept aside with whether their receipt and the receipt's SKU were
      // known that day, seen as before the insert (the statement's snapshot); only on a day that
      // had sales is that looked up
      h.execute(
          "CREATE TEMPORARY TABLE sales_inserted ("
              + " file_line bigint NOT NULL, receipt_id text NOT NULL, line integer NOT NULL,"
              + " sold_at timestamptz NOT NULL, day date NOT NULL, sku text NOT NULL,"
              + " quantity numeric NOT NULL, total numeric NOT NULL,"
              + " receipt_known boolean NOT NULL, sku_known boolean NOT NULL) ON COMMIT DROP");
      inserted =
          h.createUpdate(
                  "WITH ins AS ("
                      + insertHistory
                      + " ON CONFLICT (store_id, source_receipt_id, line) DO NOTHING"
                      + " RETURNING source_receipt_id, line)"
                      + " INSERT INTO sales_inserted (file_line, receipt_id, line, sold_at, day,"
                      + " sku, quantity, total, receipt_known, sku_known)"
                      + " SELECT s.file_line, s.receipt_id, s.line, s.sold_at, s.day, s.sku,"
                      + " s.quantity, s.total,"
                      + " CASE WHEN s.day = ANY (CAST(:known AS date[])) THEN EXISTS (SELECT 1"
                      + " FROM sales_history x WHERE x.store_id = :s"
                      + " AND x.source_receipt_id = s.receipt_id AND x.day = s.day) ELSE false"
                      + " END,"
                      + " CASE WHEN s.day = ANY (CAST(:known AS date[])) THEN EXISTS (SELECT 1"
                      + " FROM sales_history x WHERE x.store_id = :s"
                      + " AND x.source_receipt_id = s.receipt_id AND x.day = s.day"
                      + " AND x.sku = s.sku) ELSE false END"
                      + " FROM ins JOIN sales_staging s ON s.receipt_id = ins.source_receipt_id"
                      + " AND s.line = ins.line WHERE s.reason IS NULL")
              .bind("s", storeId)
              .bindArray("known", String.class, knownDays)
              .execute();
      source = "sales_inserted";
    }
    // the aggregates below group sorted rows and insert them in key order; with more memory the
    // planner hashes instead and inserts in random key order, which measured slower
    h.createQuery("SELECT set_config('work_mem', :m, true)")
        .bind("m", workMem)
        .mapTo(String.class)
        .one();
    long receipts = 0;
    if (inserted > 0) {
      // a receipt (a receipt's SKU) is one sale of its day unless known: its lines are one group
      // and share the flag, so counting the groups counts the distinct receipts; the sales of
      // the days added up are the receipts new to their day
      List<Map.Entry<String, Long>> days =
          h.createQuery(
                  "WITH d AS (SELECT day, count(*) FILTER (WHERE NOT known) AS sales,"
                      + " sum(units) AS units, sum(gross) AS gross FROM (SELECT day, receipt_id,"
                      + " bool_or(receipt_known) AS known, sum(quantity) AS units,"
                      + " sum(total) AS gross FROM "
                      + source
                      + " i GROUP BY day, receipt_id) r GROUP BY day),"
                      + " upsert AS (INSERT INTO sales_analytics_daily (store_id, day, currency,"
                      + " sales_count, units, gross)"
                      + " SELECT :s, day, :c, sales, units, gross FROM d"
                      + " ON CONFLICT (store_id, day) DO UPDATE SET"
                      + " sales_count = sales_analytics_daily.sales_count + EXCLUDED.sales_count,"
                      + " units = sales_analytics_daily.units + EXCLUDED.units,"
                      + " gross = sales_analytics_daily.gross + EXCLUDED.gross)"
                      + " SELECT day::text, sales FROM d")
              .bind("s", storeId)
              .bind("c", currency)
              .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
              .list();
      List<String> daysInserted = new ArrayList<>();
      for (Map.Entry<String, Long> day : days) {
        daysInserted.add(day.getKey());
        receipts += day.getValue();
      }
      productPerformance(h, storeId, currency, source, daysInserted);
      if (moveStock) {
        moveStock(h, storeId, source);
      }
    }

    writeDatabaseRejects(h, dbRejected, reopen, rejects);
    return new Result(inserted, staged.rejected() + dbRejected, valid - inserted, receipts);
  }

  /**
   * Adds the inserted rows ({@code source}) to {@code product_performance}, a row per day and SKU:
   * a plain INSERT when the store has no figures on those days yet, else (or should a day's SKU be
   * there all the same) merged with ON CONFLICT.
   */
  private static void productPerformance(
      Handle h, String storeId, String currency, String source, List<String> days) {
    // a receipt's lines of one SKU are one group and share the flag: counting the groups counts
    // the distinct receipts that sold the SKU
    String insert =
        "INSERT INTO product_performance (store_id, day, sku, currency, sales_count, units,"
            + " revenue)"
            + " SELECT :s, day, sku, :c, count(*) FILTER (WHERE NOT known), sum(units),"
            + " sum(revenue) FROM (SELECT day, sku, receipt_id, bool_or(sku_known) AS known,"
            + " sum(quantity) AS units, sum(total) AS revenue FROM "
            + source
            + " i GROUP BY day, sku, receipt_id) r GROUP BY day, sku";
    boolean there =
        h.createQuery(
                "SELECT EXISTS (SELECT 1 FROM product_performance WHERE store_id = :s"
                    + " AND day = ANY (CAST(:days AS date[])))")
            .bind("s", storeId)
            .bindArray("days", String.class, days)
            .mapTo(Boolean.class)
            .one();
    if (!there
        && insertFresh(h, h.createUpdate(insert).bind("s", storeId).bind("c", currency)) >= 0) {
      return;
    }
    h.createUpdate(
            insert
                + " ON CONFLICT (store_id, day, sku) DO UPDATE SET"
                + " sales_count = product_performance.sales_count + EXCLUDED.sales_count,"
                + " units = product_performance.units + EXCLUDED.units,"
                + " revenue = product_performance.revenue + EXCLUDED.revenue")
        .bind("s", storeId)
        .bind("c", currency)
        .execute();
  }

  /**
   * Runs {@code insert}, a plain INSERT of rows whose keys should not be there yet, in a savepoint;
   * the rows inserted, or -1 when a key was there after all (the insert is undone, to be merged
   * instead).
   */
  private static long insertFresh(Handle h, Update insert) {
    h.savepoint(FRESH);
    try {
      long rows = insert.execute();
      h.releaseSavepoint(FRESH);
      return rows;
    } catch (JdbiException e) {
      if (!uniqueViolation(e)) {
        throw e;
      }
      h.rollbackToSavepoint(FRESH);
      return -1;
    }
  }

  private static boolean uniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Books the inserted lines ({@code source}) as SALE movements on the store's floor, set-based, as
   * the stock ledger writes them: a level row for each SKU, on_hand lowered by the SKU's sum, one
   * movement per line (reference {@code history:<receipt>:<line>}). Stock may go negative: the
   * sales happened.
   */
  private static void moveStock(Handle h, String storeId, String source) {
    h.createUpdate(
            "INSERT INTO stock_levels (store_id, location_id, sku)"
                + " SELECT DISTINCT :s, 'floor', sku FROM "
                + source
                + " i ON CONFLICT DO NOTHING")
        .bind("s", storeId)
        .execute();
    h.createUpdate(
            "UPDATE stock_levels l SET on_hand = l.on_hand - m.q FROM"
                + " (SELECT sku, sum(round(quantity, 3)) AS q FROM "
                + source
                + " i GROUP BY sku) m"
                + " WHERE l.store_id = :s AND l.location_id = 'floor' AND l.sku = m.sku")
        .bind("s", storeId)
        .execute();
    h.createUpdate(
            "INSERT INTO stock_movements (store_id, location_id, sku, change, reason, reference,"
                + " note, moved_at)"
                + " SELECT :s, 'floor', sku, -round(quantity, 3), 'SALE',"
                + " 'history:' || receipt_id || ':' || line, 'imported sales history', sold_at"
                + " FROM "
                + source
                + " i ORDER BY file_line")
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

  /** A row rejected before it reached the database, and why. */
  private record Reject(ImportReader.Row row, String reason) {}

  /** Rows the reading thread rejected, in file order, for this thread to write. */
  private record Rejected(List<Reject> rows) {}

  /** Rejected rows the reading thread hands on at most at a time. */
  private static final int REJECTS_AT_A_TIME = 1_000;

  /** What {@link #copy} staged and rejected. */
  private record Staged(long rows, long rejected) {}

  /**
   * Streams the file into the staging table: the file is read, parsed and encoded on a thread of
   * its own ({@link ReadAhead}, a bounded number of blocks ahead) while this one sends the blocks
   * to COPY and writes the rows that could not be parsed to {@code rejects}, in file order.
   */
  private Staged copy(
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
                  + " unit_price, discount, tax, total, currency, customer_id, derived)"
                  + " FROM STDIN");
    } catch (SQLException e) {
      throw new org.jdbi.v3.core.ConnectionException(e);
    }
    boolean ended = false;
    try (ReadAhead reading =
        ReadAhead.start("retail-import-reader", sink -> encode(reader, progress, sink))) {
      for (Object next = reading.take(); next != null; next = reading.take()) {
        if (next instanceof byte[] bytes) {
          copy.writeToCopy(bytes, 0, bytes.length);
        } else {
          for (Reject r : ((Rejected) next).rows()) {
            rejected++;
            rejects.add(r.row(), r.reason());
          }
        }
      }
      long staged = copy.endCopy();
      ended = true;
      return new Staged(staged, rejected);
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
  }

  /**
   * The reading thread: reads and parses every row, handing COPY data of about {@link
   * ReadAhead#BLOCK} characters at a time, and the rows that cannot be staged, to {@code sink}.
   */
  private void encode(ImportReader reader, ProgressBar progress, ReadAhead.Sink sink)
      throws IOException, InterruptedException {
    StringBuilder buf = new StringBuilder(ReadAhead.BLOCK + 4096);
    ZoneId zone = store.zone();
    String currency = store.currency().getCurrencyCode();
    List<Reject> rejected = new ArrayList<>();
    long rejectedChars = 0;
    for (ImportReader.Row row = reader.next(); row != null; row = reader.next()) {
      if (progress != null) {
        progress.step();
      }
      String reason = row.error();
      if (reason == null) {
        try {
          stage(buf, row.line(), row.fields(), zone, currency);
        } catch (Unparsable e) {
          reason = e.getMessage();
        }
      }
      if (reason != null) {
        rejected.add(new Reject(row, reason));
        rejectedChars += reason.length();
        for (String column : row.original()) {
          rejectedChars += column.length();
        }
        if (rejected.size() >= REJECTS_AT_A_TIME || rejectedChars >= ReadAhead.BLOCK) {
          sink.put(new Rejected(rejected));
          rejected = new ArrayList<>();
          rejectedChars = 0;
        }
      }
      if (buf.length() >= ReadAhead.BLOCK) {
        sink.put(take(buf));
      }
    }
    if (!rejected.isEmpty()) {
      sink.put(new Rejected(rejected));
    }
    if (buf.length() > 0) {
      sink.put(take(buf));
    }
  }

  private static byte[] take(StringBuilder buf) {
    byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
    buf.setLength(0);
    return bytes;
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
    Instant soldAt;
    try {
      soldAt = dates.read("sold_at", text(f, "sold_at"));
    } catch (DateTimeException e) {
      throw new Unparsable(e.getMessage());
    }
    LocalDate day = LocalDate.ofInstant(soldAt, zone);
    String sku = text(f, "sku");
    BigDecimal quantity = number(f, "quantity", null);
    if (moveStock && quantity.stripTrailingZeros().scale() > STOCK_SCALE) {
      // the history keeps it exactly, but the movement's numeric(19,3) would round it
      throw new Unparsable(
          "quantity '"
              + quantity.toPlainString()
              + "' has "
              + quantity.stripTrailingZeros().scale()
              + " decimals: with --move-stock the stock ledger keeps quantities exactly to "
              + STOCK_SCALE
              + " and never rounds them");
    }
    BigDecimal total = number(f, "total", null);
    BigDecimal unitPrice = optional(f, "unit_price");
    BigDecimal discount = optional(f, "discount");
    BigDecimal rate = discountRate(f);
    if (discount != null && rate != null) {
      throw new Unparsable("discount and discount_rate are both given: give one of them");
    }
    BigDecimal tax = optional(f, "tax");
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

    boolean derived = unitPrice == null;
    // a row another check rejects (its quantity, currency or SKU) gets zeros for what it lacks
    boolean derivable = quantity.signum() > 0 && currency.equals(storeCurrency);
    if (!derivable) {
      unitPrice = unitPrice == null ? BigDecimal.ZERO : unitPrice;
      discount = discount == null ? BigDecimal.ZERO : discount;
      tax = tax == null ? BigDecimal.ZERO : tax;
    } else if (unitPrice != null) {
      if (discount == null) {
        discount =
            rate == null
                ? BigDecimal.ZERO
                : DerivedAmounts.round(quantity.multiply(unitPrice).multiply(rate));
      }
      if (tax == null) {
        tax =
            taxMode == TaxMode.EXCLUDED
                ? salesTax.of(sku, quantity.multiply(unitPrice).subtract(discount), false)
                : salesTax.of(sku, total, true);
      }
    } else {
      if (tax == null) {
        // the total is what the line was paid, tax included
        tax = salesTax.of(sku, total, true);
      }
      BigDecimal paid = taxMode == TaxMode.EXCLUDED ? total.subtract(tax) : total;
      if (discount == null) {
        discount = rate == null ? BigDecimal.ZERO : DerivedAmounts.discountFromRate(paid, rate);
      }
      unitPrice = DerivedAmounts.unitPrice(paid, discount, quantity);
      check("unit_price", unitPrice, "derived");
    }

    buf.append(fileLine).append('\t');
    escape(buf, receipt).append('\t');
    buf.append(line).append('\t');
    appendInstant(buf, soldAt).append('\t');
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
    buf.append('\t').append(derived ? 't' : 'f');
    buf.append('\n');
  }

  /**
   * A {@code discount_rate}: a fraction ({@code 0.15}) or a percentage ({@code 15%}); null when the
   * row has none. A plain number above 1 is refused rather than guessed at.
   */
  private BigDecimal discountRate(Map<String, String> f) throws Unparsable {
    String v = f.get("discount_rate");
    if (v == null || v.isBlank()) {
      return null;
    }
    String t = v.strip();
    boolean percent = t.endsWith("%");
    if (percent) {
      t = t.substring(0, t.length() - 1).strip();
    }
    BigDecimal rate = parse("discount_rate", v, t);
    if (percent) {
      rate = rate.movePointLeft(2);
    } else if (rate.compareTo(BigDecimal.ONE) > 0) {
      throw new Unparsable(
          "discount_rate '"
              + v.strip()
              + "' is more than 1: write a fraction (0.15) or a percentage (15%)");
    }
    if (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0) {
      throw new Unparsable("discount_rate '" + v.strip() + "' is not between 0 and 100%");
    }
    return rate;
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
    return parse(field, v, v.strip());
  }

  /** The number of {@code field}, or null when the row has none. */
  private BigDecimal optional(Map<String, String> f, String field) throws Unparsable {
    String v = f.get(field);
    return v == null || v.isBlank() ? null : parse(field, v, v.strip());
  }

  private BigDecimal parse(String field, String v, String t) throws Unparsable {
    if (decimalComma) {
      t = t.replace(".", "").replace(',', '.');
    }
    BigDecimal n;
    try {
      n = new BigDecimal(t);
    } catch (NumberFormatException e) {
      throw new Unparsable(field + " '" + v.strip() + "' is not a number");
    }
    check(field, n, "'" + v.strip() + "'");
    return n;
  }

  private static void check(String field, BigDecimal n, String shown) throws Unparsable {
    if (n.abs().compareTo(LIMIT) >= 0 || n.scale() > 12) {
      throw new Unparsable(field + " " + shown + " is out of range");
    }
    if (AMOUNTS.contains(field) && n.stripTrailingZeros().scale() > AMOUNT_SCALE) {
      // numeric(19,4) would round it without a word: 0.00049 would be stored as 0.0005
      throw new Unparsable(
          field
              + " "
              + shown
              + " has "
              + n.stripTrailingZeros().scale()
              + " decimals: sales history keeps amounts exactly to "
              + AMOUNT_SCALE
              + " and never rounds them");
    }
  }

  /**
   * An ISO-8601 instant ({@code 2026-03-02T13:05:00Z}), date-time with offset, or local date-time
   * ({@code 2026-03-02T14:05:00} or with a space for the T) read in the store's zone.
   */
  static Instant instant(String s, ZoneId zone) throws Unparsable {
    // a space for the T: the first space, at 10 (one before it fails to parse either way)
    String t =
        s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
    try {
      if (t.endsWith("Z") || t.endsWith("z")) {
        return Instant.parse(t.toUpperCase(Locale.ROOT));
      }
      if (t.length() > 19 && hasOffset(t)) {
        return OffsetDateTime.parse(t).toInstant();
      }
      LocalDateTime local = plainLocal(t);
      return ZonedDateTime.of(local != null ? local : LocalDateTime.parse(t), zone).toInstant();
    } catch (DateTimeException e) {
      throw new Unparsable(
          "sold_at '" + s + "' is not a date-time (ISO-8601: 2026-03-02T14:05:00[+01:00|Z])");
    }
  }

  /**
   * {@code yyyy-MM-ddTHH:mm} or {@code yyyy-MM-ddTHH:mm:ss}, the usual local date-times, read
   * without a formatter (which costs more than the rest of a row); null for anything else, an
   * impossible date or time included, which {@link LocalDateTime#parse} then reads or rejects.
   */
  private static LocalDateTime plainLocal(String t) {
    int n = t.length();
    if ((n != 16 && n != 19)
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || t.charAt(10) != 'T'
        || t.charAt(13) != ':'
        || (n == 19 && t.charAt(16) != ':')) {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 7);
    int day = digits(t, 8, 10);
    int hour = digits(t, 11, 13);
    int minute = digits(t, 14, 16);
    int second = n == 19 ? digits(t, 17, 19) : 0;
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The ASCII digits of {@code s} from {@code from} to {@code to} as a number, or -1. */
  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static boolean hasOffset(String t) {
    int tee = t.indexOf('T');
    return tee > 0 && (t.indexOf('+', tee) > 0 || t.indexOf('-', tee) > 0);
  }

  /** The first second of the year 0000 and of the year 10000, UTC. */
  private static final long YEAR_0 = -62_167_219_200L;

  private static final long YEAR_10000 = 253_402_300_800L;

  /**
   * Appends {@code i} as {@link Instant#toString()} writes it, without its formatter for a whole
   * second of the years 0000 to 9999 ({@code 2026-03-02T13:05:00Z}).
   */
  static StringBuilder appendInstant(StringBuilder buf, Instant i) {
    long seconds = i.getEpochSecond();
    if (i.getNano() != 0 || seconds < YEAR_0 || seconds >= YEAR_10000) {
      return buf.append(i);
    }
    LocalDateTime utc = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    int year = utc.getYear();
    buf.append((char) ('0' + year / 1000))
        .append((char) ('0' + year / 100 % 10))
        .append((char) ('0' + year / 10 % 10))
        .append((char) ('0' + year % 10))
        .append('-');
    twoDigits(buf, utc.getMonthValue()).append('-');
    twoDigits(buf, utc.getDayOfMonth()).append('T');
    twoDigits(buf, utc.getHour()).append(':');
    twoDigits(buf, utc.getMinute()).append(':');
    return twoDigits(buf, utc.getSecond()).append('Z');
  }

  private static StringBuilder twoDigits(StringBuilder buf, int v) {
    return buf.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
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
  private static void writeDatabaseRejects(
      Handle h, long count, Callable<ImportReader> reopen, ImportCommand.Rejects rejects)
      throws IOException {
    if (count == 0) {
      return;
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
  }

  /** The fields a sales import reads. */
  static Set<String> fields() {
    Set<String> all = new java.util.LinkedHashSet<>(REQUIRED);
    all.addAll(OPTIONAL);
    return all;
  }
}
