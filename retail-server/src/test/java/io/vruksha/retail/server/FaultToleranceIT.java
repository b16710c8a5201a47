package io.vruksha.retail.server;

import static io.vruksha.retail.server.FaultChecks.awaitAnalytics;
import static io.vruksha.retail.server.FaultChecks.awaitOutboxSent;
import static io.vruksha.retail.server.FaultChecks.checkStream;
import static io.vruksha.retail.server.FaultChecks.createDatabase;
import static io.vruksha.retail.server.FaultChecks.pause;
import static io.vruksha.retail.server.FaultChecks.recordCommittedEvents;
import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.EngineHost;
import io.vruksha.retail.invoicing.FiscalJournal;
import io.vruksha.retail.nats.NatsConfig;
import io.vruksha.retail.nats.PrivateNatsServer;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresConfig;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.PrivatePostgres;
import io.vruksha.retail.sale.FiscalRecords;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Role;
import io.vruksha.retail.store.StaffMember;
import java.math.BigDecimal;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Sales over HTTP while the dependencies fail under them. A server in database mode runs on a
 * PostgreSQL and a nats-server of the test's own; {@value #CLIENTS} tills sell {@code faults.sales}
 * baskets (at least 1,000 by default, and on until the last outage is over; {@code
 * scripts/reliability.sh} runs 10,000), each retried under its own {@code Idempotency-Key} until it
 * is acknowledged, while the nats-server is stopped or killed {@code faults.natsOutages} times (5)
 * and PostgreSQL is crashed ({@code pg_ctl stop -m immediate}) {@code faults.pgOutages} times (2).
 * Then:
 *
 * <ul>
 *   <li>every acknowledged sale is in the database, once, with its invoice, payment, journal entry
 *       and stock movements, and nothing else was sold (no lost sale, no partial sale, no
 *       duplicate);
 *   <li>invoice numbers run 1..N without a gap, the journal chain verifies and every invoice and
 *       sale row agrees with it;
 *   <li>every outbox event reached the stream exactly once per id, and the analytics reaction
 *       counted every sale exactly once;
 *   <li>while PostgreSQL was down, sales were answered 503 and {@code /ready} said so; while NATS
 *       was down, sales went on; after each outage the server recovered by itself; nothing was ever
 *       answered 500.
 * </ul>
 */
class FaultToleranceIT {

  static final int SALES = Integer.getInteger("faults.sales", 1000);
  static final int NATS_OUTAGES = Integer.getInteger("faults.natsOutages", 5);
  static final int PG_OUTAGES = Integer.getInteger("faults.pgOutages", 2);
  static final int CLIENTS = 8;
  static final String PATH = "/api/v1/stores/demo/sales";
  static final List<String> SKUS = List.of("MUG", "TEE-M", "COFFEE");
  static final BigDecimal OPENING = new BigDecimal("1000000");

  record Ack(String saleId, String number, Map<String, Integer> units) {}

  private final Map<String, Ack> acks = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> surprises = new ConcurrentLinkedQueue<>();
  private final AtomicLong transportErrors = new AtomicLong();
  private volatile String phase = "steady";
  private volatile boolean faultsDone;

