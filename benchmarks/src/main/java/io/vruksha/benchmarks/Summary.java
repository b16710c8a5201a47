package io.vruksha.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoublePredicate;

/**
 * The summary {@code all} ends with: each of the targets, the figure it is judged on from
 * the run, and whether it was met. A figure a benchmark did not print (it failed, or the machine
 * lacked a tool) is {@code not measured}, never met.
 */
final class Summary {

  /**
   * One target: the figures it is judged on, the test each must pass, figures shown beside them
   * without being judged, and how it reads to a person.
   */
  private record Target(
      String name,
      List<String> keys,
      List<DoublePredicate> tests,
      List<String> shown,
      String wanted) {

    /** A target whose every figure must pass {@code met}. */
    static Target of(String name, List<String> keys, DoublePredicate met, String wanted) {
      return new Target(name, keys, keys.stream().map(k -> met).toList(), List.of(), wanted);
    }
  }

  private static final List<Target> TARGETS =
      List.of(
          Target.of("pricing", List.of("pricing_1000_vs_10"), v -> v <= 2, "<= 2"),
          Target.of("checkout_embedded", List.of("embedded_vs_pgbench_8"), v -> v >= 0.8, ">= 0.8"),
          Target.of(
              "checkout_sqlfloor", List.of("embedded_vs_sqlfloor_8"), v -> v >= 0.8, ">= 0.8"),
          Target.of("checkout_rows", List.of("checkout_rows_inserted"), v -> v <= 8, "<= 8"),
          Target.of("checkout_bytes", List.of("checkout_bytes"), v -> v <= 2_500, "<= 2,500"),
          Target.of("checkout_http", List.of("http_vs_pgbench_32"), v -> v >= 0.5, ">= 0.5"),
          // judged at a constant arrival rate of half the maximum, the latency a till feels; the
          // closed-loop p99 at 32 connections is queueing at saturation, shown, not judged
          new Target(
              "checkout_http_p99",
              List.of("open_p99_ms"),
              List.of(v -> v <= 50),
              List.of("p99_ms_32"),
              "<= 50 ms at half the maximum rate"),
          Target.of("http_vs_embedded", List.of("http_vs_embedded"), v -> v >= 0.6, ">= 0.6"),
          Target.of(
              "errors",
              List.of("errors_8", "errors_32", "errors_256", "hold_errors"),
              v -> v == 0,
              "0 everywhere, 1,000 connections held included"),
          Target.of("relay", List.of("relay_vs_raw"), v -> v >= 0.5, ">= 0.5"),
          Target.of(
              "import",
              List.of("import_products_vs_copy", "import_sales_vs_copy"),
              v -> v >= 0.5,
              ">= 0.5"),
          Target.of("import_heap", List.of("import_peak_heap_mib"), v -> v < 256, "< 256 MiB"),
          new Target(
              "soak",
              List.of("soak_tps_ratio", "soak_p99_ratio"),
              List.of(v -> v >= 0.9, v -> v <= 1.1),
              List.of(),
              "last minute's throughput and p99 within 10% of the first's"));

  /**
   * {@code http_vs_embedded}: the server's checkouts a second over HTTP at 32 connections against
   * the embedded engine's at 8 threads, from the same run; nothing when either is missing.
   */
  static Map<String, String> httpVsEmbedded(Map<String, String> figures) {
    String http = figures.get("http_tps_32");
    String embedded = figures.get("embedded_tps_8");
    if (http == null || embedded == null || !isNumber(http) || !isNumber(embedded)) {
      return Map.of();
    }
    return Map.of(
        "http_vs_embedded", Soak.ratio(Double.parseDouble(http), Double.parseDouble(embedded)));
  }

  private Summary() {}

  /**
   * The summary lines of {@code figures} (every {@code key=value} the run printed): one {@code
   * summary_NAME=met|missed|not measured: key value, ... (target ...)} a target, then {@code
   * summary_targets_met=N of M}.
   */
  static Map<String, String> of(Map<String, String> figures) {
    Map<String, String> out = new LinkedHashMap<>();
    int met = 0;
    for (Target t : TARGETS) {
      List<String> shown = new ArrayList<>();
      String verdict = "met";
      for (int i = 0; i < t.keys().size(); i++) {
        String key = t.keys().get(i);
        String value = figures.get(key);
        shown.add(key + " " + (value == null ? "-" : value));
        if (value == null || !isNumber(value)) {
          verdict = "not measured";
        } else if (!t.tests().get(i).test(Double.parseDouble(value)) && verdict.equals("met")) {
          verdict = "missed";
        }
      }
      if (verdict.equals("met")) {
        met++;
      }
      String beside =
          t.shown().stream()
              .map(k -> "; " + k + " " + figures.getOrDefault(k, "-") + " not judged")
              .reduce("", String::concat);
      out.put(
          "summary_" + t.name(),
          verdict + ": " + String.join(", ", shown) + " (target " + t.wanted() + beside + ")");
    }
    out.put("summary_targets_met", String.format(Locale.ROOT, "%d of %d", met, TARGETS.size()));
    return out;
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
