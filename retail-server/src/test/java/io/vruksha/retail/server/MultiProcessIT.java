package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.auth.Principal;
import io.vruksha.retail.auth.Tokens;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.nats.NatsConfig;
import io.vruksha.retail.nats.NatsEvents;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresConfig;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.TestDatabase;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Role;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Three server processes ({@code java ... RetailServer}, exactly as deployed) on one PostgreSQL
 * database and one NATS stream, behind no load balancer: the tests spread requests over them.
 *
 * <ul>
 *   <li>Concurrent checkouts of the last units of a hot SKU through all three never oversell:
 *       exactly as many sales succeed as there were units, the rest are refused 409, and the level
 *       ends at zero, never below.
 *   <li>Invoice numbers stay gapless across processes.
 *   <li>One {@code Idempotency-Key} sent to all three at once makes exactly one sale.
 *   <li>A price changed through one process is charged at once by the other two (their caches are
 *       invalidated through NATS).
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiProcessIT {

  private static final String SECRET = DemoServerTest.SECRET;
  private final List<Process> processes = new ArrayList<>();
  private final List<TestClient> servers = new ArrayList<>();
  private final List<Path> logs = new ArrayList<>();
  private PostgresDatabase db;
  private RetailEngine engine;
  private Map<String, String> env;
  private String cashier;
  private String admin;

  @BeforeAll
  void startThree() throws Exception {
    db = TestDatabase.fresh();
    engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
    DemoStore.seed(engine);
    PostgresConfig pg = TestDatabase.appConfig(); // the servers are the application role
    String run = "MP" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    env = new HashMap<>();
    env.put("DB_HOST", pg.host());
    env.put("DB_PORT", Integer.toString(pg.port()));
    env.put("DB_NAME", pg.database());
    env.put("DB_USER", pg.user());
    env.put("DB_PASSWORD", pg.password());
    env.put("DB_POOL_SIZE", "4"); // three processes beside this JVM's pools, within max_connections
    env.put("NATS_URL", System.getenv().getOrDefault("NATS_URL", "nats://127.0.0.1:4222"));
    env.put("NATS_STREAM", "RETAIL_" + run);
    env.put("NATS_SUBJECT_PREFIX", run.toLowerCase() + ".");
    env.put("JWT_SECRET", SECRET);
    env.put("LOG_LEVEL", "WARN");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (int i = 0; i < 3; i++) {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      Path log = Files.createTempFile("vruksha-server-" + i, ".log");
      logs.add(log);
      ProcessBuilder pb =
          new ProcessBuilder(
                  java,
                  "-Xmx256m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  RetailServer.class.getName())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      pb.environment().putAll(env);
      pb.environment().put("PORT", Integer.toString(port));
      processes.add(pb.start());
      servers.add(new TestClient(port));
    }
    // each process checks the schema is up to date, connects and starts its relay and consumers
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    for (int i = 0; i < 3; i++) {
      while (!ready(servers.get(i))) {
        assertThat(processes.get(i).isAlive())
            .as("server process " + i + " is running: " + Files.readString(logs.get(i)))
            .isTrue();
        assertThat(System.nanoTime())
            .as("server process " + i + " ready: " + Files.readString(logs.get(i)))
            .isLessThan(deadline);
        Thread.sleep(100);
      }
    }
    Tokens tokens = new Tokens(SECRET, Clock.systemUTC());
    cashier = tokens.issueService("anna", Role.CASHIER, Set.of("demo"), Duration.ofHours(1));
    admin =
        tokens.issueService("ops", Role.ADMIN, Set.of(Principal.ALL_STORES), Duration.ofHours(1));
  }

  @AfterAll
  void stopThem() throws Exception {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      p.waitFor();
    }
    try (var nats = NatsEvents.connect(NatsConfig.from(env))) {
      nats.deleteStream();
      nats.deleteCacheBucket();
    }
  }

  private static boolean ready(TestClient server) {
    try {
      return server.get("/ready", null).status() == 200;
    } catch (RuntimeException notYet) {
      return false;
    }
  }

  private static Map<String, Object> sale(String sku, int quantity) {
    return Map.of(
        "lines",
        List.of(Map.of("code", sku, "quantity", Integer.toString(quantity))),
        "tenders",
        List.of(Map.of("type", "CASH", "amount", TestClient.money("100.00"))));
  }

  private BigDecimal onHand(String sku) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT on_hand FROM stock_levels WHERE store_id = 'demo' AND sku = :s"
                            + " AND location_id = 'floor'")
                    .bind("s", sku)
                    .mapTo(BigDecimal.class)
                    .one());
  }

  @Test
  void threeProcessesNeverOversellAndNumberWithoutGaps() throws Exception {
    String sku = "TEE-M";
    StockKey key = StockKey.floor(DemoStore.ID, Sku.of(sku));
    BigDecimal start = onHand(sku);
    int units = 60;
    engine.stock().receive(key, BigDecimal.valueOf(units).subtract(start), "bring to 60");
    assertThat(onHand(sku)).isEqualByComparingTo("60");
    long salesBefore = count("SELECT count(*) FROM pos_transactions");

    int attempts = 150;
    AtomicInteger next = new AtomicInteger();
    Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(24);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 24; t++) {
      done.add(
          pool.submit(
              () -> {
                int i;
                while ((i = next.getAndIncrement()) < attempts) {
                  TestClient.Response r =
                      servers
                          .get(i % 3)
                          .post("/api/v1/stores/demo/sales", cashier, sale(sku, 1), "hot-" + i);
                  answers.computeIfAbsent(r.status(), k -> new AtomicInteger()).incrementAndGet();
                  if (r.status() == 409) {
                    assertThat(r.code()).isEqualTo("stock.insufficient");
                  }
                }
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();

    assertThat(answers.get(201)).as("sales made: " + answers).hasValue(units);
    assertThat(answers.get(409)).as("refused: " + answers).hasValue(attempts - units);
    assertThat(answers.keySet()).containsOnly(201, 409);
    assertThat(onHand(sku)).isEqualByComparingTo("0");
    assertThat(count("SELECT count(*) FROM pos_transactions") - salesBefore).isEqualTo(units);
    List<Long> numbers =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT split_part(number, '-', 3)::bigint FROM invoices"
                                + " WHERE store_id = 'demo' ORDER BY 1")
                        .mapTo(Long.class)
                        .list());
    assertThat(numbers.get(numbers.size() - 1)).as("gapless").isEqualTo(numbers.size());
    assertThat(new HashSet<>(numbers)).hasSize(numbers.size());
  }

  @Test
  void oneKeySentToEveryProcessAtOnceMakesOneSale() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(12);
    for (int k = 0; k < 10; k++) {
      String idem = "everywhere-" + k;
      List<Callable<TestClient.Response>> sends = new ArrayList<>();
      for (int copy = 0; copy < 12; copy++) {
        TestClient to = servers.get(copy % 3);
        sends.add(() -> to.post("/api/v1/stores/demo/sales", cashier, sale("MUG", 1), idem));
      }
      Set<String> saleIds = new HashSet<>();
      for (Future<TestClient.Response> f : pool.invokeAll(sends)) {
        TestClient.Response r = f.get();
        if (r.status() == 201 || r.status() == 200) {
          saleIds.add(r.data().get("id").asText());
        } else {
          // a copy still in flight elsewhere is told to retry, never sold twice
          assertThat(r.status()).as(r.toString()).isEqualTo(409);
          assertThat(r.code()).as(r.toString()).startsWith("idempotency.");
        }
      }
      assertThat(saleIds).as("sales answered for key " + idem).hasSize(1);
      String id = saleIds.iterator().next();
      assertThat(count("SELECT count(*) FROM pos_transactions WHERE sale_id = '" + id + "'"))
          .isEqualTo(1L);
    }
    pool.shutdown();
    assertThat(count("SELECT count(*) FROM pos_transactions WHERE number IS NOT NULL"))
        .isEqualTo(count("SELECT count(*) FROM invoices"));
  }

  @Test
  void aPriceChangedThroughOneProcessIsChargedByTheOthersAtOnce() throws Exception {
    // each process prices the mug once, so each has it in its caches
    for (TestClient s : servers) {
      assertThat(price(s)).isEqualByComparingTo("4.99");
    }
    long changed = System.nanoTime();
    TestClient.Response set =
        servers
            .get(0)
            .post(
                "/api/v1/price-lists/retail/prices",
                admin,
                Map.of("sku", "MUG", "price", TestClient.money("5.49")));
    assertThat(set.status()).as(set.toString()).isEqualTo(201);
    for (TestClient s : servers.subList(1, 3)) {
      ServerContract.await(
          () -> price(s).compareTo(new BigDecimal("5.49")) == 0,
          "the new price is charged by another process");
    }
    // not after a cache's time to live (30 s), but as soon as the change is told over NATS
    assertThat(Duration.ofNanos(System.nanoTime() - changed)).isLessThan(Duration.ofSeconds(2));
  }

  private BigDecimal price(TestClient s) {
    TestClient.Response r =
        s.post(
            "/api/v1/stores/demo/baskets/price",
            cashier,
            Map.of("lines", List.of(Map.of("code", "MUG", "quantity", "1"))));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return new BigDecimal(r.data().get("total").get("amount").asText());
  }

  private long count(String sql) {
    return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }
}
