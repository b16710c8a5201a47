package io.vruksha.benchmarks;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.StoreId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * In-process checkouts of a 3-line basket on PostgreSQL (sale, stock, invoice, journal, points and
 * outbox in one transaction each) at 1 and 8 threads, each thread selling in a store of its own;
 * also 8 threads in one store (every checkout of a store extends one journal chain, so they queue);
 * and two baselines at the same client counts: pgbench's TPC-B on the same server, and {@code
 * sqlfloor}, pgbench replaying the checkout's SQL as it was before the sale-storage change on a
 * database of that schema holding the engine's seeded data. First, on a database of its own, the
 * rows and bytes one checkout stores ({@link CheckoutStorage}).
 */
final class CheckoutEmbedded {

  private CheckoutEmbedded() {}

  static Map<String, String> run(Map<String, String> env, int warmup, int seconds) {
    // what a checkout stores, on a database of its own before the timed rounds
    Map<String, String> out = new LinkedHashMap<>(CheckoutStorage.run(env));
    try (BenchDatabase bench = BenchDatabase.create(env, "vruksha_bench");
        Pgbench pgbench = Pgbench.init(env)) {
      PostgresDatabase db = bench.pool(12);
      db.migrate();
      RetailEngine engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
      List<StoreId> stores = BenchDatabase.seed(engine, 8);
      try (Pgbench sqlfloor = Pgbench.sqlfloor(env, bench)) {
        out.put(
            "checkout_statements", Long.toString(statementsPerCheckout(db, engine, stores.get(7))));
        measure(engine, stores, 8, warmup); // the JIT, before any point
        for (int threads : new int[] {1, 8}) {
          List<StoreId> own = stores.subList(0, threads);
          measure(engine, own, threads, 3); // settle
          // engine and pgbench in alternating rounds, seconds apart: the host's swings hit both
          List<Paired.Round> rounds =
              Paired.measure(
                  Paired.ROUNDS,
                  () -> measure(engine, own, threads, seconds),
                  () -> pgbench.tps(threads, seconds));
          Paired.put(
              out,
              "embedded_tps_" + threads,
              "pgbench_tps_" + threads,
              "embedded_vs_pgbench_" + threads,
              rounds);
          try {
            List<Paired.Round> floor =
                Paired.measure(
                    Paired.ROUNDS,
                    () -> measure(engine, own, threads, seconds),
                    () -> sqlfloor.tps(threads, seconds));
            Paired.put(
                out,
                "embedded_floor_round_tps_" + threads,
                "sqlfloor_tps_" + threads,
                "embedded_vs_sqlfloor_" + threads,
                floor);
          } catch (IllegalStateException e) {
            // the script replays the SQL of the schema it was captured on; on a schema that no
            // longer takes it, the floor is not measured and the other figures still are
            out.put("embedded_vs_sqlfloor_" + threads, "n/a");
            out.put("sqlfloor_error", firstError(e.getMessage()));
          }
        }
        double hot = measure(engine, List.of(stores.get(0)), 8, seconds);
        out.put("embedded_one_store_tps_8", f(hot));
      }
    }
    return out;
  }

  /** The SQL statements one checkout sends (counted by Jdbi over 20 checkouts): its round trips. */
  static long statementsPerCheckout(PostgresDatabase db, RetailEngine engine, StoreId store) {
    AtomicLong statements = new AtomicLong();
    Map<String, Long> bySql = new ConcurrentSkipListMap<>();
    db.jdbi()
        .setSqlLogger(
            new SqlLogger() {
              @Override
              public void logAfterExecution(StatementContext context) {
                statements.incrementAndGet();
                if (Boolean.getBoolean("bench.sql")) { // -Dbench.sql=true: which statements
                  String rendered = context.getRenderedSql(); // null for a plain statement
                  String sql =
                      (rendered == null ? context.getRawSql() : rendered).replaceAll("\\s+", " ");
                  bySql.merge(sql.substring(0, Math.min(90, sql.length())), 1L, Long::sum);
                }
              }
            });
    String run = "count-" + System.nanoTime();
    for (int i = 0; i < 20; i++) {
      engine.checkout(request(store, run + "-" + i), Actor.cashier("bench"));
    }
    db.jdbi().setSqlLogger(SqlLogger.NOP_SQL_LOGGER);
    bySql.forEach((sql, n) -> System.err.printf(Locale.ROOT, "%5.1f  %s%n", n / 20.0, sql));
    return Math.round(statements.get() / 20.0);
  }

  /** The first line of pgbench's output that names an error, or the message's first line. */
  static String firstError(String message) {
    String text = message == null ? "" : message;
    return text.lines()
        .filter(l -> l.contains("ERROR"))
        .findFirst()
        .orElse(text.lines().findFirst().orElse("failed"))
        .trim();
  }

  static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /**
   * Checkouts a second by {@code threads} threads for {@code seconds}, thread i in store i mod n.
   */
  static double measure(RetailEngine engine, List<StoreId> stores, int threads, int seconds) {
    AtomicLong done = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    String run = Long.toString(System.nanoTime(), 36);
    List<Thread> workers = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      StoreId store = stores.get(t % stores.size());
      int thread = t;
      Thread w =
          new Thread(
              () -> {
                long n = 0;
                while (System.nanoTime() < end) {
                  try {
                    engine.checkout(
                        request(store, run + "-" + thread + "-" + n++), Actor.cashier("bench"));
                    done.incrementAndGet();
                  } catch (RuntimeException e) {
                    failed.incrementAndGet();
                  }
                }
              });
      workers.add(w);
      w.start();
    }
    for (Thread w : workers) {
      try {
        w.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (failed.get() > 0) {
      System.err.println("checkout-embedded: " + failed.get() + " checkouts failed");
    }
    return done.get() / ((System.nanoTime() - start) / 1e9);
  }

  static CheckoutRequest request(StoreId store, String key) {
    BasketRequest.Builder basket = BasketRequest.builder(store);
    BenchDatabase.BASKET.forEach(sku -> basket.add(sku, 1));
    return CheckoutRequest.of(key, basket.build(), new Tender.Cash(Money.of("100.00", "EUR")));
  }
}
