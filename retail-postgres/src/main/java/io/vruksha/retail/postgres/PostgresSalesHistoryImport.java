package io.vruksha.retail.postgres;

import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.Acting;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.core.statement.Update;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The database side of a sales-history import (the rows of the POS a store is leaving), set-based,
 * beside {@link PostgresBulkImport}: a staging table the caller fills with COPY, the validation in
 * SQL, the merge into {@code sales_history}, and for the rows actually inserted the analytics
 * aggregates ({@code sales_analytics_daily}, {@code product_performance}) and, if asked, SALE
 * movements on the store's floor.
 *
 * <p>Used on one transaction of one session, in this order: {@link #stage} (scopes the transaction
 * to the store and creates the staging table), {@link #copyIn} (the caller streams rows in COPY's
 * text format, in the column order of {@link #STAGING_COLUMNS}), {@link #validate}, {@link #merge},
 * then {@link #rejectedRows} for the rows the validation refused. The caller commits or (a dry run)
 * rolls back. The rows keep the prices, discounts and taxes they were recorded with: nothing is
 * re-priced, and nothing goes into the fiscal journal, the invoices or the outbox. Not thread-safe:
 * one import, one session.
 *
 * <p>A file that needs none of that (its rows all valid, its days new to the store's history) may
 * go the straight way instead, as {@code \copy} would: {@link #stage}, {@link #copyStraight} (the
 * rows in the column order of {@link #HISTORY_COLUMNS}, in a savepoint), then {@link
 * #keepStraight}, which checks the SKUs and keeps the rows or undoes the copy, and {@link
 * #mergeStraight} for the figures. The caller checks each row as the validation would before it
 * sends it, and takes the staging way from the start when the straight one was undone.
 */
public final class PostgresSalesHistoryImport {

  /** How a staged line's total is checked against its parts. */
  public enum TaxMode {
    /** Prices include tax: total = quantity × unit_price − discount. */
    INCLUDED,
    /** Prices exclude tax: total = quantity × unit_price − discount + tax. */
    EXCLUDED,
    /** The store has no tax jurisdiction: either of the two. */
    EITHER
  }

  /**
   * The staging table's columns, in the order COPY takes them: {@code file_line} (bigint), {@code
   * receipt_id}, {@code line} (integer), {@code sold_at} (timestamptz), {@code day} (date), {@code
   * sku}, {@code quantity}, {@code unit_price}, {@code discount}, {@code tax}, {@code total}
   * (numeric), {@code currency}, {@code customer_id} (text or \N), {@code derived} (t or f: the
   * unit price was derived, so the total is not checked against it).
   */
  public static final String STAGING_COLUMNS =
      "file_line, receipt_id, line, sold_at, day, sku, quantity, unit_price, discount, tax, total,"
          + " currency, customer_id, derived";

  /**
   * What the merge did.
   *
   * @param inserted lines inserted into {@code sales_history}
   * @param receipts receipts new to their day (the sales added to the daily figures)
   */
  public record Merged(long inserted, long receipts) {}

  /**
   * The columns of {@code sales_history} a straight COPY ({@link #copyStraight}) takes, in order:
   * the staging table's without {@code file_line} and {@code derived}, the store first.
   */
  public static final String HISTORY_COLUMNS =
      "store_id, source_receipt_id, line, sold_at, day, sku, quantity, unit_price, discount, tax,"
          + " total, currency, customer_id";

  /** The savepoint a straight COPY runs in. */
  private static final String STRAIGHT = "straight_rows";

  /** The savepoint a plain INSERT that may meet a key already there runs in. */
  private static final String FRESH = "fresh_rows";

  /**
   * The work_mem of the validation and the merge into sales_history: each sort may use this much,
   * each hash PostgreSQL's hash_mem_multiplier times it (2 by default).
   */
  private static final String SORT_MEMORY = "256MB";

  private final Handle h;
  private final String storeId;
  private final String currency;
  private final TaxMode taxMode;
  private String workMem;

  /**
   * An import into {@code store}, whose currency is {@code currency} (ISO code), on the transaction
   * of {@code handle}.
   */
  public PostgresSalesHistoryImport(
      Handle handle, StoreId store, String currency, TaxMode taxMode) {
    this.h = handle;
    this.storeId = store.value();
    this.currency = currency;
    this.taxMode = taxMode;
  }

  /**
   * Scopes the transaction to the store (row-level security) and to the actor the thread acts for
   * (the command line's operator), else {@code retail-import}, and creates the staging table
   * (dropped at commit).
   */
  public void stage() {
    PostgresUnitOfWork.setStoreScopeAndActor(
        h, Set.of(storeId), Acting.actor().orElse("retail-import"));
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
  }

  /** Opens COPY into the staging table; the caller writes rows and ends (or cancels) it. */
  public CopyIn copyIn() {
    try {
      return h.getConnection()
          .unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn("COPY sales_staging (" + STAGING_COLUMNS + ") FROM STDIN");
    } catch (SQLException e) {
      throw new ConnectionException(e);
    }
  }

  /**
   * Validates the staged rows in SQL and writes the first reason that applies to each rejected one
   * (unknown SKU, quantity not positive, negative price, discount or tax, a currency not the
   * store's, a total that does not add up, a receipt line twice in the file).
   *
   * @return how many rows were rejected
   */
  public long validate() {
    // statistics for the planner (row count, nulls, distinct keys), from a small sample: enough
    // for the statements below, at a fraction of a full ANALYZE's cost
    h.execute("SET LOCAL default_statistics_target = 10");
    h.execute("ANALYZE sales_staging (file_line, receipt_id, line, day, sku, reason)");

    // the validation's join and the merge's sort go over every staged row: with the server's
    // default work_mem (4MB) a million rows spill hundreds of megabytes to temporary files
    workMem = h.createQuery("SELECT current_setting('work_mem')").mapTo(String.class).one();
    h.execute("SET LOCAL work_mem = '" + SORT_MEMORY + "'");
    // set-based validation: the first reason that applies, written to the (few) rejected rows only
    return h.createUpdate(
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
  }

  /**
   * Inserts the valid staged rows into {@code sales_history} (a line already imported is skipped),
   * and adds only the rows actually inserted to the analytics aggregates and, with {@code
   * moveStock}, the stock ledger. Call after {@link #validate}.
   */
  public Merged merge(boolean moveStock) {
    if (workMem == null) {
      throw new IllegalStateException("merge before validate: the staged rows are not checked");
    }
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
      inserted = insertFresh(h.createUpdate(insertHistory).bind("s", storeId));
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
      List<String> days = new ArrayList<>();
      for (Map.Entry<String, Long> day : dailySales(source)) {
        days.add(day.getKey());
        receipts += day.getValue();
      }
      productPerformance(source, days);
      if (moveStock) {
        moveStock(source);
      }
    }
    return new Merged(inserted, receipts);
  }

  /**
   * Whether this session may COPY into {@code sales_history} itself: PostgreSQL refuses COPY FROM
   * into a table whose row-level security applies to the session, so only a superuser or a {@code
   * BYPASSRLS} role may; any other takes the staging table.
   */
  public boolean mayCopyStraight() {
    return !h.createQuery("SELECT row_security_active('sales_history')").mapTo(Boolean.class).one();
  }

  /**
   * The days the store has sales history on: a row of the file on one of them may be there already
   * or add to a sale already counted, so such a file takes the staging way. Read by skipping along
   * the index on (store, day), a look-up a day however many lines each holds.
   */
  public Set<LocalDate> daysWithHistory() {
    return new HashSet<>(
        h.createQuery(
                "WITH RECURSIVE d AS (SELECT min(day) AS day FROM sales_history"
                    + " WHERE store_id = :s UNION ALL SELECT (SELECT min(x.day) FROM sales_history x"
                    + " WHERE x.store_id = :s AND x.day > d.day) FROM d WHERE d.day IS NOT NULL)"
                    + " SELECT day FROM d WHERE day IS NOT NULL")
            .bind("s", storeId)
            .mapTo(LocalDate.class)
            .list());
  }

  /**
   * Opens COPY straight into {@code sales_history} ({@link #HISTORY_COLUMNS}), in a savepoint that
   * {@link #keepStraight} releases or {@link #undoStraight} rolls back to.
   */
  public CopyIn copyStraight() {
    h.savepoint(STRAIGHT);
    try {
      return h.getConnection()
          .unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn("COPY sales_history (" + HISTORY_COLUMNS + ") FROM STDIN");
    } catch (SQLException e) {
      throw new ConnectionException(e);
    }
  }

  /** Undoes a straight COPY: nothing of it stays, the staging way can start. */
  public void undoStraight() {
    h.rollbackToSavepoint(STRAIGHT);
  }

  /**
   * Keeps the rows a straight COPY wrote on {@code days} (the file's, new to the store's history)
   * if every SKU among them is known; else undoes the COPY (the staging way then names each unknown
   * SKU) and says so.
   */
  public boolean keepStraight(long rows, Collection<LocalDate> days) {
    Map<String, String> before = planForCopied(rows);
    boolean unknown =
        h.createQuery(
                "SELECT EXISTS (SELECT 1 FROM sales_history x WHERE x.store_id = :s AND x.day = ANY ("
                    + daysArray(days)
                    + ") AND NOT EXISTS (SELECT 1 FROM product_skus p WHERE p.sku = x.sku))")
            .bind("s", storeId)
            .mapTo(Boolean.class)
            .one();
    setLocal(before);
    if (unknown) {
      undoStraight();
      return false;
    }
    h.releaseSavepoint(STRAIGHT);
    return true;
  }

  /**
   * Adds the {@code inserted} lines a straight COPY wrote on {@code days} (the file's, new to the
   * store's history: every receipt and every receipt's SKU is new to its day) to the daily and
   * per-product figures. Call after {@link #keepStraight}.
   */
  public Merged mergeStraight(long inserted, Collection<LocalDate> days) {
    if (inserted == 0) {
      return new Merged(0, 0);
    }
    Map<String, String> before = planForCopied(inserted);
    String source =
        "(SELECT source_receipt_id AS receipt_id, day, sku, quantity, total,"
            + " false AS receipt_known, false AS sku_known FROM sales_history"
            + " WHERE store_id = :s AND day = ANY ("
            + daysArray(days)
            + "))";
    long receipts = 0;
    List<String> added = new ArrayList<>();
    for (Map.Entry<String, Long> day : dailySales(source)) {
      added.add(day.getKey());
      receipts += day.getValue();
    }
    productPerformance(source, added);
    setLocal(before);
    return new Merged(inserted, receipts);
  }

  /** Lines copied from which the planner is told to expect many ({@link #planForCopied}). */
  private static final long MANY = 10_000;

  /** The settings {@link #planForCopied} changes, with what they become. */
  private static final Map<String, String> FOR_MANY =
      Map.of(
          "enable_nestloop", "off",
          "enable_mergejoin", "off",
          "enable_hashagg", "off",
          "work_mem", SORT_MEMORY);

  /**
   * Plans the statements over {@code rows} lines just copied into {@code sales_history}: its
   * statistics do not know them yet (an ANALYZE would lock the table against other imports' until
   * commit), so the planner takes them for a few hundred, and would probe the catalogue once a line
   * and hash a million groups in 4MB. With many, joins hash and groups are sorted in memory (and
   * inserted in key order), the plans the staging way gets from its analyzed table. The settings
   * before, for {@link #setLocal}.
   */
  private Map<String, String> planForCopied(long rows) {
    Map<String, String> before = new HashMap<>();
    if (rows < MANY) {
      return before;
    }
    for (String k : FOR_MANY.keySet()) {
      before.put(
          k, h.createQuery("SELECT current_setting(:k)").bind("k", k).mapTo(String.class).one());
    }
    setLocal(FOR_MANY);
    return before;
  }

  /** Sets {@code settings} for the rest of the transaction (or until set again). */
  private void setLocal(Map<String, String> settings) {
    settings.forEach(
        (k, v) ->
            h.createQuery("SELECT set_config(:k, :v, true)")
                .bind("k", k)
                .bind("v", v)
                .mapTo(String.class)
                .one());
  }

  /** {@code days} as a date[] literal (ISO dates: nothing to escape). */
  private static String daysArray(Collection<LocalDate> days) {
    return days.stream()
        .map(LocalDate::toString)
        .sorted()
        .collect(Collectors.joining(",", "CAST('{", "}' AS date[])"));
  }

  /**
   * The rows the validation rejected, in file order: their file line and the reason. Close the
   * iterator (it streams from the staging table).
   */
  public ResultIterator<Map.Entry<Long, String>> rejectedRows() {
    return h.createQuery(
            "SELECT file_line, reason FROM sales_staging WHERE reason IS NOT NULL"
                + " ORDER BY file_line")
        .setFetchSize(1000)
        .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
        .iterator();
  }

  /**
   * Adds the inserted rows ({@code source}) to {@code sales_analytics_daily}; each day's sales
   * added (the receipts new to their day).
   */
  private List<Map.Entry<String, Long>> dailySales(String source) {
    // a receipt (a receipt's SKU) is one sale of its day unless known: its lines are one group
    // and share the flag, so counting the groups counts the distinct receipts; the sales of
    // the days added up are the receipts new to their day
    return h.createQuery(
            "WITH d AS (SELECT day, count(*) FILTER (WHERE NOT known) AS sales,"
                + " sum(units) AS units, sum(gross) AS gross FROM (SELECT day, receipt_id,"
                + " bool_or(receipt_known) AS known, sum(quantity) AS units,"
                + " sum(total) AS gross FROM "
                + source
                + " i GROUP BY day, receipt_id) r GROUP BY day),"
                + " upsert AS ("
                + AnalyticsSql.addDailySales("SELECT :s, day, :c, sales, units, gross FROM d")
                + ") SELECT day::text, sales FROM d")
        .bind("s", storeId)
        .bind("c", currency)
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
        .list();
  }

  /**
   * Adds the inserted rows ({@code source}) to {@code product_performance}, a row per day and SKU:
   * a plain INSERT when the store has no figures on those days yet, else (or should a day's SKU be
   * there all the same) merged with ON CONFLICT.
   */
  private void productPerformance(String source, List<String> days) {
    // a receipt's lines of one SKU are one group and share the flag: counting the groups counts
    // the distinct receipts that sold the SKU
    String perSku =
        "SELECT :s, day, sku, :c, count(*) FILTER (WHERE NOT known), sum(units),"
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
        && insertFresh(
                h.createUpdate(AnalyticsSql.insertProductPerformance(perSku))
                    .bind("s", storeId)
                    .bind("c", currency))
            >= 0) {
      return;
    }
    h.createUpdate(AnalyticsSql.addProductPerformance(perSku))
        .bind("s", storeId)
        .bind("c", currency)
        .execute();
  }

  /**
   * Runs {@code insert}, a plain INSERT of rows whose keys should not be there yet, in a savepoint;
   * the rows inserted, or -1 when a key was there after all (the insert is undone, to be merged
   * instead).
   */
  private long insertFresh(Update insert) {
    h.savepoint(FRESH);
    try {
      long rows = insert.execute();
      h.releaseSavepoint(FRESH);
      return rows;
    } catch (JdbiException e) {
      if (!SqlStates.uniqueViolation(e)) {
        throw e;
      }
      h.rollbackToSavepoint(FRESH);
      return -1;
    }
  }

  /**
   * Books the inserted lines ({@code source}) as SALE movements on the store's floor, set-based, as
   * the stock ledger writes them: a level row for each SKU, on_hand lowered by the SKU's sum, one
   * movement per line (reference {@code history:<receipt>:<line>}). Stock may go negative: the
   * sales happened.
   */
  private void moveStock(String source) {
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
}
