package io.vruksha.benchmarks;

import io.vruksha.retail.auth.Tokens;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresConfig;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.store.Role;
import io.vruksha.retail.store.StoreId;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The server over HTTP on PostgreSQL, in a process of its own as it runs in production: a load
 * driver ({@code java.net.http}) keeps 8, 32 and 256 sales in flight, each a 3-line basket with a
 * bearer token and its own {@code Idempotency-Key}, each connection a till of one of 8 stores; then
 * 1,000 in flight at once. Latency is measured per request; pgbench at the same client count is the
 * baseline.
 */
final class CheckoutHttp {

  private CheckoutHttp() {}

  /** The login role the server process connects as (a member of vruksha_app). */
  static final String APP_ROLE = "vruksha_bench_app";

  static Map<String, String> run(Map<String, String> env, int warmup, int seconds)
      throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    try (BenchDatabase bench = BenchDatabase.create(env, "vruksha_http");
        Pgbench pgbench = Pgbench.init(env)) {
      PostgresDatabase db = bench.pool(4);
      db.migrate();
      RetailEngine engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
      List<StoreId> stores = BenchDatabase.seed(engine, 8);
      String secret = Tokens.randomSecret();
      int port = freePort();
      // the server connects as production does: a login role in vruksha_app, under row-level
      // security (docs/security.md); created once, kept for later runs, never dropped
      db.jdbi()
          .useHandle(
              h ->
                  h.execute(
                      "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '"
                          + APP_ROLE
                          + "') THEN CREATE ROLE "
                          + APP_ROLE
                          + " LOGIN IN ROLE vruksha_app; END IF; END $$"));
      Process server = startServer(bench.config, secret, port);
      try {
        // a kept-alive connection is dropped by the client before the server's 30 s idle timeout
        // closes it: a till's client does the same, or a POST sent on a connection the server is
        // closing at that moment fails with "connection reset"
        System.setProperty("jdk.httpclient.keepalive.timeout", "20");
        HttpClient http =
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade dance on every connection
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        awaitReady(http, port);
        String token =
            new Tokens(secret, Clock.systemUTC())
                .issueService("bench", Role.CASHIER, Set.of("*"), Duration.ofHours(2));
        load(http, port, token, stores, 32, warmup); // the server's JIT, before any point
        long overflowsBefore = listenOverflows();
        List<Long> pending = new ArrayList<>();
        for (int connections : new int[] {8, 32, 256}) {
          Result r;
          List<Paired.Round> rounds = null;
          if (connections == 32) {
            // the target's point: the server and pgbench in alternating rounds, seconds apart
            List<Result> results = new ArrayList<>();
            rounds =
                Paired.measure(
                    Paired.ROUNDS,
                    () -> {
                      Result one = loadUnchecked(http, port, token, stores, 32, seconds);
                      results.add(one);
                      // read as the round ends, before a pgbench round gives the reactions time
                      pending.add(outboxPending(db));
                      return one.tps;
                    },
                    () -> pgbench.tps(32, seconds));
            r = Result.merged(results);
          } else {
            r = load(http, port, token, stores, connections, seconds);
          }
          String k = "_" + connections;
          out.put("http_tps" + k, CheckoutEmbedded.f(r.tps));
          out.put("p50_ms" + k, ms(r.percentile(50)));
          out.put("p95_ms" + k, ms(r.percentile(95)));
          out.put("p99_ms" + k, ms(r.percentile(99)));
          out.put("errors" + k, Long.toString(r.errors));
          if (connections == 32) {
            // the server's in-process reactions (no NATS here) turn each sale into analytics
            // behind the tills: the most outbox events they had still to handle as a round ended
            out.put(
                "reactions_pending_32",
                Long.toString(pending.stream().mapToLong(Long::longValue).max().orElse(0)));
            Paired.put(out, "http_tps_32", "pgbench_tps_32", "http_vs_pgbench_32", rounds);
          }
        }
        out.put("server_mean_ms_so_far", serverMeanMs(http, port));
        long overflowsHold = listenOverflows();
        out.put("listen_overflows", delta(overflowsBefore, overflowsHold));
        Result hold = load(http, port, token, stores, 1000, seconds);
        out.put("hold_listen_overflows", delta(overflowsHold, listenOverflows()));
        out.put("hold_connections", "1000");
        out.put("hold_tps", CheckoutEmbedded.f(hold.tps));
        out.put("hold_p99_ms", ms(hold.percentile(99)));
        out.put("hold_errors", Long.toString(hold.errors));
        if (!ERROR_KINDS.isEmpty()) { // e.g. 503=12,HttpTimeoutException=3, over every point
          out.put(
              "error_kinds",
              ERROR_KINDS.entrySet().stream()
                  .map(e -> e.getKey() + "=" + e.getValue())
                  .collect(Collectors.joining(",")));
        }
      } finally {
        server.destroy();
        server.waitFor();
      }
    }
    return out;
  }

  /**
   * The server's own mean time per sale (from its /metrics), to tell time spent in the server from
   * time spent queueing or in the driver.
   */
  private static String serverMeanMs(HttpClient http, int port) throws Exception {
    String metrics =
        http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    double sum = 0;
    double count = 0;
    for (String line : metrics.split("\n")) {
      if (line.contains("route=\"/api/v1/stores/{storeId}/sales\"")
          && line.contains("status=\"201\"")) {
        String value = line.substring(line.lastIndexOf(' ') + 1);
        if (line.startsWith("http_server_requests_seconds_sum")) {
          sum += Double.parseDouble(value);
        } else if (line.startsWith("http_server_requests_seconds_count")) {
          count += Double.parseDouble(value);
        }
      }
    }
    return count == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", sum / count * 1000);
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
  }

  record Result(double tps, long errors, long[] latencies) {
    /** Several rounds as one: the mean rate, every error and every latency. */
    static Result merged(List<Result> rounds) {
      long[] all =
          rounds.stream().flatMapToLong(x -> Arrays.stream(x.latencies)).sorted().toArray();
      return new Result(
          rounds.stream().mapToDouble(Result::tps).average().orElse(0),
          rounds.stream().mapToLong(Result::errors).sum(),
          all);
    }

    long percentile(int p) {
      if (latencies.length == 0) {
        return 0;
      }
      int i = (int) Math.ceil(p / 100.0 * latencies.length) - 1;
      return latencies[Math.max(0, Math.min(latencies.length - 1, i))];
    }
  }

  /** What the requests that were not answered 201 got: a status code or an exception's name. */
  static final Map<String, Long> ERROR_KINDS = new ConcurrentSkipListMap<>();

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  /** Outbox events not yet handled (sent) by the server's in-process reactions. */
  private static long outboxPending(PostgresDatabase db) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT coalesce(sum(event_count), 0) FROM outbox")
                    .mapTo(Long.class)
                    .one());
  }

  private static Result loadUnchecked(
      HttpClient http, int port, String token, List<StoreId> stores, int connections, int seconds) {
    try {
      return load(http, port, token, stores, connections, seconds);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during a load point", e);
    }
  }

  /**
   * The kernel's count of connections a full listen queue turned away ({@code ListenOverflows} in
   * /proc/net/netstat, machine-wide), or -1 where there is none: a burst of tills the server's
   * backlog could not hold.
   */
  static long listenOverflows() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/net/netstat"));
      for (int i = 0; i + 1 < lines.size(); i++) {
        if (lines.get(i).startsWith("TcpExt:") && lines.get(i + 1).startsWith("TcpExt:")) {
          String[] names = lines.get(i).trim().split("\\s+");
          String[] values = lines.get(i + 1).trim().split("\\s+");
          for (int k = 1; k < names.length && k < values.length; k++) {
            if (names[k].equals("ListenOverflows")) {
              return Long.parseLong(values[k]);
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or not readable
    }
    return -1;
  }

  private static String delta(long before, long after) {
    return before < 0 || after < 0 ? "n/a" : Long.toString(after - before);
  }

  /** {@code connections} requests kept in flight for {@code seconds}. */
  static Result load(
      HttpClient http, int port, String token, List<StoreId> stores, int connections, int seconds)
      throws InterruptedException {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong sequence = new AtomicLong();
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    String run = Long.toString(System.nanoTime(), 36);
    List<CompletableFuture<Void>> loops = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < connections; c++) {
      // each connection is a till of one store, as in a shop: 8 connections, one per store
      StoreId store = stores.get(c % stores.size());
      loops.add(next(http, port, token, store, end, run, sequence, ok, errors, latencies));
    }
    CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
    double elapsed = (System.nanoTime() - start) / 1e9;
    long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return new Result(ok.get() / elapsed, errors.get(), sorted);
  }

  private static CompletableFuture<Void> next(
      HttpClient http,
      int port,
      String token,
      StoreId store,
      long end,
      String run,
      AtomicLong sequence,
      AtomicLong ok,
      AtomicLong errors,
      ConcurrentLinkedQueue<Long> latencies) {
    if (System.nanoTime() >= end) {
      return CompletableFuture.completedFuture(null);
    }
    long n = sequence.getAndIncrement();
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/stores/" + store + "/sales"))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", run + "-" + n)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"lines\":[{\"code\":\"TEE-M\"},{\"code\":\"MUG\"},{\"code\":\"COFFEE\"}],"
                        + "\"tenders\":[{\"type\":\"CASH\",\"amount\":{\"amount\":\"100.00\",\"currency\":\"EUR\"}}]}"))
            .build();
    long sent = System.nanoTime();
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle(
            (response, failure) -> {
              if (failure == null && response.statusCode() == 201) {
                ok.incrementAndGet();
                latencies.add(System.nanoTime() - sent);
              } else {
                errors.incrementAndGet();
                ERROR_KINDS.merge(
                    failure != null
                        ? rootCause(failure).getClass().getSimpleName()
                            + (rootCause(failure).getMessage() == null
                                ? ""
                                : " (" + rootCause(failure).getMessage() + ")")
                        : Integer.toString(response.statusCode()),
                    1L,
                    Long::sum);
              }
              return null;
            })
        .thenCompose(
            ignored -> next(http, port, token, store, end, run, sequence, ok, errors, latencies));
  }

  private static Process startServer(PostgresConfig db, String secret, int port)
      throws IOException {
    File jar = new File("retail-server/target/retail-server.jar");
    if (!jar.isFile()) {
      throw new IllegalStateException("build the server first: " + jar + " is missing");
    }
    String java = System.getProperty("java.home") + "/bin/java";
    List<String> command = new ArrayList<>(List.of(java));
    // BENCH_SERVER_OPTS, e.g. -XX:StartFlightRecording=filename=server.jfr, to profile the server
    String opts = System.getenv("BENCH_SERVER_OPTS");
    if (opts != null && !opts.isBlank()) {
      command.addAll(List.of(opts.trim().split("\\s+")));
    }
    command.addAll(List.of("-jar", jar.getPath()));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectOutput(new File("benchmarks/target/http-server.log"))
            .redirectErrorStream(true);
    Map<String, String> e = pb.environment();
    e.put("DB_HOST", db.host());
    e.put("DB_PORT", Integer.toString(db.port()));
    e.put("DB_NAME", db.database());
    e.put("DB_USER", APP_ROLE);
    e.put("DB_PASSWORD", db.password());
    e.put("DB_POOL_SIZE", "16");
    e.put("JWT_SECRET", secret);
    e.put("PORT", Integer.toString(port));
    e.put("LOG_LEVEL", "WARN");
    e.put("RATE_LIMIT_PER_TOKEN", "10000000");
    e.put("RATE_LIMIT_PER_IP", "10000000");
    e.remove("NATS_URL");
    return pb.start();
  }

  private static void awaitReady(HttpClient http, int port) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "the server did not become ready; see benchmarks/target/http-server.log");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
