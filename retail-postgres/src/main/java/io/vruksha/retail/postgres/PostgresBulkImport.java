package io.vruksha.retail.postgres;

import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.Acting;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The set-based write path of a bulk master-data import (products, prices, customers, stock): rows
 * are streamed with PostgreSQL's COPY into a temporary staging table, validated in SQL, and merged
 * with a few {@code INSERT ... SELECT} / {@code UPDATE ... FROM} statements that write exactly what
 * the engine's ports write row by row: the same documents, {@code audit_log} rows, price history,
 * stock movements and levels, and outbox events in the same JSON (a customer created, stock
 * updated, stock low).
 *
 * <p>One instance works on one session ({@code handle}) for the whole import: the staging table
 * holds one chunk of rows at a time, and the keys seen so far (to reject a key's second row in the
 * file, whatever chunk it is in) stay in a temporary table until the session ends. The caller runs
 * each chunk in a transaction of its own: {@link #begin()}, {@link #stage()} the rows, {@link
 * #apply()}, {@link #rejects}, then commit (or roll back, for a dry run). Memory stays bounded by
 * the COPY buffer, whatever the file's size. Not thread-safe.
 */
public final class PostgresBulkImport {

  /** What is imported. */
  public enum Kind {
    /** One variant a row, upserted into its product by product id. */
    PRODUCTS(
        "product_id text, sku text, header jsonb, has_cost boolean, gtins text[],"
            + " codes text[], category_name text",
        List.of("products", "product_skus", "product_barcodes")),
    /** One price a row, upserted by price list and SKU, with its price history. */
    PRICES(
        "list_id text, sku text, price numeric, currency text, before_price numeric",
        List.of("prices", "price_history")),
    /** One customer a row, created (with its event) or updated by id. */
    CUSTOMERS(
        "customer_id text, email text, created jsonb, patch jsonb, before jsonb, after jsonb",
        List.of("customers")),
    /** One stock movement a row: a receipt, or with counting the counted level. */
    STOCK(
        "location_id text, sku text, quantity numeric, reference text, change numeric,"
            + " on_hand numeric(19,3)",
        List.of("stock_movements", "stock_levels"));

    private final String columns;
    private final List<String> tables;

    Kind(String columns, List<String> tables) {
      this.columns = columns;
      this.tables = tables;
    }

    private List<String> names() {
      List<String> names = new ArrayList<>();
      for (String c : columns.split(",(?![^(]*\\))")) {
        names.add(c.strip().split(" ")[0]);
      }
      return names;
    }
  }

  /**
   * What an import is for.
   *
   * @param store the store (stock, events and the row-level-security scope)
   * @param currency the store's currency
   * @param pricesIncludeTax whether a price list the import creates holds gross prices
   * @param counting stock only: each row is the counted level (a COUNT), not a receipt
   * @param createCategories products only: a category a row names (its {@code category_name}
   *     staged) that is not in the catalogue is created, a root category with that name
   */
  public record Options(
      StoreId store,
      Currency currency,
      boolean pricesIncludeTax,
      boolean counting,
      boolean createCategories) {

    /** Options that create no categories. */
    public Options(StoreId store, Currency currency, boolean pricesIncludeTax, boolean counting) {
      this(store, currency, pricesIncludeTax, counting, false);
    }
  }

  /** The rows a chunk imported and skipped (already there, or unchanged). */
  public record Counts(long imported, long skipped) {}

  /** A row the import rejected, with its line, the reason and its original columns. */
  public record Reject(long line, String reason, List<String> original) {}

  /** Receives the rejected rows of a chunk, in file order. */
  @FunctionalInterface
  public interface RejectSink {
    /** Takes one rejected row. */
    void accept(Reject reject) throws IOException;
  }

  /** The characters of COPY data encoded before they are handed on. */
  private static final int CHUNK = 1 << 20;

  private final Handle h;
  private final Kind kind;
  private final Options options;
  private final BulkImportMerges merges;
  private CopyIn copy;

  /**
   * The memory a session's temporary tables may take in PostgreSQL's local buffers during an import
   * ({@code temp_buffers}; the server's default is 8MB). A chunk of staged products, the keys of a
   * million-row file or a million staged sales lines are tens to hundreds of megabytes: with 8MB
   * they are written out to disk and read back by every statement. Local buffers are allocated as
   * they are used, so a small import takes little of it; once taken, the memory stays with the
   * database session until it ends.
   */
  public static final String STAGING_BUFFERS = "256MB";

  /** PostgreSQL's SQLSTATE for a setting it refuses (invalid_parameter_value). */
  private static final String REFUSED = "22023";

  /**
   * Lets the session of {@code handle} keep its temporary tables in memory, up to {@link
   * #STAGING_BUFFERS}; returns whether the session has that setting now. PostgreSQL changes it only
   * before the session's first temporary table (setting the value it already has is accepted), so
   * on a session that had one with less, the setting stays as it was and this returns false. In a
   * running transaction the attempt is made in a savepoint, so a refusal leaves the transaction
   * usable.
   *
   * <p>It is a session setting, not a transaction's: a pooled connection keeps it, and the local
   * buffers it filled, after the import, until the connection is closed. The CLI's pool ends with
   * the command; an embedding program that runs imports on a long-lived pool may want a pool of its
   * own for them.
   */
  public static boolean keepStagingInMemory(Handle handle) {
    String set = "SET temp_buffers = '" + STAGING_BUFFERS + "'";
    boolean inTransaction = handle.isInTransaction();
    String savepoint = "staging_buffers";
    if (inTransaction) {
      handle.savepoint(savepoint);
    }
    try {
      handle.execute(set);
      if (inTransaction) {
        handle.releaseSavepoint(savepoint);
      }
      return true;
    } catch (UnableToExecuteStatementException e) {
      if (!(e.getCause() instanceof SQLException sql) || !REFUSED.equals(sql.getSQLState())) {
        throw e;
      }
      if (inTransaction) {
        handle.rollbackToSavepoint(savepoint);
      }
      return false;
    }
  }

  /**
   * An import of {@code kind} on the session of {@code handle}; creates its temporary tables, in
   * memory where the session allows ({@link #keepStagingInMemory}).
   */
  public PostgresBulkImport(Handle handle, Kind kind, Options options) {
    this.h = handle;
    this.kind = kind;
    this.options = options;
    this.merges = new BulkImportMerges(handle, options);
    keepStagingInMemory(h);
    h.execute("DROP TABLE IF EXISTS pg_temp.import_staging, pg_temp.import_keys");
    h.execute(
        "CREATE TEMPORARY TABLE import_staging (file_line bigint NOT NULL, original text[],"
            + " dup_key text, reason text, status text, "
            + kind.columns
            + ")");
    h.execute("CREATE TEMPORARY TABLE import_keys (key text PRIMARY KEY, first_line bigint)");
  }

  /** The stored JSON form of an engine value, as the Postgres adapters write it. */
  public static String json(Object value) {
    return DocumentJson.write(value);
  }

  /**
   * Starts a chunk in the handle's running transaction: scopes it to the store (row-level security)
   * and to the actor the thread acts for (the command line's operator), else {@code retail-import}
   * (audit_log), empties the staging table and opens COPY.
   */
  public void begin() {
    PostgresUnitOfWork.setStoreScopeAndActor(
        h, Set.of(options.store().value()), Acting.actor().orElse("retail-import"));
    h.execute("TRUNCATE import_staging");
    List<String> columns = new ArrayList<>(List.of("file_line", "original", "dup_key", "reason"));
    List<String> own = kind.names();
    own.removeAll(List.of("before_price", "before", "after", "change", "on_hand"));
    columns.addAll(own);
    try {
      copy =
          h.getConnection()
              .unwrap(PGConnection.class)
              .getCopyAPI()
              .copyIn("COPY import_staging (" + String.join(", ", columns) + ") FROM STDIN");
    } catch (SQLException e) {
      throw new ConnectionException(e);
    }
  }

  /**
   * Encodes staged rows in COPY's text format, for {@link #write}: used by the thread that reads
   * the file, while the session runs the previous chunk's statements. Not thread-safe.
   */
  public static final class Rows {
    private final Kind kind;
    private final StringBuilder buffer = new StringBuilder(CHUNK + 8192);
    private long rows;

    /** An encoder of {@code kind}'s rows. */
    public Rows(Kind kind) {
      this.kind = kind;
    }

    /**
     * Stages a row that was read and parsed: {@code values} in the order of the kind's columns
     * (products: product_id, sku, header, has_cost, gtins, codes, category_name (the name of a
     * category to create when it is missing, or null); prices: list_id, sku, price, currency;
     * customers: customer_id, email, created, patch; stock: location_id, sku, quantity, reference),
     * each a String (text or JSON), BigDecimal, Boolean, List of Strings (an array) or null.
     */
    public void row(long line, List<String> original, String key, Object... values) {
      buffer.append(line).append('\t');
      array(original);
      buffer.append('\t');
      text(key);
      buffer.append("\t\\N");
      for (Object v : values) {
        buffer.append('\t');
        value(v);
      }
      buffer.append('\n');
      rows++;
    }

    /** Stages a row rejected before it reached the database (unreadable, invalid). */
    public void rejected(long line, List<String> original, String reason) {
      buffer.append(line).append('\t');
      array(original);
      buffer.append("\t\\N\t");
      text(reason);
      for (int i = 0; i < kind.names().size() - extraColumns(); i++) {
        buffer.append("\t\\N");
      }
      buffer.append('\n');
      rows++;
    }

    private int extraColumns() {
      return switch (kind) {
        case PRICES -> 1;
        case CUSTOMERS, STOCK -> 2;
        case PRODUCTS -> 0;
      };
    }

    /** The rows encoded so far. */
    public long rows() {
      return rows;
    }

    /** The characters waiting to be taken. */
    public int pending() {
      return buffer.length();
    }

    /** The COPY data encoded since the last call, as UTF-8. */
    public byte[] take() {
      byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
      buffer.setLength(0);
      return bytes;
    }

    private void value(Object v) {
      if (v == null) {
        buffer.append("\\N");
      } else if (v instanceof String s) {
        text(s);
      } else if (v instanceof BigDecimal d) {
        buffer.append(d.toString());
      } else if (v instanceof Boolean b) {
        buffer.append(b ? 't' : 'f');
      } else if (v instanceof List<?> list) {
        @SuppressWarnings("unchecked")
        List<String> strings = (List<String>) list;
        array(strings);
      } else {
        throw new IllegalArgumentException("cannot stage a " + v.getClass().getSimpleName());
      }
    }

    /** An array literal {"a","b"}, escaped for COPY's text format. */
    private void array(List<String> values) {
      if (values == null) {
        buffer.append("\\N");
        return;
      }
      StringBuilder literal = new StringBuilder("{");
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          literal.append(',');
        }
        String s = values.get(i);
        if (s == null) {
          literal.append("NULL");
          continue;
        }
        literal.append('"');
        for (int j = 0; j < s.length(); j++) {
          char c = s.charAt(j);
          if (c == '"' || c == '\\') {
            literal.append('\\');
          }
          literal.append(c);
        }
        literal.append('"');
      }
      text(literal.append('}').toString());
    }

    private void text(String s) {
      if (s == null) {
        buffer.append("\\N");
        return;
      }
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '\\' -> buffer.append("\\\\");
          case '\t' -> buffer.append("\\t");
          case '\n' -> buffer.append("\\n");
          case '\r' -> buffer.append("\\r");
          default -> buffer.append(c);
        }
      }
    }
  }

  /** Sends encoded rows to the chunk's COPY. */
  public void write(byte[] bytes) {
    if (bytes.length == 0) {
      return;
    }
    try {
      copy.writeToCopy(bytes, 0, bytes.length);
    } catch (SQLException e) {
      throw new ConnectionException(e);
    }
  }

  /** Abandons the chunk's COPY (the caller rolls the transaction back). */
  public void cancel() {
    if (copy != null && copy.isActive()) {
      try {
        copy.cancelCopy();
      } catch (SQLException ignored) {
        // the transaction rolls back anyway
      }
    }
    copy = null;
  }

  /**
   * Ends the chunk's COPY, then validates and merges it: a key's second row in the file is
   * rejected, then the kind's own checks, then the good rows are written.
   */
  public Counts apply() {
    try {
      copy.endCopy();
    } catch (SQLException e) {
      throw new ConnectionException(e);
    }
    copy = null;
    rejectDuplicates();
    Counts counts;
    if (kind == Kind.PRODUCTS) {
      counts = merges.products();
    } else {
      switch (kind) {
        case PRICES -> merges.prices();
        case CUSTOMERS -> merges.customers();
        default -> merges.stock();
      }
      counts =
          h.createQuery(
                  "SELECT count(*) FILTER (WHERE status = 'imported'),"
                      + " count(*) FILTER (WHERE status = 'skipped') FROM import_staging"
                      + " WHERE reason IS NULL")
              .map((rs, ctx) -> new Counts(rs.getLong(1), rs.getLong(2)))
              .one();
    }
    keepStatisticsCurrent(counts.imported());
    return counts;
  }

  /**
   * Analyzes the tables the import writes each time they have grown by more than the planner knew
   * of them: a catalogue that went from nothing to 50,000 products in one chunk must not be planned
   * as empty for the next (autovacuum would catch up only later). A few times per import (the table
   * doubles each time), not per chunk.
   */
  private void keepStatisticsCurrent(long imported) {
    if (known < 0) {
      known =
          h.createQuery(
                  "SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = CAST(:t AS regclass)")
              .bind("t", kind.tables.get(0))
              .mapTo(Long.class)
              .one();
    }
    grown += imported;
    if (grown > Math.max(known, 1000)) {
      for (String table : kind.tables) {
        h.execute("ANALYZE " + table);
      }
      known += grown;
      grown = 0;
    }
  }

  private long known = -1;
  private long grown;

  /** Hands the chunk's rejected rows to {@code sink} in file order; returns how many. */
  public long rejects(RejectSink sink) throws IOException {
    long n = 0;
    try (var rows =
        h.createQuery(
                "SELECT file_line, reason, original FROM import_staging WHERE reason IS NOT NULL"
                    + " ORDER BY file_line")
            .setFetchSize(1000)
            .map(
                (rs, ctx) -> {
                  Array a = rs.getArray(3);
                  List<String> original =
                      a == null ? List.of() : Arrays.asList((String[]) a.getArray());
                  return new Reject(rs.getLong(1), rs.getString(2), original);
                })
            .iterator()) {
      while (rows.hasNext()) {
        sink.accept(rows.next());
        n++;
      }
    }
    return n;
  }

  private void rejectDuplicates() {
    h.execute(
        "UPDATE import_staging s SET reason = 'duplicate ' || s.dup_key || ': already on line '"
            + " || d.first_line FROM (SELECT st.file_line, coalesce(k.first_line,"
            + " min(st.file_line) OVER (PARTITION BY st.dup_key)) AS first_line"
            + " FROM import_staging st LEFT JOIN import_keys k ON k.key = st.dup_key"
            + " WHERE st.reason IS NULL) d"
            + " WHERE s.file_line = d.file_line AND d.first_line < s.file_line");
    h.execute(
        "INSERT INTO import_keys (key, first_line) SELECT dup_key, min(file_line)"
            + " FROM import_staging WHERE dup_key IS NOT NULL GROUP BY dup_key"
            + " ON CONFLICT (key) DO NOTHING");
  }

  /** The categories the import created so far, in the order created. */
  public List<String> createdCategories() {
    return merges.createdCategories();
  }

  /** The categories imported products name that the catalogue does not have, sorted. */
  public List<String> unknownCategories() {
    return merges.unknownCategories();
  }
}
