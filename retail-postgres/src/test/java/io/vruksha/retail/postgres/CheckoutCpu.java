package io.vruksha.retail.postgres;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.CashRounding;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * CPU per checkout on PostgreSQL, for comparing two builds of the adapter on a busy machine where
 * throughput swings: 3-line checkouts at 1 and 8 threads, each thread in a store of its own, and
 * for each round the CPU the JVM used (the process, and the checkout threads alone) and the CPU the
 * benchmark database's PostgreSQL backends used ({@code /proc/PID/schedstat} of the processes whose
 * title names the database), divided by the checkouts done. A main class, never run by the build:
 * {@code java -cp ... io.vruksha.retail.postgres.CheckoutCpu [seconds] [rounds] [warm-up]}, against
 * the {@code DB_*} server.
 */
final class CheckoutCpu {

  private static final List<String> BASKET = List.of("TEE-M", "MUG", "COFFEE");

  private CheckoutCpu() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    PostgresConfig admin =
        PostgresConfig.from(System.getenv()).withDatabase("postgres").withPoolSize(2);
    String name = "vruksha_cpu_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    execute(admin, "CREATE DATABASE " + name);
    try (PostgresDatabase db =
        PostgresDatabase.connect(admin.withDatabase(name).withPoolSize(12))) {
      db.migrate();
      RetailEngine engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
      List<StoreId> stores = seed(engine, 8);
      measure(engine, stores, 8, warmup, name);
      System.out.println("statements=" + statements(db, engine, stores.get(7)));
      // which statements one pooled connection holds prepared on the server (pgjdbc prepares a
      // statement there from its prepareThreshold-th use on the connection)
      db.jdbi()
          .useHandle(
              h ->
                  h.createQuery(
                          "SELECT generic_plans || '/' || custom_plans || ' '"
                              + " || left(regexp_replace(statement, '\\s+', ' ', 'g'), 70)"
                              + " FROM pg_prepared_statements ORDER BY 1")
                      .mapTo(String.class)
                      .forEach(sql -> System.out.println("prepared: " + sql)));
      for (int r = 0; r < rounds; r++) {
        for (int threads : new int[] {1, 8}) {
          Figures f = measure(engine, stores.subList(0, threads), threads, seconds, name);
          System.out.printf(
              Locale.ROOT,
              "threads=%d checkouts=%d tps=%.0f jvm_us=%.0f jvm_workers_us=%.0f pg_us=%.0f%n",
              threads,
              f.checkouts,
              f.checkouts / (double) seconds,
              f.jvmNanos / 1e3 / f.checkouts,
              f.workerNanos / 1e3 / f.checkouts,
              f.pgNanos / 1e3 / f.checkouts);
        }
      }
    } finally {
      execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  private record Figures(long checkouts, long jvmNanos, long workerNanos, long pgNanos) {}

  /** The statements one checkout sends (the plain ones tell Jdbi's logger too), over 20. */
  private static String statements(PostgresDatabase db, RetailEngine engine, StoreId store) {
    AtomicLong n = new AtomicLong();
    db.jdbi()
        .setSqlLogger(
            new SqlLogger() {
              @Override
              public void logAfterExecution(StatementContext context) {
                n.incrementAndGet();
                if (Boolean.getBoolean("cpu.sql")) {
                  String rendered = context.getRenderedSql(); // null for a plain statement
                  String sql =
                      (rendered == null ? context.getRawSql() : rendered).replaceAll("\\s+", " ");
                  System.out.println("  " + sql.substring(0, Math.min(100, sql.length())));
                }
              }
            });
    String run = "count-" + System.nanoTime();
    for (int i = 0; i < 20; i++) {
      engine.checkout(request(store, run + "-" + i), Actor.cashier("bench"));
    }
    db.jdbi().setSqlLogger(SqlLogger.NOP_SQL_LOGGER);
    return String.format(Locale.ROOT, "%.2f", n.get() / 20.0);
  }

  private static Figures measure(
      RetailEngine engine, List<StoreId> stores, int threads, int seconds, String database)
      throws InterruptedException {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    AtomicLong done = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicLong workerNanos = new AtomicLong();
    String run = Long.toString(System.nanoTime(), 36);
    long pg0 = postgresNanos(database);
    long jvm0 = os.getProcessCpuTime();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      StoreId store = stores.get(t % stores.size());
      int thread = t;
      Thread w =
          new Thread(
              () -> {
                long cpu0 = mx.getCurrentThreadCpuTime();
                long i = 0;
                while (System.nanoTime() < end) {
                  try {
                    engine.checkout(
                        request(store, run + "-" + thread + "-" + i++), Actor.cashier("bench"));
                    done.incrementAndGet();
                  } catch (RuntimeException e) {
                    failed.incrementAndGet();
                  }
                }
                workerNanos.addAndGet(mx.getCurrentThreadCpuTime() - cpu0);
              });
      workers.add(w);
      w.start();
    }
    for (Thread w : workers) {
      w.join();
    }
    long jvm = os.getProcessCpuTime() - jvm0;
    long pg = postgresNanos(database) - pg0;
    if (failed.get() > 0) {
      System.out.println("failed=" + failed.get());
    }
    return new Figures(Math.max(1, done.get()), jvm, workerNanos.get(), pg);
  }

  /** CPU time so far of the PostgreSQL backends connected to {@code database}. */
  private static long postgresNanos(String database) {
    long total = 0;
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path pid : pids) {
        try {
          String title =
              new String(Files.readAllBytes(pid.resolve("cmdline")), StandardCharsets.UTF_8);
          if (title.startsWith("postgres: ") && title.contains(" " + database + " ")) {
            total += Long.parseLong(Files.readString(pid.resolve("schedstat")).split(" ")[0]);
          }
        } catch (IOException | RuntimeException gone) {
          // the process ended while we looked
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return total;
  }

  private static CheckoutRequest request(StoreId store, String key) {
    BasketRequest.Builder basket = BasketRequest.builder(store);
    BASKET.forEach(sku -> basket.add(sku, 1));
    return CheckoutRequest.of(key, basket.build(), new Tender.Cash(Money.of("100.00", "EUR")));
  }

  private static List<StoreId> seed(RetailEngine engine, int stores) {
    DemoStore.seed(engine);
    var tax = engine.taxRules().jurisdictionOf(DemoStore.ID).orElseThrow();
    List<StoreId> ids = new ArrayList<>();
    for (int i = 0; i < stores; i++) {
      StoreId id = StoreId.of("bench-" + i);
      engine
          .stores()
          .save(
              new Store(
                  id, "Bench " + i, DemoStore.EUR, ZoneId.of("Europe/Berlin"), CashRounding.NONE));
      engine.taxRules().assign(id, tax);
      for (String sku : BASKET) {
        engine.stock().receive(StockKey.floor(id, Sku.of(sku)), new BigDecimal("1000000"), "bench");
      }
      ids.add(id);
    }
    return ids;
  }

  private static void execute(PostgresConfig config, String sql) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
