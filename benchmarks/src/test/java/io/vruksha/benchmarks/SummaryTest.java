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
        .containsEntry(
            "summary_checkout_http_p99",
            "not measured: open_p99_ms -"
                + " (target <= 50 ms at half the maximum rate; p99_ms_32 438.3 not judged)")
        .containsEntry(
            "summary_errors",
            "met: errors_8 0, errors_32 0, errors_256 0, hold_errors 0"
                + " (target 0 everywhere, 1,000 connections held included)")
        .containsEntry("summary_relay", "missed: relay_vs_raw 0.41 (target >= 0.5)")
        .containsEntry(
            "summary_import",
            "missed: import_products_vs_copy 0.43, import_sales_vs_copy 0.39 (target >= 0.5)")
        .containsEntry("summary_import_heap", "met: import_peak_heap_mib 236 (target < 256 MiB)")
        .containsEntry(
            "summary_checkout_rows", "not measured: checkout_rows_inserted - (target <= 8)")
        .containsEntry(
            "summary_soak",
            "not measured: soak_tps_ratio -, soak_p99_ratio -"
                + " (target last minute's throughput and p99 within 10% of the first's)")
        .containsEntry("summary_targets_met", "3 of 13");
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
    assertThat(s).containsEntry("summary_targets_met", "3 of 13");
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
    assertThat(s).containsEntry("summary_targets_met", "3 of 13");
  }

  @Test
  void theStorageTheOpenLoopAndTheSoakAreJudgedWhenTheRunPrintsThem() {
    Map<String, String> f = round5();
    f.put("checkout_rows_inserted", "13.0");
    f.put("checkout_bytes", "2431");
    f.put("open_p99_ms", "31.7");
    f.put("http_tps_32", "463.9");
    f.put("embedded_tps_8", "1384.2");
    f.putAll(Summary.httpVsEmbedded(f));
    f.put("soak_tps_ratio", "1.00");
    f.put("soak_p99_ratio", "0.85");

    Map<String, String> s = Summary.of(f);

    // 463.9 / 1,384.2 = 0.335
    assertThat(f).containsEntry("http_vs_embedded", "0.34");
    assertThat(s)
        .containsEntry("summary_checkout_rows", "missed: checkout_rows_inserted 13.0 (target <= 8)")
        .containsEntry("summary_checkout_bytes", "met: checkout_bytes 2431 (target <= 2,500)")
        .containsEntry(
            "summary_checkout_http_p99",
            "met: open_p99_ms 31.7"
                + " (target <= 50 ms at half the maximum rate; p99_ms_32 438.3 not judged)")
        .containsEntry("summary_http_vs_embedded", "missed: http_vs_embedded 0.34 (target >= 0.6)")
        .containsEntry(
            "summary_soak",
            "met: soak_tps_ratio 1.00, soak_p99_ratio 0.85"
                + " (target last minute's throughput and p99 within 10% of the first's)")
        // pricing, errors, import heap, bytes, the open-loop p99 and the soak
        .containsEntry("summary_targets_met", "6 of 13");
  }

  @Test
  void aSoakWhoseLastMinuteSlowedOrLostThroughputMissesItsTarget() {
    Map<String, String> f = round5();
    f.put("soak_tps_ratio", "0.95");
    f.put("soak_p99_ratio", "1.25");
    assertThat(Summary.of(f).get("summary_soak")).startsWith("missed:");

    f.put("soak_tps_ratio", "0.85");
    f.put("soak_p99_ratio", "1.00");
    assertThat(Summary.of(f).get("summary_soak")).startsWith("missed:");
  }

  @Test
  void httpVsEmbeddedIsLeftOutWhenEitherRateIsMissing() {
    assertThat(Summary.httpVsEmbedded(Map.of("http_tps_32", "463.9"))).isEmpty();
  }
}
