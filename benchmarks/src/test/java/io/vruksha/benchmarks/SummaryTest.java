package io.vruksha.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTest {

  /** The figures of a `run.sh all` on the 2-core development machine (round 5). */
  private static Map<String, String> round5() {
    Map<String, String> f = new HashMap<>();
    f.put("pricing_1000_vs_10", "0.96");
    f.put("embedded_vs_pgbench_8", "0.21");
    f.put("http_vs_pgbench_32", "0.12");
    f.put("p99_ms_32", "438.3");
    f.put("errors_8", "0");
    f.put("errors_32", "0");
    f.put("errors_256", "0");
    f.put("hold_errors", "0");
    f.put("relay_vs_raw", "0.41");
    f.put("import_products_vs_copy", "0.43");
    f.put("import_sales_vs_copy", "0.39");
    f.put("import_peak_heap_mib", "236");
    return f;
  }

  @Test
  void eachTargetIsJudgedOnItsFiguresFromTheRun() {
    Map<String, String> s = Summary.of(round5());

    assertThat(s)
        .containsEntry("summary_pricing", "met: pricing_1000_vs_10 0.96 (target <= 2)")
        .containsEntry(
            "summary_checkout_embedded", "missed: embedded_vs_pgbench_8 0.21 (target >= 0.8)")
        .containsEntry("summary_checkout_http", "missed: http_vs_pgbench_32 0.12 (target >= 0.5)")
        .containsEntry("summary_checkout_http_p99", "missed: p99_ms_32 438.3 (target <= 50 ms)")
        .containsEntry(
            "summary_errors",
            "met: errors_8 0, errors_32 0, errors_256 0, hold_errors 0"
                + " (target 0 everywhere, 1,000 connections held included)")
        .containsEntry("summary_relay", "missed: relay_vs_raw 0.41 (target >= 0.5)")
        .containsEntry(
            "summary_import",
            "missed: import_products_vs_copy 0.43, import_sales_vs_copy 0.39 (target >= 0.5)")
        .containsEntry("summary_import_heap", "met: import_peak_heap_mib 236 (target < 256 MiB)")
        .containsEntry("summary_targets_met", "3 of 9");
  }

  @Test
  void aTargetIsMetOnlyWhenEveryFigureItReadsPasses() {
    Map<String, String> f = round5();
    f.put("import_products_vs_copy", "0.52");
    f.put("import_sales_vs_copy", "0.50");
    f.put("hold_errors", "3");

    Map<String, String> s = Summary.of(f);

    assertThat(s.get("summary_import")).startsWith("met:");
    assertThat(s.get("summary_errors")).startsWith("missed:").contains("hold_errors 3");
    assertThat(s).containsEntry("summary_targets_met", "3 of 9");
  }

  @Test
  void aFigureTheRunDidNotPrintIsNotMeasuredAndNeverMet() {
    Map<String, String> f = round5();
    f.remove("relay_vs_raw");
    f.put("import_sales_vs_copy", "n/a");
    f.put("import_products_vs_copy", "0.9");

    Map<String, String> s = Summary.of(f);

    assertThat(s).containsEntry("summary_relay", "not measured: relay_vs_raw - (target >= 0.5)");
    assertThat(s.get("summary_import")).startsWith("not measured:");
    assertThat(s).containsEntry("summary_targets_met", "3 of 9");
  }
}
