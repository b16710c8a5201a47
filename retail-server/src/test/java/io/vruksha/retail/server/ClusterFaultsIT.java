package io.vruksha.retail.server;

import static io.vruksha.retail.server.FaultChecks.awaitAnalytics;
import static io.vruksha.retail.server.FaultChecks.awaitOutboxSent;
import static io.vruksha.retail.server.FaultChecks.checkStream;
import static io.vruksha.retail.server.FaultChecks.createDatabase;
import static io.vruksha.retail.server.FaultChecks.freePort;
import static io.vruksha.retail.server.FaultChecks.pause;
import static io.vruksha.retail.server.FaultChecks.recordCommittedEvents;
import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.vruksha.retail.auth.Principal;
import io.vruksha.retail.auth.Tokens;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.EngineHost;
import io.vruksha.retail.invoicing.FiscalJournal;
import io.vruksha.retail.nats.NatsConfig;
import io.vruksha.retail.nats.PrivateNatsCluster;
import io.vruksha.retail.nats.PrivateNatsServer;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresConfig;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.PrivatePostgres;
import io.vruksha.retail.postgres.PrivatePostgresPair;
import io.vruksha.retail.sale.FiscalRecords;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Role;
import io.vruksha.retail.store.StaffMember;
import java.io.IOException;
import java.math.BigDecimal;
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
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Faults on real clusters (issue 28): each test starts clusters of its own on loopback ports and
 * temporary folders, sells {@code clusters.sales} sales over HTTP from {@value #CLIENTS} tills,
 * each retried under its own {@code Idempotency-Key} until acknowledged, injects its fault
 * mid-stream, then checks in the database and on the stream that nothing acknowledged was lost,
 * nothing was sold twice, numbering has no gap, the journal verifies, every committed event is on
 * the stream once and the analytics reaction counted every sale once. Each prints a {@code
 * cluster:} line: fault | how injected | made | acknowledged | found after | duplicates | lost |
 * events published | time to recover.
 *
 * <p>The ordinary build (and CI) runs the NATS cluster and the HAProxy parts with {@value
 * #SHORT_SALES} sales each; {@code scripts/reliability.sh clusters} runs all three ({@code
 * -Dclusters=true}) with 10,000 sales each. nats-server and HAProxy must be installed ({@code
 * scripts/services.sh} installs both): with {@code CI=true} a missing one fails the test, elsewhere
 * it is skipped, saying so.
 *
 * <ul>
 *   <li>{@link #aNatsClusterLosesItsStreamLeaderAndThenAnotherNode}: three nats-servers clustered
 *       with JetStream, {@code NATS_REPLICAS=3}, two servers given all three URLs; the {@code
 *       RETAIL} stream's leader is killed (SIGKILL) and restarted, then another node is killed.
 *       After each kill a price set through one server must be charged by the other within {@link
 *       #INVALIDATION_BOUND} of its delete reaching the shared cache's bucket.
 *   <li>{@link #threeServersBehindHaproxyLoseOne}: three server processes behind HAProxy (health
 *       check {@code /ready}); one is killed (SIGKILL).
 *   <li>{@link #postgresFailsOverToItsSynchronousReplica}: a primary and a synchronous streaming
 *       replica ({@code initdb}, {@code pg_basebackup -R}), the server given {@code
 *       DB_HOST=primary,replica}; the replica is promoted and the old primary stopped.
 * </ul>
 */
class ClusterFaultsIT {

  /** Whether this is the long run of {@code scripts/reliability.sh clusters}. */
  static final boolean LONG_RUN = Boolean.getBoolean("clusters");

  static final int SHORT_SALES = 250;
  static final int SALES = Integer.getInteger("clusters.sales", LONG_RUN ? 1000 : SHORT_SALES);

  /**
   * How soon after a price change's delete reaches the shared cache's bucket the other server must
   * charge the new price, even right after a NATS node died (the watch's probe, every 0.5 s, must
   * come back within 1 s, or the watch is re-made and the near-cache cleared).
   */
  static final Duration INVALIDATION_BOUND = Duration.ofSeconds(3);

  /**
   * From the price change's answer, with JetStream perhaps still settling after a kill: the
   * changing server's delete may have to wait for its own connection to NATS to come back.
   */
  static final Duration PRICE_CHANGE_BOUND = Duration.ofSeconds(60);

  static final int CLIENTS = 8;
  static final String PATH = "/api/v1/stores/demo/sales";
  static final List<String> SKUS = List.of("MUG", "TEE-M", "COFFEE");
  static final BigDecimal OPENING = new BigDecimal("1000000");
  static final String SECRET = DemoServerTest.SECRET;

  // --- the NATS cluster ------------------------------------------------------------------------

  @Test
  void aNatsClusterLosesItsStreamLeaderAndThenAnotherNode() throws Exception {
    needs("nats-server");
    try (PrivatePostgres pg = PrivatePostgres.start();
        PrivateNatsCluster nats = new PrivateNatsCluster(3)) {
      nats.start();
      PostgresConfig cfg = prepare(pg.config("postgres"), pg.config("retail"));
      Map<String, String> env = serverEnv(cfg);
      env.put("NATS_URL", nats.urls());
      env.put("NATS_REPLICAS", "3");
      try (RetailServer a = RetailServer.start(ServerConfig.from(env), env);
          RetailServer b = RetailServer.start(ServerConfig.from(env), env)) {
        NatsConfig natsConfig = NatsConfig.from(env);
        assertThat(nats.replicas(natsConfig.streamName())).isEqualTo(3);
        TestClient ca = new TestClient(a);
        TestClient cb = new TestClient(b);
        Tills tills = new Tills(List.of(ca, cb), token(), "nats");
        long started = System.nanoTime();
        tills.start();
        List<String> notes = new ArrayList<>();
        List<String> invalidations = new ArrayList<>();
        long recovered;
        try (SharedCacheProbe bucket = new SharedCacheProbe(nats.urls(), natsConfig)) {
          tills.awaitAcks(SALES / 4);
          int leader = nats.leader(natsConfig.streamName());
          tills.phase = "leader-down";
          int before = tills.acks.size();
          nats.kill(leader);
          long killedAt = System.nanoTime();
          // a new leader is elected among the other two, and sales go on meanwhile
          int newLeader = nats.awaitLeaderOtherThan(natsConfig.streamName(), leader);
          recovered = (System.nanoTime() - killedAt) / 1_000_000;
          tills.awaitAcks(before + 50);
          notes.add(
              "leader n"
                  + leader
                  + " killed, n"
                  + newLeader
                  + " leader after "
                  + recovered
                  + " ms");
          // the shared cache with the leader still down: a price set through one server is
          // charged by the other once its delete is in the bucket, each way
          invalidations.add("leader down: " + bucket.priceSeen(ca, cb, "5.49"));
          invalidations.add("leader down: " + bucket.priceSeen(cb, ca, "5.99"));
          pause(2000);
          nats.start(leader);
          tills.phase = "steady";
          tills.awaitAcks(SALES / 2);
          int other = nats.leader(natsConfig.streamName());
          if (other == leader) {
            other = (leader + 1) % 3;
          }
          tills.phase = "other-down";
          before = tills.acks.size();
          nats.kill(other);
          tills.awaitAcks(Math.min(before + 50, SALES));
          notes.add("then n" + other + " killed");
          invalidations.add("another down: " + bucket.priceSeen(ca, cb, "6.49"));
          invalidations.add("another down: " + bucket.priceSeen(cb, ca, "6.99"));
          tills.awaitAcks(3 * SALES / 4);
          nats.start(other);
          tills.phase = "steady";
        } finally {
          tills.faultsDone = true;
        }
        tills.finish();
        double seconds = (System.nanoTime() - started) / 1e9;
        tills.assertOnlyRetriableAnswers();

        // and once every node is back
        try (SharedCacheProbe bucket = new SharedCacheProbe(nats.urls(), natsConfig)) {
          invalidations.add("all back: " + bucket.priceSeen(ca, cb, "5.49"));
          invalidations.add("all back: " + bucket.priceSeen(cb, ca, "4.99"));
        }
        Row row =
            check(
                cfg,
                tills,
                nats.urls(),
                natsConfig,
                "NATS stream leader, then another node",
                "kill -9 leader, restart; kill -9 another",
                recovered + " ms (new leader)");
        System.out.println("cluster: " + row.line());
        System.out.printf(
            "cluster-detail: nats %s; %.1f s, %.1f sales/s; statuses %s; transport errors %d%n",
            notes,
            seconds,
            tills.acks.size() / seconds,
            tills.statuses(),
            tills.transportErrors.get());
        System.out.printf(
            "cluster-detail: nats shared cache, a price set through one server charged by the"
                + " other (ms from the answer to the change / from its delete reaching the"
                + " bucket): %s; watches re-made: a %s, b %s%n",
            invalidations, watchRemakes(ca), watchRemakes(cb));
      }
    }
  }

  // --- three servers behind HAProxy -----------------------------------------------------------

  @Test
  void threeServersBehindHaproxyLoseOne() throws Exception {
    needs("nats-server");
    String haproxy = needs("haproxy");
    try (PrivatePostgres pg = PrivatePostgres.start();
        PrivateNatsServer nats = new PrivateNatsServer();
        Processes servers = new Processes()) {
      nats.start();
      PostgresConfig cfg = prepare(pg.config("postgres"), pg.config("retail"));
      Map<String, String> env = serverEnv(cfg);
      env.put("NATS_URL", nats.url());
      env.put("DB_POOL_SIZE", "6");
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        ports.add(freePort());
        servers.startServer(env, ports.get(i));
      }
      for (int i = 0; i < 3; i++) {
        servers.awaitReady(i, new TestClient(ports.get(i)));
      }
      int front = freePort();
      int stats = freePort();
      Path haproxyConfig = Files.createTempFile("vruksha-haproxy", ".cfg");
      StringBuilder conf = new StringBuilder();
      conf.append("global\n  maxconn 2000\n")
          .append("defaults\n  mode http\n  timeout connect 2s\n  timeout client 30s\n")
          .append("  timeout server 30s\n  retries 2\n  option redispatch\n")
          .append("frontend retail\n  bind 127.0.0.1:")
          .append(front)
          .append("\n  default_backend servers\n")
          .append("backend servers\n  balance roundrobin\n  option httpchk GET /ready\n");
      for (int i = 0; i < 3; i++) {
        conf.append("  server s")
            .append(i)
            .append(" 127.0.0.1:")
            .append(ports.get(i))
            .append(" check inter 500 fall 2 rise 2\n");
      }
      conf.append("listen stats\n  bind 127.0.0.1:")
          .append(stats)
          .append("\n  stats enable\n  stats uri /stats\n");
      Files.writeString(haproxyConfig, conf.toString());
      servers.start("haproxy", List.of(haproxy, "-f", haproxyConfig.toString(), "-db"));
      TestClient lb = new TestClient(front);
      ServerContract.await(() -> ready(lb), "HAProxy answers /ready");

      Tills tills = new Tills(List.of(lb), token(), "lb");
      long started = System.nanoTime();
      tills.start();
      long recovered;
      Map<String, Long> afterKill;
      try {
        tills.awaitAcks(SALES / 3);
        tills.phase = "server-down";
        Map<String, Long> atKill = served(stats);
        servers.kill(1);
        long killedAt = System.nanoTime();
        // HAProxy marks it down after two failed checks; until then a request may fail over
        ServerContract.await(() -> "DOWN".equals(status(stats, "s1")), "HAProxy marks s1 down");
        recovered = (System.nanoTime() - killedAt) / 1_000_000;
        tills.awaitAcks(2 * SALES / 3);
        tills.phase = "steady";
        afterKill = served(stats);
        afterKill.replaceAll((k, v) -> v - atKill.getOrDefault(k, 0L));
      } finally {
        tills.faultsDone = true;
      }
      tills.finish();
      double seconds = (System.nanoTime() - started) / 1e9;
      tills.assertOnlyRetriableAnswers();
      assertThat(afterKill.get("s0")).as("s0 carries load after s1 died").isGreaterThan(10L);
      assertThat(afterKill.get("s2")).as("s2 carries load after s1 died").isGreaterThan(10L);
      Row row =
          check(
              cfg,
              tills,
              nats.url(),
              NatsConfig.from(env),
              "one of three servers behind HAProxy",
              "kill -9 a retail-server",
              recovered + " ms (marked down)");
      System.out.println("cluster: " + row.line());
      System.out.printf(
          "cluster-detail: haproxy; %.1f s, %.1f sales/s; requests per server after the kill %s;"
              + " statuses %s; transport errors %d%n",
          seconds,
          tills.acks.size() / seconds,
          afterKill,
          tills.statuses(),
          tills.transportErrors.get());
    }
  }

  // --- PostgreSQL failover --------------------------------------------------------------------

  @Test
  void postgresFailsOverToItsSynchronousReplica() throws Exception {
    try (PrivatePostgresPair pair = PrivatePostgresPair.start();
        PrivateNatsServer nats = new PrivateNatsServer()) {
      nats.start();
      PostgresConfig primary = pair.config(pair.primaryPort(), "retail");
      PostgresConfig both =
          new PostgresConfig(
              "127.0.0.1:" + pair.primaryPort() + ",127.0.0.1:" + pair.replicaPort(),
              5432,
              "retail",
              "postgres",
              "",
              "disable",
              4);
      prepare(pair.config(pair.primaryPort(), "postgres"), primary);
      Map<String, String> env = serverEnv(both);
      env.put("NATS_URL", nats.url());
      try (RetailServer server = RetailServer.start(ServerConfig.from(env), env)) {
        TestClient client = new TestClient(server);
        Tills tills = new Tills(List.of(client), token(), "pg");
        long started = System.nanoTime();
        tills.start();
        long recovered;
        try {
          tills.awaitAcks(SALES / 3);
          tills.phase = "failover";
          pair.promoteReplica();
          pair.stopPrimary();
          long switched = System.nanoTime();
          long deadline = switched + Duration.ofSeconds(60).toNanos();
          int at = tills.acks.size();
          while (tills.acks.size() < at + 20) {
            assertThat(System.nanoTime()).as("sales again after the failover").isLessThan(deadline);
            pause(20);
          }
          recovered = (System.nanoTime() - switched) / 1_000_000;
          tills.awaitAcks(2 * SALES / 3);
          tills.phase = "steady";
        } finally {
          tills.faultsDone = true;
        }
        tills.finish();
        double seconds = (System.nanoTime() - started) / 1e9;
        tills.assertOnlyRetriableAnswers();
        // every retry with a key already acknowledged answers the same sale
        int replayed = 0;
        for (var e : tills.acks.entrySet()) {
          if (replayed++ % 10 != 0) {
            continue;
          }
          TestClient.Response again =
              client.post(
                  PATH, tills.token, Tills.body(new TreeMap<>(e.getValue().units())), e.getKey());
          assertThat(again.status()).as(again.toString()).isIn(200, 201);
          assertThat(again.data().get("id").asText()).isEqualTo(e.getValue().saleId());
        }
        Row row =
            check(
                both.withPoolSize(2),
                tills,
                nats.url(),
                NatsConfig.from(env),
                "PostgreSQL primary",
                "promote the synchronous replica, stop the primary (-m immediate)",
                recovered + " ms (sales again)");
        System.out.println("cluster: " + row.line());
        System.out.printf(
            "cluster-detail: postgres; %.1f s, %.1f sales/s; 503 during failover %d (all with"
                + " Retry-After: %s); statuses %s; transport errors %d%n",
            seconds,
            tills.acks.size() / seconds,
            tills.count("failover 503"),
            tills.without503RetryAfter.get() == 0,
            tills.statuses(),
            tills.transportErrors.get());
        assertThat(tills.without503RetryAfter).as("503s without Retry-After").hasValue(0);
      }
    }
  }

  // --- tills ----------------------------------------------------------------------------------

  record Ack(String saleId, Map<String, Integer> units) {}

  record Row(
      String fault,
      String how,
      int made,
      int acknowledged,
      long found,
      long duplicates,
      long lost,
      long events,
      String recover) {
    String line() {
      return String.join(
          " | ",
          fault,
          how,
          Integer.toString(made),
          Integer.toString(acknowledged),
          Long.toString(found),
          Long.toString(duplicates),
          Long.toString(lost),
          Long.toString(events),
          recover);
    }
  }

  /** Tills that sell until told to stop, each sale retried under its own key until acknowledged. */
  static final class Tills {
    final List<TestClient> targets;
    final String token;
    final String prefix;
    final Map<String, Ack> acks = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<String> surprises = new ConcurrentLinkedQueue<>();
    final AtomicLong transportErrors = new AtomicLong();
    final AtomicLong without503RetryAfter = new AtomicLong();
    final AtomicInteger next = new AtomicInteger();
    final ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    volatile String phase = "steady";
    volatile boolean faultsDone;

    Tills(List<TestClient> targets, String token, String prefix) {
      this.targets = targets;
      this.token = token;
      this.prefix = prefix;
    }

    void start() {
      for (int t = 0; t < CLIENTS; t++) {
        TestClient to = targets.get(t % targets.size());
        pool.submit(
            () -> {
              try {
                sell(to);
              } catch (RuntimeException | Error e) {
                surprises.add("a till failed: " + e);
              }
            });
      }
    }

    static Map<String, Object> body(Map<String, Integer> units) {
      List<Map<String, String>> lines = new ArrayList<>();
      units.forEach((sku, q) -> lines.add(Map.of("code", sku, "quantity", q.toString())));
      return Map.of(
          "lines",
          lines,
          "tenders",
          List.of(Map.of("type", "CASH", "amount", TestClient.money("100.00"))));
    }

    private void sell(TestClient client) {
      int i;
      while ((i = next.getAndIncrement()) < SALES || !faultsDone) {
        String key = prefix + "-" + i;
        Map<String, Integer> units = new TreeMap<>();
        units.put(SKUS.get(i % 3), 1 + i % 2);
        units.put(SKUS.get((i + 1) % 3), 1);
        Map<String, Object> body = body(units);
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
          String during = phase;
          statuses
              .computeIfAbsent(during + " " + r.status(), k -> new AtomicInteger())
              .incrementAndGet();
          if (r.status() == 201 || r.status() == 200) {
            acks.put(key, new Ack(r.data().get("id").asText(), Map.copyOf(units)));
            break;
          }
          if (r.status() == 503 && r.body() != null && r.header("Retry-After") == null) {
            without503RetryAfter.incrementAndGet(); // the server's 503, not HAProxy's
          }
          // 502/503/504 from HAProxy while a server is going, 503 from a server while its
          // database fails over, 409 while another attempt of the key is still running
          boolean retry =
              r.status() == 502
                  || r.status() == 503
                  || r.status() == 504
                  || (r.status() == 409 && "idempotency.in_flight".equals(r.code()));
          if (!retry || System.nanoTime() > deadline) {
            surprises.add(key + " during " + during + ": " + r);
            break;
          }
          pause(100);
        }
      }
    }

    void awaitAcks(int n) {
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      while (acks.size() < n) {
        if (!surprises.isEmpty()) {
          throw new AssertionError("a till stopped: " + surprises);
        }
        assertThat(System.nanoTime()).as(n + " sales acknowledged").isLessThan(deadline);
        pause(20);
      }
    }

    void finish() throws InterruptedException {
      pool.shutdown();
      assertThat(pool.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
    }

    int made() {
      return Math.min(next.get(), acks.size() + surprises.size());
    }

    int count(String key) {
      AtomicInteger c = statuses.get(key);
      return c == null ? 0 : c.get();
    }

    Map<String, Integer> statuses() {
      Map<String, Integer> out = new TreeMap<>();
      statuses.forEach((k, v) -> out.put(k, v.get()));
      return out;
    }

    void assertOnlyRetriableAnswers() {
      assertThat(surprises).as("answers other than 201 and retriable ones").isEmpty();
      statuses.keySet().forEach(k -> assertThat(k).as("never a 500").doesNotEndWith(" 500"));
      assertThat(acks.size()).isGreaterThanOrEqualTo(SALES);
    }
  }

  // --- checks ---------------------------------------------------------------------------------

  /**
   * What the database and the stream hold after the run, against what the tills were told; asserts
   * no loss, no duplicate, gapless numbers, a verifying journal, every committed event on the
   * stream once and the analytics reaction's count.
   */
  private static Row check(
      PostgresConfig cfg,
      Tills tills,
      String natsUrl,
      NatsConfig natsConfig,
      String fault,
      String how,
      String recover)
      throws Exception {
    try (PostgresDatabase db = PostgresDatabase.connect(cfg.withPoolSize(2))) {
      awaitOutboxSent(db);
      int n = tills.acks.size();
      Set<String> ackedIds = new HashSet<>();
      tills.acks.values().forEach(a -> ackedIds.add(a.saleId()));
      assertThat(ackedIds).as("one sale per key").hasSize(n);
      List<String> stored =
          db.jdbi()
              .withHandle(
                  h ->
                      h.createQuery("SELECT sale_id FROM pos_transactions WHERE store_id = 'demo'")
                          .mapTo(String.class)
                          .list());
      Set<String> storedSet = new HashSet<>(stored);
      long lost = ackedIds.stream().filter(id -> !storedSet.contains(id)).count();
      long found = ackedIds.size() - lost;
      // a sale no key points at, or a key whose sale is not the one its till was answered
      Map<String, String> byKey = new HashMap<>();
      db.jdbi()
          .useHandle(
              h ->
                  h.createQuery(
                          "SELECT key, result_id FROM idempotency_keys WHERE store_id = 'demo'")
                      .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                      .forEach(e -> byKey.put(e.getKey(), e.getValue())));
      Set<String> keyed = new HashSet<>(byKey.values());
      long duplicates =
          stored.size()
              - storedSet.size()
              + stored.stream().filter(s -> !keyed.contains(s)).count();
      long mismatched =
          tills.acks.entrySet().stream()
              .filter(e -> !e.getValue().saleId().equals(byKey.get(e.getKey())))
              .count();
      assertThat(lost).as("acknowledged sales lost").isZero();
      assertThat(duplicates).as("sales no key accounts for (duplicates)").isZero();
      assertThat(mismatched).as("keys whose stored sale is not the one acknowledged").isZero();
      assertThat(stored).as("nothing sold but what was acknowledged").hasSize(n);
      List<Long> numbers =
          db.jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT split_part(number, '-', 3)::bigint FROM invoices"
                                  + " WHERE store_id = 'demo' ORDER BY 1")
                          .mapTo(Long.class)
                          .list());
      assertThat(numbers).as("gapless").hasSize(n);
      assertThat(numbers.get(n - 1)).isEqualTo((long) n);
      var engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
      var entries = engine.journal().entries(DemoStore.ID);
      assertThat(entries).hasSize(n);
      assertThat(FiscalJournal.verify(entries)).as("journal verifies").isEmpty();
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
      long events = checkStream(db, natsUrl, natsConfig);
      awaitAnalytics(db, n);
      return new Row(fault, how, tills.made(), n, found, duplicates, lost, events, recover);
    }
  }

  // --- set-up ---------------------------------------------------------------------------------

  /**
   * Creates the database {@code cfg} names through {@code admin}, migrates and seeds it as the
   * owner, makes the server's login role, and records every committed event's id (the relay deletes
   * published outbox rows).
   */
  private static PostgresConfig prepare(PostgresConfig admin, PostgresConfig cfg) throws Exception {
    createDatabase(admin, cfg.database());
    try (PostgresDatabase owner = PostgresDatabase.connect(cfg.withPoolSize(2))) {
      owner.migrate();
      owner.jdbi().useHandle(h -> h.execute("CREATE ROLE vruksha_cl LOGIN IN ROLE vruksha_app"));
      recordCommittedEvents(cfg);
      var office = PostgresAdapters.use(owner, DemoStore.engineBuilder()).build();
      DemoStore.seed(office);
      office.workforce().staff().save(new StaffMember("anna", "Anna", DemoStore.ID, Role.CASHIER));
      for (String sku : SKUS) {
        office.stock().receive(StockKey.floor(DemoStore.ID, Sku.of(sku)), OPENING, "opening");
      }
    }
    return cfg;
  }

  private static Map<String, String> serverEnv(PostgresConfig cfg) {
    Map<String, String> env = new HashMap<>();
    env.put("DB_HOST", cfg.host());
    env.put("DB_PORT", Integer.toString(cfg.port()));
    env.put("DB_NAME", cfg.database());
    env.put("DB_USER", "vruksha_cl");
    env.put("DB_SSLMODE", "disable");
    env.put("JWT_SECRET", SECRET);
    env.put("PORT", "0");
    env.put("RATE_LIMIT_PER_TOKEN", "10000000");
    env.put("RATE_LIMIT_PER_IP", "10000000");
    env.put("LOG_LEVEL", "ERROR");
    env.put("DB_CONNECT_TIMEOUT", "5");
    return env;
  }

  private static String token() {
    return new Tokens(SECRET, Clock.systemUTC())
        .issueService("anna", Role.CASHIER, Set.of("demo"), Duration.ofHours(2));
  }

  private static String adminToken() {
    return new Tokens(SECRET, Clock.systemUTC())
        .issueService("ops", Role.ADMIN, Set.of(Principal.ALL_STORES), Duration.ofHours(1));
  }

  /**
   * A connection of the test's own to the shared cache's bucket, to see when a price change's
   * delete has reached it.
   */
  static final class SharedCacheProbe implements AutoCloseable {
    /** The prefix mark a price change of the mug deletes ({@code NatsKeyValueCache}'s escape). */
    static final String MUG_PRICES_MARK = "prefix.=price=003aMUG=007c";

    final Connection connection;
    final JetStreamManagement jsm;
    final String bucket;

    SharedCacheProbe(String urls, NatsConfig config) throws Exception {
      connection = Nats.connect(urls);
      bucket = config.cacheBucket();
      jsm =
          connection.jetStreamManagement(
              JetStreamOptions.builder().requestTimeout(Duration.ofSeconds(2)).build());
    }

    /**
     * Sets the mug's price through {@code from}, then times until its delete is in the bucket and
     * until {@code to} charges it; fails past {@link #INVALIDATION_BOUND} from the delete or {@link
     * #PRICE_CHANGE_BOUND} from the change. Returns "ms from the answer / ms from the delete".
     */
    String priceSeen(TestClient from, TestClient to, String price) {
      assertThat(price(to)).isNotNull(); // in its caches
      long deadline = System.nanoTime() + PRICE_CHANGE_BOUND.toNanos();
      long markBefore;
      while ((markBefore = markRevision()) < 0) {
        assertThat(System.nanoTime()).as("the bucket answers").isLessThan(deadline);
        pause(50);
      }
      long changed = System.nanoTime();
      TestClient.Response set =
          from.post(
              "/api/v1/price-lists/retail/prices",
              adminToken(),
              Map.of("sku", "MUG", "price", TestClient.money(price)));
      assertThat(set.status()).as(set.toString()).isEqualTo(201);
      long answered = System.nanoTime();
      deadline = changed + PRICE_CHANGE_BOUND.toNanos();
      long landed = 0;
      BigDecimal charged;
      while (true) {
        if (landed == 0 && markRevision() > markBefore) {
          landed = System.nanoTime();
        }
        charged = price(to);
        if (charged.compareTo(new BigDecimal(price)) == 0) {
          break;
        }
        long now = System.nanoTime();
        String state =
            String.format(
                "%s charged, not %s, %d ms after the change was answered; its delete %s",
                charged,
                price,
                (now - answered) / 1_000_000,
                landed == 0
                    ? "not yet in the bucket"
                    : "in the bucket " + (now - landed) / 1_000_000 + " ms before");
        assertThat(now).as(state).isLessThan(deadline);
        if (landed != 0) {
          assertThat(Duration.ofNanos(now - landed)).as(state).isLessThan(INVALIDATION_BOUND);
        }
        pause(20);
      }
      long seen = System.nanoTime();
      String result =
          (seen - answered) / 1_000_000
              + "/"
              + (landed == 0 ? "(before the delete was seen)" : (seen - landed) / 1_000_000);
      System.out.println("cluster-cache: " + price + " charged after " + result + " ms");
      return result;
    }

    /**
     * The bucket's sequence of the mug prices' mark (its delete; a key-value get would not show a
     * deleted key), 0 if none, -1 while unreadable.
     */
    private long markRevision() {
      long revision;
      try {
        revision =
            jsm.getLastMessage("KV_" + bucket, "$KV." + bucket + "." + MUG_PRICES_MARK).getSeq();
      } catch (JetStreamApiException e) {
        revision = e.getErrorCode() == 404 ? 0 : -1;
      } catch (IOException | RuntimeException notNow) {
        revision = -1;
      }
      mendIfDeaf(revision >= 0);
      return revision;
    }

    /** When the probe's own connection last answered, or was last rebuilt. */
    private long lastHeard = System.nanoTime();

    /**
     * The probe's connection after a node of the cluster died can stay deaf to JetStream replies
     * while it reports itself connected (the jnats behaviour {@code NatsEvents} mends the same
     * way): after 3 s without an answer it is rebuilt, so what the test waits on is the servers,
     * not its own probe.
     */
    private void mendIfDeaf(boolean answered) {
      long now = System.nanoTime();
      if (answered) {
        lastHeard = now;
      } else if (now - lastHeard > Duration.ofSeconds(3).toNanos()) {
        lastHeard = now;
        try {
          connection.forceReconnect();
        } catch (IOException | InterruptedException | RuntimeException e) {
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
          }
        }
      }
    }

    @Override
    public void close() throws InterruptedException {
      connection.close();
    }
  }

  /**
   * A server's count of re-made shared-cache watches, from its metrics; only printed, so a server
   * too slow or too faulted to answer gives "unreachable: why" rather than failing the run.
   */
  private static String watchRemakes(TestClient server) {
    String metrics;
    try {
      TestClient.Response r = server.get("/metrics", null);
      if (r.status() != 200) {
        return "? (/metrics answered " + r.status() + ")";
      }
      metrics = r.text();
    } catch (RuntimeException e) {
      return unreachable(e);
    }
    for (String line : metrics.split("\n")) {
      if (line.startsWith("retail_cache_watch_remakes_total")) {
        return line.substring(line.lastIndexOf(' ') + 1);
      }
    }
    return "?";
  }

  /** Why a read that only feeds a printed detail or a wait's poll failed, in one line. */
  static String unreachable(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return "unreachable: " + root.getClass().getSimpleName() + " " + root.getMessage();
  }

  /**
   * The path of {@code tool}; skips the test when it is not installed, saying so, or with {@code
   * CI=true} fails it instead.
   */
  static String needs(String tool) {
    var found =
        Stream.concat(
                Stream.of(System.getenv().getOrDefault("PATH", "").split(":")),
                Stream.of("/usr/sbin", "/usr/local/sbin"))
            .filter(d -> !d.isEmpty())
            .map(d -> Path.of(d, tool))
            .filter(Files::isExecutable)
            .findFirst();
    String why = tool + " is not installed (scripts/services.sh installs it)";
    if (found.isEmpty() && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(why + "; CI must run ClusterFaultsIT");
    }
    Assumptions.assumeTrue(found.isPresent(), why + ": this part of ClusterFaultsIT is skipped");
    return found.orElseThrow().toString();
  }

  private static BigDecimal price(TestClient s) {
    TestClient.Response r =
        s.post(
            "/api/v1/stores/demo/baskets/price",
            token(),
            Map.of("lines", List.of(Map.of("code", "MUG", "quantity", "1"))));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return new BigDecimal(r.data().get("total").get("amount").asText());
  }

  private static boolean ready(TestClient c) {
    try {
      return c.get("/ready", null).status() == 200;
    } catch (RuntimeException notYet) {
      return false;
    }
  }

  /** HAProxy's per-server totals of requests sent, from its CSV statistics. */
  private static Map<String, Long> served(int statsPort) {
    Map<String, Long> out = new HashMap<>();
    for (String[] f : stats(statsPort)) {
      if (f[0].equals("servers") && f[1].startsWith("s")) {
        out.put(f[1], Long.parseLong(f[7])); // stot: sessions in total
      }
    }
    return out;
  }

  /**
   * HAProxy's state of {@code server}, polled by a wait: a statistics page that does not answer
   * this once is "?" (not yet), and the wait's own deadline still fails the test.
   */
  private static String status(int statsPort, String server) {
    List<String[]> rows;
    try {
      rows = stats(statsPort);
    } catch (RuntimeException e) {
      return "? (" + unreachable(e) + ")";
    }
    for (String[] f : rows) {
      if (f[0].equals("servers") && f[1].equals(server)) {
        return f[17];
      }
    }
    return "?";
  }

  private static List<String[]> stats(int statsPort) {
    String csv = new TestClient(statsPort).get("/stats;csv", null).text();
    List<String[]> rows = new ArrayList<>();
    for (String line : csv.split("\n")) {
      if (!line.startsWith("#") && !line.isBlank()) {
        rows.add(line.split(",", -1));
      }
    }
    return rows;
  }

  // --- processes ------------------------------------------------------------------------------

  /** Child processes (servers, HAProxy), each killed on close. */
  static final class Processes implements AutoCloseable {
    final List<Process> list = new ArrayList<>();
    final List<Path> logs = new ArrayList<>();

    Process start(String name, List<String> command) throws IOException {
      return start(name, command, Map.of());
    }

    Process start(String name, List<String> command, Map<String, String> env) throws IOException {
      Path log = Files.createTempFile("vruksha-" + name, ".log");
      ProcessBuilder pb =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      list.add(p);
      logs.add(log);
      return p;
    }

    void startServer(Map<String, String> env, int port) throws IOException {
      Map<String, String> e = new HashMap<>(env);
      e.put("PORT", Integer.toString(port));
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      start(
          "server",
          List.of(
              java,
              "-Xmx256m",
              "-cp",
              System.getProperty("java.class.path"),
              RetailServer.class.getName()),
          e);
    }

    void awaitReady(int i, TestClient c) throws IOException {
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (!ready(c)) {
        assertThat(list.get(i).isAlive()).as(() -> "process " + i + " runs: " + log(i)).isTrue();
        assertThat(System.nanoTime()).as("process " + i + " ready").isLessThan(deadline);
        pause(100);
      }
    }

    /** The output of process {@code i} so far, for a failure's message only. */
    private String log(int i) {
      try {
        return Files.readString(logs.get(i));
      } catch (IOException | RuntimeException e) {
        return "(its log is " + unreachable(e) + ")";
      }
    }

    void kill(int i) throws InterruptedException {
      list.get(i).destroyForcibly(); // SIGKILL
      list.get(i).waitFor();
    }

    @Override
    public void close() throws Exception {
      for (Process p : list) {
        p.destroyForcibly();
      }
      for (Process p : list) {
        p.waitFor(10, TimeUnit.SECONDS);
      }
      for (Path log : logs) {
        Files.deleteIfExists(log);
      }
    }
  }
}
