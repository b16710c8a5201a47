package io.vruksha.benchmarks;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.sqlite.SqliteAdapters;
import io.vruksha.retail.sqlite.SqliteDatabase;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.StoreId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A till's checkout on its durable SQLite store (one thread, as one till sells: a 3-line basket,
 * sale, stock, invoice, journal, points and outbox in one durable transaction), against SQLite's
 * own insert rate for the same rows: as many rows a transaction, of the same size on the file, with
 * the same settings (WAL, {@code synchronous=FULL}), inserted by plain JDBC. Both on files in one
 * temporary folder, in alternating rounds.
 */
final class CheckoutTill {

  private CheckoutTill() {}

  static Map<String, String> run(int warmup, int seconds) {
    Map<String, String> out = new LinkedHashMap<>();
    Path dir;
    try {
      dir = Files.createTempDirectory("vruksha-till-bench");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("till.db"))) {
      RetailEngine engine = SqliteAdapters.use(db, DemoStore.engineBuilder()).till("T01").build();
      List<StoreId> stores = BenchDatabase.seed(engine, 1);
      StoreId store = stores.get(0);
      // what one checkout writes: rows changed and bytes the file grows by, over 200 checkouts
      long changes = db.changes();
      long bytes = db.fileBytes();
      for (int i = 0; i < 200; i++) {
        engine.checkout(CheckoutEmbedded.request(store, "size-" + i), Actor.cashier("bench"));
      }
      double rows = (db.changes() - changes) / 200.0;
      double rowBytes = (db.fileBytes() - bytes) / 200.0 / rows;
      out.put("till_rows_per_checkout", CheckoutEmbedded.f(rows));
      out.put("till_bytes_per_checkout", CheckoutEmbedded.f(rows * rowBytes));
      int perTransaction = (int) Math.round(rows);
      int size = Math.max(16, (int) Math.round(rowBytes));
      try (Floor floor = new Floor(dir.resolve("floor.db"), perTransaction, size)) {
        measure(engine, store, warmup);
        floor.measure(3);
        List<Paired.Round> rounds =
            Paired.measure(
                Paired.ROUNDS, () -> measure(engine, store, seconds), () -> floor.measure(seconds));
        Paired.put(
            out, "till_checkout_tps_1", "sqlite_insert_tps_1", "till_vs_sqlite_insert_1", rounds);
      }
    } finally {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
        Files.deleteIfExists(dir);
      } catch (IOException ignored) {
        // a temporary folder
      }
    }
    return out;
  }

  /** Checkouts a second on one thread for {@code seconds}. */
  static double measure(RetailEngine engine, StoreId store, int seconds) {
    String run = Long.toString(System.nanoTime(), 36);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long start = System.nanoTime();
    long done = 0;
    while (System.nanoTime() < end) {
      engine.checkout(CheckoutEmbedded.request(store, run + "-" + done), Actor.cashier("bench"));
      done++;
    }
    return done / ((System.nanoTime() - start) / 1e9);
  }

  /** SQLite's floor: the checkout's rows as plain inserts, one durable transaction a checkout. */
  private static final class Floor implements AutoCloseable {
    private final Connection c;
    private final int rows;
    private final byte[] body;

    Floor(Path file, int rows, int size) {
      this.rows = rows;
      this.body = new byte[size];
      ThreadLocalRandom.current().nextBytes(body);
      try {
        c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
          s.execute("PRAGMA journal_mode=WAL");
          s.execute("PRAGMA synchronous=FULL");
          s.execute(
              "CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, k TEXT NOT NULL,"
                  + " body BLOB NOT NULL)");
        }
        c.setAutoCommit(false);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    double measure(int seconds) {
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      long start = System.nanoTime();
      long done = 0;
      try (PreparedStatement insert =
          c.prepareStatement("INSERT INTO rows (k, body) VALUES (?, ?)")) {
        while (System.nanoTime() < end) {
          for (int i = 0; i < rows; i++) {
            insert.setString(1, "k-" + done + "-" + i);
            insert.setBytes(2, body);
            insert.executeUpdate();
          }
          c.commit();
          done++;
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return done / ((System.nanoTime() - start) / 1e9);
    }

    @Override
    public void close() {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing
      }
    }
  }
}