  @Test
  void salesSurviveNatsAndPostgresOutages() throws Exception {
    try (PrivatePostgres pg = PrivatePostgres.start();
        PrivateNatsServer nats = new PrivateNatsServer()) {
      nats.start();
      createDatabase(pg.config("postgres"), "retail");
      PostgresConfig cfg = pg.config("retail");
      // the owner migrates and seeds; the server is a login role in vruksha_app, as in production
      try (PostgresDatabase owner = PostgresDatabase.connect(cfg.withPoolSize(2))) {
        owner.migrate();
        owner.jdbi().useHandle(h -> h.execute("CREATE ROLE vruksha_ft LOGIN IN ROLE vruksha_app"));
        recordCommittedEvents(cfg);
        var office = PostgresAdapters.use(owner, DemoStore.engineBuilder()).build();
        DemoStore.seed(office);
        office
            .workforce()
            .staff()
            .save(new StaffMember("anna", "Anna", DemoStore.ID, Role.CASHIER));
        for (String sku : SKUS) {
          office.stock().receive(StockKey.floor(DemoStore.ID, Sku.of(sku)), OPENING, "opening");
        }
      }
      Map<String, String> env = new HashMap<>();
      env.put("DB_HOST", cfg.host());
      env.put("DB_PORT", Integer.toString(cfg.port()));
      env.put("DB_NAME", cfg.database());
      env.put("DB_USER", "vruksha_ft");
      env.put("NATS_URL", nats.url());
      env.put("JWT_SECRET", DemoServerTest.SECRET);
      env.put("PORT", "0");
      env.put("RATE_LIMIT_PER_TOKEN", "10000000");
      env.put("RATE_LIMIT_PER_IP", "10000000");
      env.put("LOG_LEVEL", "ERROR");
      env.put("DB_CONNECT_TIMEOUT", "5"); // a 503 within 5 s of the database going away

      try (RetailServer server = RetailServer.start(ServerConfig.from(env), env)) {
        Map<String, BigDecimal> before = onHand(cfg);
        String token =
            server
                .context()
                .tokens()
                .issueService("anna", Role.CASHIER, Set.of("demo"), Duration.ofHours(2));
        TestClient client = new TestClient(server);
        assertThat(client.get("/ready", null).status()).isEqualTo(200);

        long started = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        ExecutorService tills = Executors.newFixedThreadPool(CLIENTS);
        for (int t = 0; t < CLIENTS; t++) {
          tills.submit(
              () -> {
                try {
                  sell(client, token, next);
                } catch (RuntimeException | Error e) {
                  surprises.add("a till failed: " + e);
                }
              });
        }
        List<String> outages;
        try {
          outages = chaos(client, pg, nats);
        } finally {
          faultsDone = true;
        }
        tills.shutdown();
        assertThat(tills.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(surprises).as("answers other than 201 and 503").isEmpty();
        assertThat(statuses).doesNotContainKey("steady 500").doesNotContainKey("pg-down 500");
        int sold = acks.size();
        assertThat(sold).isGreaterThanOrEqualTo(SALES);
        for (String o : outages) {
          System.out.println("outage: " + o);
        }

        PostgresDatabase db = PostgresDatabase.connect(cfg.withPoolSize(2));
        try {
          awaitOutboxSent(db);
          checkSales(db, before, cfg);
          long published = checkStream(db, nats.url(), NatsConfig.from(env));
          awaitAnalytics(db, sold);
          System.out.printf(
              "faults: sales=%d (at least %d) natsOutages=%d pgOutages=%d seconds=%.1f tps=%.1f events=%d"
                  + " transportErrors=%d statuses=%s%n",
              sold,
              SALES,
              NATS_OUTAGES,
              PG_OUTAGES,
              seconds,
              sold / seconds,
              published,
              transportErrors.get(),
              new TreeMap<>(statuses));
        } finally {
          db.close();
        }
        assertThat(client.get("/ready", null).status()).isEqualTo(200);
      }
    }
  }

  /** One till: sells until every sale is taken, retrying each under its key until acknowledged. */
  private void sell(TestClient client, String token, AtomicInteger next) {
    int i;
    // at least SALES sales, and on until the last outage is over
    while ((i = next.getAndIncrement()) < SALES || !faultsDone) {
      String key = "fault-" + i;
      Map<String, Integer> units = new TreeMap<>();
      units.put(SKUS.get(i % 3), 1 + i % 2);
      units.put(SKUS.get((i + 1) % 3), 1);
      List<Map<String, String>> lines = new ArrayList<>();
      units.forEach((sku, q) -> lines.add(Map.of("code", sku, "quantity", q.toString())));
      Map<String, Object> body =
          Map.of(
              "lines",
              lines,
              "tenders",
              List.of(Map.of("type", "CASH", "amount", TestClient.money("100.00"))));
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (true) {
        TestClient.Response r;
        try {
          r = client.post(PATH, token, body, key);
        } catch (IllegalStateException transport) {
          transportErrors.incrementAndGet();
          pause(200);
          continue;
        }
        String during = phase; // when the answer came
        statuses
            .computeIfAbsent(during + " " + r.status(), k -> new AtomicInteger())
            .incrementAndGet();
        if (r.status() == 201 || r.status() == 200) {
          acks.put(
              key,
              new Ack(
                  r.data().get("id").asText(), r.data().get("number").asText(), Map.copyOf(units)));
          break;
        }
        boolean retry =
            r.status() == 503 || (r.status() == 409 && "idempotency.in_flight".equals(r.code()));
        if (!retry || System.nanoTime() > deadline) {
          surprises.add(key + " during " + during + ": " + r);
          break;
        }
        pause(100);
      }
    }
  }

  /**
   * Takes the dependencies down in turn, each when its share of the sales is acknowledged: NATS
   * (stopped, then killed, alternately), and PostgreSQL crashed, spread over the run.
   */
  private List<String> chaos(TestClient client, PrivatePostgres pg, PrivateNatsServer nats)
      throws Exception {
    List<Character> plan = new ArrayList<>();
    for (int k = 0; k < NATS_OUTAGES; k++) {
      plan.add('N');
    }
    // the PostgreSQL outages spread evenly among the NATS ones: N P N N P N N for 5 and 2
    for (int j = PG_OUTAGES; j >= 1; j--) {
      plan.add(j * NATS_OUTAGES / (PG_OUTAGES + 1), 'P');
    }
    List<String> report = new ArrayList<>();
    for (int k = 0; k < plan.size(); k++) {
      // each outage when its share of the sales is in, and after at least 2 s of steady selling
      int due = SALES * (k + 1) / (plan.size() + 1);
      long steadyUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (acks.size() < due || System.nanoTime() < steadyUntil) {
        if (!surprises.isEmpty()) {
          throw new AssertionError("a till stopped: " + surprises);
        }
        pause(20);
      }
      if (plan.get(k) == 'N') {
        phase = "nats-down";
        int ackedBefore = acks.size();
        if (k % 2 == 0) {
          nats.stop();
        } else {
          nats.kill();
        }
        pause(3000);
        TestClient.Response ready = client.get("/ready", null);
        int soldWhileDown = acks.size() - ackedBefore;
        nats.start();
        long recovered = awaitReady(client, Duration.ofSeconds(30));
        phase = "steady";
        assertThat(ready.status()).as("/ready while NATS is down: " + ready).isEqualTo(503);
        assertThat(ready.text()).contains("nats: down");
        report.add(
            String.format(
                "nats %s for 3 s: %d sales acknowledged meanwhile, ready again %d ms after restart",
                k % 2 == 0 ? "stopped" : "killed", soldWhileDown, recovered));
        assertThat(soldWhileDown).as("sales go on while NATS is down").isPositive();
      } else {
        phase = "pg-down";
        int before503 = count("pg-down 503");
        pg.crash();
        pause(12_000);
        TestClient.Response ready = client.get("/ready", null);
        int answered503 = count("pg-down 503") - before503;
        pg.startAgain();
        long recovered = awaitReady(client, Duration.ofSeconds(60));
        phase = "steady";
        assertThat(ready.status()).as("/ready while PostgreSQL is down: " + ready).isEqualTo(503);
        assertThat(ready.text()).contains("database: down");
        assertThat(answered503).as("sales answered 503 while PostgreSQL is down").isPositive();
        report.add(
            String.format(
                "postgres crashed for 12 s: %d sale attempts answered 503, ready again %d ms after"
                    + " restart",
                answered503, recovered));
      }
    }
    return report;
  }

  private int count(String key) {
    AtomicInteger c = statuses.get(key);
    return c == null ? 0 : c.get();
  }

  private static long awaitReady(TestClient client, Duration limit) {
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (client.get("/ready", null).status() == 200) {
        return (System.nanoTime() - start) / 1_000_000;
      }
      pause(100);
    }
    throw new AssertionError("the server did not become ready again within " + limit);
  }

