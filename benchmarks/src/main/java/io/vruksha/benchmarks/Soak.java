package io.vruksha.benchmarks;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checkouts over HTTP for a long stretch at half the maximum rate, as a sized deployment runs: the
 * server as {@code checkout-http} starts it (no NATS, so its in-process reactions empty the outbox
 * behind the tills), warmed up, its maximum measured closed-loop at 32 connections, then sales sent
 * open-loop ({@link OpenLoop}) at half that for 10 minutes (1 with {@code --quick}), read in ten
 * equal windows. Each window gives the throughput, the p99 latency, the dead rows of the tables
 * that churn (outbox, notifications, handled events, idempotency keys; {@code n_dead_tup}), and the
 * server's heap after collection (the lowest "after" of the window's collections in the server's GC
 * log, or the last collection's before it when none ran in the window). Healthy: the last window's
 * throughput and p99 within 10% of the first's, dead rows bounded, the heap flat.
 */
final class Soak {

  /** The tables a checkout keeps writing and something keeps deleting from. */
  static final List<String> CHURNING =
      List.of("outbox", "notifications", "handled_events", "idempotency_keys");

  /** Windows a soak is read in. */
  static final int WINDOWS = 10;

  private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\(\\d+M\\)");

  private Soak() {}

  static Map<String, String> run(Map<String, String> env, int warmup, int seconds, int soakSeconds)
      throws Exception {
    Path gcLog = Path.of("benchmarks/target/soak-server-gc.log").toAbsolutePath();
    Files.deleteIfExists(gcLog);
    Map<String, String> out = new LinkedHashMap<>();
    try (BenchServer server =
        BenchServer.start(env, "vruksha_soak", List.of("-Xlog:gc:file=" + gcLog))) {
      CheckoutHttp.load(server, 32, warmup); // the server's JIT
      CheckoutHttp.Result max = CheckoutHttp.load(server, 32, seconds);
      out.put("soak_max_tps", CheckoutEmbedded.f(max.tps()));
      out.put("soak_rate", CheckoutEmbedded.f(max.tps() / 2));
      out.put("soak_seconds", Integer.toString(soakSeconds));
      out.put("soak_window_seconds", Integer.toString(soakSeconds / WINDOWS));
      List<Double> tps = new ArrayList<>();
      List<Double> p99 = new ArrayList<>();
      List<Double> heap = new ArrayList<>();
      Map<String, List<Long>> dead = new LinkedHashMap<>();
      CHURNING.forEach(t -> dead.put(t, new ArrayList<>()));
      long errors = 0;
      GcReader gc = new GcReader(gcLog);
      // the heap after the warm-up's last collections: a window without a collection keeps the
      // figure of the last one before it
      double lastHeap = gc.afterSince();
      OpenLoop loop = OpenLoop.start(server, max.tps() / 2, soakSeconds);
      long start = System.nanoTime();
      for (int w = 1; w <= WINDOWS; w++) {
        long due = start + (long) soakSeconds * 1_000_000_000L * w / WINDOWS;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        if (w == WINDOWS) {
          loop.await(); // the last window takes the answers still in flight
        }
        OpenLoop.Window window = loop.interval();
        Map<String, Long> d = deadRows(server);
        double h = gc.afterSince();
        h = Double.isNaN(h) ? lastHeap : h;
        lastHeap = h;
        tps.add(window.tps());
        p99.add(window.ms(99));
        heap.add(h);
        errors += window.errors();
        CHURNING.forEach(t -> dead.get(t).add(d.getOrDefault(t, -1L)));
        System.err.printf(
            Locale.ROOT,
            "soak window %d: %.1f sales/s, p99 %.1f ms, %d errors, dead rows %s, heap after GC"
                + " %s MiB%n",
            w,
            window.tps(),
            window.ms(99),
            window.errors(),
            d,
            Double.isNaN(h) ? "-" : String.format(Locale.ROOT, "%.0f", h));
      }
      out.put("soak_tps_by_minute", join(tps));
      out.put("soak_p99_ms_by_minute", join(p99));
      out.put("soak_heap_mib_by_minute", join(heap));
      out.put("soak_first_minute_tps", CheckoutEmbedded.f(tps.get(0)));
      out.put("soak_first_minute_p99_ms", OpenLoop.ms(p99.get(0)));
      out.put("soak_last_minute_tps", CheckoutEmbedded.f(tps.get(WINDOWS - 1)));
      out.put("soak_last_minute_p99_ms", OpenLoop.ms(p99.get(WINDOWS - 1)));
      out.put("soak_tps_ratio", ratio(tps.get(WINDOWS - 1), tps.get(0)));
      out.put("soak_p99_ratio", ratio(p99.get(WINDOWS - 1), p99.get(0)));
      out.put("soak_heap_ratio", ratio(heap.get(WINDOWS - 1), heap.get(0)));
      out.put("soak_errors", Long.toString(errors));
      dead.forEach(
          (t, n) -> {
            out.put(
                "soak_dead_" + t + "_by_minute",
                n.stream().map(String::valueOf).collect(Collectors.joining(",")));
            out.put(
                "soak_dead_" + t + "_max",
                Long.toString(n.stream().mapToLong(Long::longValue).max().orElse(-1)));
          });
    }
    return out;
  }

  /** {@code a / b} to two places, or {@code n/a} when either is missing or b is 0. */
  static String ratio(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b) || b == 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.2f", a / b);
  }

  private static String join(List<Double> values) {
    return values.stream()
        .map(v -> Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v))
        .collect(Collectors.joining(","));
  }

  /** Dead rows of the churning tables, from PostgreSQL's counters. */
  private static Map<String, Long> deadRows(BenchServer server) {
    return server
        .db
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT relname, n_dead_tup FROM pg_stat_user_tables"
                            + " WHERE relname IN (<tables>)")
                    .bindList("tables", CHURNING)
                    .reduceRows(
                        new LinkedHashMap<String, Long>(),
                        (m, row) -> {
                          m.put(row.getColumn(1, String.class), row.getColumn(2, Long.class));
                          return m;
                        }));
  }

  /**
   * Reads a JVM's GC log ({@code -Xlog:gc}) as it grows: each call gives the lowest heap in use
   * after a collection among the lines written since the last call, in MiB, or NaN when none
   * collected.
   */
  static final class GcReader {
    private final Path log;
    private long offset;

    GcReader(Path log) {
      this.log = log;
    }

    double afterSince() throws IOException {
      if (!Files.exists(log)) {
        return Double.NaN;
      }
      String text;
      try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
        long length = f.length();
        byte[] bytes = new byte[(int) Math.max(0, length - offset)];
        f.seek(offset);
        f.readFully(bytes);
        text = new String(bytes, StandardCharsets.UTF_8);
      }
      // only whole lines: a line the JVM is still writing is read next time
      int lastLine = text.lastIndexOf('\n');
      if (lastLine < 0) {
        return Double.NaN;
      }
      text = text.substring(0, lastLine + 1);
      offset += text.getBytes(StandardCharsets.UTF_8).length;
      return lowestAfter(text);
    }

    /** The lowest "after" of the collections in {@code text}, NaN when there are none. */
    static double lowestAfter(String text) {
      double lowest = Double.NaN;
      Matcher m = GC.matcher(text);
      while (m.find()) {
        double after = Double.parseDouble(m.group(2));
        lowest = Double.isNaN(lowest) ? after : Math.min(lowest, after);
      }
      return lowest;
    }
  }
}
