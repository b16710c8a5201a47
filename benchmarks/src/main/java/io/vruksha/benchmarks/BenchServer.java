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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The server in a process of its own on a database of its own, as production runs it: a login role
 * under row-level security, no NATS (so the server runs its reactions in process, on a thread of
 * their own, and they empty the outbox behind the tills), 8 stores, and a cashier's bearer token
 * for the load drivers. Closing it stops the server and drops the database.
 */
final class BenchServer implements AutoCloseable {

  /** The login role the server process connects as (a member of vruksha_app). */
  static final String APP_ROLE = "vruksha_bench_app";

  /** The 3-line basket a sale sends, paid in cash. */
  private static final String SALE =
      "{\"lines\":[{\"code\":\"TEE-M\"},{\"code\":\"MUG\"},{\"code\":\"COFFEE\"}],"
          + "\"tenders\":[{\"type\":\"CASH\",\"amount\":{\"amount\":\"100.00\",\"currency\":\"EUR\"}}]}";

  final BenchDatabase bench;
  final PostgresDatabase db;
  final List<StoreId> stores;
  final HttpClient http;
  final int port;
  final String token;
  private final Process process;

  private BenchServer(
      BenchDatabase bench,
      PostgresDatabase db,
      List<StoreId> stores,
      HttpClient http,
      int port,
      String token,
      Process process) {
    this.bench = bench;
    this.db = db;
    this.stores = stores;
    this.http = http;
    this.port = port;
    this.token = token;
    this.process = process;
  }

  /**
   * A database named {@code prefix_<random>}, migrated and seeded, and the server on it, ready;
   * {@code jvmOptions} go to the server's JVM after {@code BENCH_SERVER_OPTS}.
   */
  static BenchServer start(Map<String, String> env, String prefix, List<String> jvmOptions)
      throws Exception {
    BenchDatabase bench = BenchDatabase.create(env, prefix);
    try {
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
      Process process = startProcess(bench.config, secret, port, jvmOptions);
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
        return new BenchServer(bench, db, stores, http, port, token, process);
      } catch (Exception | Error e) {
        process.destroy();
        process.waitFor();
        throw e;
      }
    } catch (Exception | Error e) {
      bench.close();
      throw e;
    }
  }

  /** A sale of the 3-line basket in {@code store} under {@code idempotencyKey}. */
  HttpRequest sale(StoreId store, String idempotencyKey) {
    return HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/v1/stores/" + store + "/sales"))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", idempotencyKey)
        .POST(HttpRequest.BodyPublishers.ofString(SALE))
        .build();
  }

  /** The server's Prometheus metrics as text. */
  String metrics() throws IOException, InterruptedException {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Override
  public void close() throws InterruptedException {
    try {
      process.destroy();
      process.waitFor();
    } finally {
      bench.close();
    }
  }

  private static Process startProcess(
      PostgresConfig db, String secret, int port, List<String> jvmOptions) throws IOException {
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
    command.addAll(jvmOptions);
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