  private void checkSales(PostgresDatabase db, Map<String, BigDecimal> before, PostgresConfig cfg)
      throws Exception {
    int n = acks.size();
    Set<String> ackedIds = new HashSet<>();
    acks.values().forEach(a -> ackedIds.add(a.saleId()));
    assertThat(ackedIds).as("one sale per key").hasSize(n);
    db.jdbi()
        .useHandle(
            h -> {
              List<String> stored =
                  h.createQuery("SELECT sale_id FROM pos_transactions WHERE store_id = 'demo'")
                      .mapTo(String.class)
                      .list();
              assertThat(stored)
                  .as("every acknowledged sale stored once, and nothing else sold")
                  .hasSize(n)
                  .containsExactlyInAnyOrderElementsOf(ackedIds);
              // no partial sale: each has its invoice, its payment and its stock movements
              assertThat(
                      h.createQuery(
                              "SELECT count(*) FROM pos_transactions t WHERE NOT EXISTS (SELECT 1"
                                  + " FROM invoices i WHERE i.store_id = t.store_id AND i.sale_id"
                                  + " = t.sale_id) OR NOT EXISTS (SELECT 1 FROM payments p WHERE"
                                  + " p.store_id = t.store_id AND p.invoice_number = t.number) OR"
                                  + " (SELECT count(*) FROM stock_movements m WHERE m.reference ="
                                  + " t.sale_id AND m.reason = 'SALE') <> 2")
                          .mapTo(Long.class)
                          .one())
                  .as("sales missing their invoice, payment or stock movements")
                  .isZero();
              List<Long> numbers =
                  h.createQuery(
                          "SELECT split_part(number, '-', 3)::bigint FROM invoices"
                              + " WHERE store_id = 'demo' ORDER BY 1")
                      .mapTo(Long.class)
                      .list();
              assertThat(numbers).as("gapless").hasSize(n);
              assertThat(numbers.get(0)).isEqualTo(1L);
              assertThat(numbers.get(n - 1)).isEqualTo((long) n);
              assertThat(
                      h.createQuery(
                              "SELECT count(*) FROM stock_levels l WHERE on_hand <> (SELECT"
                                  + " coalesce(sum(change), 0) FROM stock_movements m WHERE"
                                  + " (m.store_id, m.location_id, m.sku) = (l.store_id,"
                                  + " l.location_id, l.sku))")
                          .mapTo(Long.class)
                          .one())
                  .as("levels that disagree with their ledger")
                  .isZero();
            });
    Map<String, Integer> sold = new TreeMap<>();
    acks.values().forEach(a -> a.units().forEach((sku, q) -> sold.merge(sku, q, Integer::sum)));
    Map<String, BigDecimal> after = onHand(cfg);
    for (String sku : SKUS) {
      assertThat(before.get(sku).subtract(after.get(sku)))
          .as("units of " + sku + " that left the shelf")
          .isEqualByComparingTo(BigDecimal.valueOf(sold.get(sku)));
    }
    var engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
    var entries = engine.journal().entries(DemoStore.ID);
    assertThat(entries).hasSize(n);
    assertThat(FiscalJournal.verify(entries)).isEmpty();
    assertThat(
            EngineHost.unitOfWork(engine)
                .runFor(
                    DemoStore.ID,
                    () ->
                        FiscalRecords.verify(
                            entries,
                            engine.billing().invoices().list(DemoStore.ID),
                            engine.sales().list(DemoStore.ID))))
        .isEmpty();
  }

  private static Map<String, BigDecimal> onHand(PostgresConfig cfg) throws Exception {
    Map<String, BigDecimal> levels = new HashMap<>();
    try (var c = DriverManager.getConnection(cfg.jdbcUrl(), cfg.user(), cfg.password());
        var rs =
            c.createStatement()
                .executeQuery("SELECT sku, sum(on_hand) FROM stock_levels GROUP BY sku")) {
      while (rs.next()) {
        levels.put(rs.getString(1), rs.getBigDecimal(2));
      }
    }
    return levels;
  }
}
