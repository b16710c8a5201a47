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

  /** One target: the figures it reads, the test each must pass, and how it reads to a person. */
  private record Target(String name, List<String> keys, DoublePredicate met, String wanted) {}

  private static final List<Target> TARGETS =
      List.of(
          new Target("pricing", List.of("pricing_1000_vs_10"), v -> v <= 2, "<= 2"),
          new Target(
              "checkout_embedded", List.of("embedded_vs_pgbench_8"), v -> v >= 0.8, ">= 0.8"),
          new Target(
              "checkout_sqlfloor", List.of("embedded_vs_sqlfloor_8"), v -> v >= 0.8, ">= 0.8"),
          new Target("checkout_http", List.of("http_vs_pgbench_32"), v -> v >= 0.5, ">= 0.5"),
          new Target("checkout_http_p99", List.of("p99_ms_32"), v -> v <= 50, "<= 50 ms"),
          new Target(
              "errors",
              List.of("errors_8", "errors_32", "errors_256", "hold_errors"),
              v -> v == 0,
              "0 everywhere, 1,000 connections held included"),
          new Target("relay", List.of("relay_vs_raw"), v -> v >= 0.5, ">= 0.5"),
          new Target(
              "import",
              List.of("import_products_vs_copy", "import_sales_vs_copy"),
              v -> v >= 0.5,
              ">= 0.5"),
          new Target("import_heap", List.of("import_peak_heap_mib"), v -> v < 256, "< 256 MiB"));

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
      for (String key : t.keys()) {
        String value = figures.get(key);
        shown.add(key + " " + (value == null ? "-" : value));
        if (value == null || !isNumber(value)) {
          verdict = "not measured";
        } else if (!t.met().test(Double.parseDouble(value)) && verdict.equals("met")) {
          verdict = "missed";
        }
      }
      if (verdict.equals("met")) {
        met++;
      }
      out.put(
          "summary_" + t.name(),
          verdict + ": " + String.join(", ", shown) + " (target " + t.wanted() + ")");
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
