package io.vruksha.benchmarks;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresConfig;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.StoreId;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one 3-line checkout stores in PostgreSQL: the rows each table gains and their bytes. On a
 * fresh database with one store, after 10 checkouts that make the store's one-off rows (its
 * document counter, its journal head), 100 checkouts run with nothing else: no relay and no
 * reactions, so no row they write is deleted before it is counted. Which tables gained rows, and
 * how many rows were inserted, updated and deleted, comes from PostgreSQL's own counters ({@code
 * pg_stat_user_tables}); the bytes are {@code sum(pg_column_size(t.*))} over each table before and
 * after, so the figure follows whatever shape the storage takes.
 */
final class CheckoutStorage {

  /** Checkouts measured. */
  static final int CHECKOUTS = 100;

  private CheckoutStorage() {}

  /** One table's counters and contents at one moment. */
  record Table(long inserted, long updated, long deleted, long rows, long bytes, long disk) {}

  static Map<String, String> run(Map<String, String> env) {
    try (BenchDatabase bench = BenchDatabase.create(env, "vruksha_rows")) {
      PostgresDatabase db = bench.pool(2);
      db.migrate();
      RetailEngine engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
      StoreId store = BenchDatabase.seed(engine, 1).get(0);
      String run = "rows-" + Long.toString(System.nanoTime(), 36);
      for (int i = 0; i < 10; i++) {
        engine.checkout(
            CheckoutEmbedded.request(store, run + "-first-" + i), Actor.cashier("bench"));
      }
      Map<String, Table> before = settled(bench.config);
      for (int i = 0; i < CHECKOUTS; i++) {
        engine.checkout(CheckoutEmbedded.request(store, run + "-" + i), Actor.cashier("bench"));
      }
      return figures(before, settled(bench.config), CHECKOUTS);
    }
  }

  private static final Table EMPTY = new Table(0, 0, 0, 0, 0, 0);

  /**
   * The figures of {@code checkouts} checkouts between two readings: per table that gained or lost
   * rows {@code checkout_rows_<table>} (inserted) and {@code checkout_bytes_<table>}; the totals
   * {@code checkout_rows_inserted}, {@code checkout_rows_updated}, {@code checkout_rows_deleted},
   * {@code checkout_bytes}; and {@code checkout_disk_bytes}, what the tables with their indexes
   * grew by on disk.
   */
  static Map<String, String> figures(
      Map<String, Table> before, Map<String, Table> after, int checkouts) {
    Map<String, String> out = new LinkedHashMap<>();
    Map<String, String> perTable = new LinkedHashMap<>();
    double inserted = 0;
    double updated = 0;
    double deleted = 0;
    double bytes = 0;
    double disk = 0;
    for (var e : after.entrySet()) {
      Table a = e.getValue();
      Table b = before.getOrDefault(e.getKey(), EMPTY);
      double ins = (a.inserted() - b.inserted()) / (double) checkouts;
      double byt = (a.bytes() - b.bytes()) / (double) checkouts;
      inserted += ins;
      updated += (a.updated() - b.updated()) / (double) checkouts;
      deleted += (a.deleted() - b.deleted()) / (double) checkouts;
      bytes += byt;
      disk += (a.disk() - b.disk()) / (double) checkouts;
      if (ins != 0 || a.rows() != b.rows()) {
        perTable.put("checkout_rows_" + e.getKey(), String.format(Locale.ROOT, "%.2f", ins));
        perTable.put("checkout_bytes_" + e.getKey(), String.format(Locale.ROOT, "%.0f", byt));
      }
    }
    out.put("checkout_rows_inserted", String.format(Locale.ROOT, "%.1f", inserted));
    out.put("checkout_rows_updated", String.format(Locale.ROOT, "%.1f", updated));
    out.put("checkout_rows_deleted", String.format(Locale.ROOT, "%.1f", deleted));
    out.put("checkout_bytes", String.format(Locale.ROOT, "%.0f", bytes));
    out.put("checkout_disk_bytes", String.format(Locale.ROOT, "%.0f", disk));
    out.putAll(perTable);
    return out;
  }

  /**
   * The tables once PostgreSQL's counters cover every row and hold still: a backend reports its
   * counts a moment after its transactions, not at commit. Nothing deletes rows here, so a table's
   * count of inserted rows is at least the rows it holds once every insert is reported.
   */
  private static Map<String, Table> settled(PostgresConfig config) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    Map<String, Table> last = tables(config);
    while (System.nanoTime() < deadline) {
      sleep(1_200);
      Map<String, Table> now = tables(config);
      if (now.equals(last) && now.values().stream().allMatch(t -> t.inserted() >= t.rows())) {
        return now;
      }
      last = now;
    }
    System.err.println(
        "checkout-storage: PostgreSQL's counters did not cover every row in 30 s; the rows"
            + " figures may be off");
    return last;
  }

  /** Every user table: its counters, its rows, the bytes of its rows and its size on disk. */
  static Map<String, Table> tables(PostgresConfig config) {
    return BenchDatabase.query(
        config,
        s -> {
          List<String[]> names = new ArrayList<>();
          try (ResultSet r =
              s.executeQuery(
                  "SELECT relname, relid::regclass::text, n_tup_ins, n_tup_upd, n_tup_del,"
                      + " pg_total_relation_size(relid) FROM pg_stat_user_tables")) {
            while (r.next()) {
              names.add(
                  new String[] {
                    r.getString(1),
                    r.getString(2),
                    r.getString(3),
                    r.getString(4),
                    r.getString(5),
                    r.getString(6)
                  });
            }
          }
          Map<String, Table> out = new TreeMap<>();
          for (String[] n : names) {
            try (ResultSet r =
                s.executeQuery(
                    "SELECT count(*), coalesce(sum(pg_column_size(t.*)), 0) FROM " + n[1] + " t")) {
              r.next();
              out.put(
                  n[0],
                  new Table(
                      Long.parseLong(n[2]),
                      Long.parseLong(n[3]),
                      Long.parseLong(n[4]),
                      r.getLong(1),
                      r.getLong(2),
                      Long.parseLong(n[5])));
            }
          }
          return out;
        });
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
