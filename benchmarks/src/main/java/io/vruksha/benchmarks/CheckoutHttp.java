package io.vruksha.benchmarks;

import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.store.StoreId;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * baseline. Between the two, an open-loop run ({@link OpenLoop}) sends sales at a constant rate of
 * half the best closed-loop rate, the load a sized deployment runs at: its latencies are what a
 * till feels, where the closed-loop ones at saturation are mostly queueing.
 */
final class CheckoutHttp {

  private CheckoutHttp() {}

  /**
   * The closed-loop points, the open-loop run at half the best of them for {@code openSeconds},
   * then the 1,000 connections held.
   */
  static Map<String, String> run(Map<String, String> env, int warmup, int seconds, int openSeconds)
      throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    try (BenchServer server = BenchServer.start(env, "vruksha_http", List.of());
        Pgbench pgbench = Pgbench.init(env)) {
      load(server, 32, warmup); // the server's JIT, before any point
      long overflowsBefore = listenOverflows();
      List<Long> pending = new ArrayList<>();
      double best = 0;
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
                    Result one = loadUnchecked(server, 32, seconds);
                    results.add(one);
                    // read as the round ends, before a pgbench round gives the reactions time
                    pending.add(outboxPending(server.db));
                    return one.tps;
                  },
                  () -> pgbench.tps(32, seconds));
          r = Result.merged(results);
        } else {
          r = load(server, connections, seconds);
        }
        best = Math.max(best, r.tps);
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
      // closed-loop p99 at saturation is queueing; a sized deployment runs at about half its
      // maximum, and the latency a till feels there is the open loop's
      out.put("http_best_tps", CheckoutEmbedded.f(best));
      out.putAll(OpenLoop.run(server, best / 2, openSeconds));
      out.put("server_mean_ms_so_far", serverMeanMs(server.metrics()));
      long overflowsHold = listenOverflows();
      out.put("listen_overflows", delta(overflowsBefore, overflowsHold));
      Result hold = load(server, 1000, seconds);
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
    }
    return out;
  }

  /**
   * The server's own mean time per sale (from its /metrics), to tell time spent in the server from
   * time spent queueing or in the driver.
   */
  private static String serverMeanMs(String metrics) {
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

  private static Result loadUnchecked(BenchServer server, int connections, int seconds) {
    try {
      return load(server, connections, seconds);
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
  static Result load(BenchServer server, int connections, int seconds) throws InterruptedException {
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
      StoreId store = server.stores.get(c % server.stores.size());
      loops.add(next(server, store, end, run, sequence, ok, errors, latencies));
    }
    CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
    double elapsed = (System.nanoTime() - start) / 1e9;
    long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return new Result(ok.get() / elapsed, errors.get(), sorted);
  }

  private static CompletableFuture<Void> next(
      BenchServer server,
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
    HttpRequest request = server.sale(store, run + "-" + n);
    long sent = System.nanoTime();
    return server
        .http
        .sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle(
            (response, failure) -> {
              if (failure == null && response.statusCode() == 201) {
                ok.incrementAndGet();
                latencies.add(System.nanoTime() - sent);
              } else {
                errors.incrementAndGet();
                errorKind(response, failure);
              }
              return null;
            })
        .thenCompose(ignored -> next(server, store, end, run, sequence, ok, errors, latencies));
  }

  /** Counts what a request that was not answered 201 got in {@link #ERROR_KINDS}. */
  static void errorKind(HttpResponse<?> response, Throwable failure) {
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
}
