package io.vruksha.benchmarks;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs a named benchmark and prints one {@code key=value} line per figure, engine and baseline from
 * the same run: {@code java -jar benchmarks/target/benchmarks.jar} runs raw JMH, this class the
 * named suites of {@code benchmarks/run.sh}.
 */
public final class Run {

  /** Where JMH's own progress log goes, so standard output carries only the figures. */
  static final String LOG = "benchmarks/target/jmh-pricing.log";

  private Run() {}

  /** The benchmarks {@code run.sh} knows. */
  static final List<String> NAMES =
      List.of(
          "pricing",
          "checkout-embedded",
          "checkout-http",
          "checkout-till",
          "relay",
          "import",
          "soak",
          "all");

  /** {@code Run NAME [--quick]}. */
  public static void main(String[] args) throws Exception {
    if (args.length < 1 || !NAMES.contains(args[0])) {
      System.err.println("usage: Run " + String.join("|", NAMES) + " [--quick]");
      System.exit(2);
    }
    boolean quick = List.of(args).contains("--quick");
    int seconds = quick ? 5 : 10;
    // the JIT compiles for about 25 s of a checkout load on two cores (C2 threads take a core):
    // the engines are warmed up this long before the first point is measured
    int warmup = quick ? 15 : 30;
    // the open-loop run of checkout-http, and the soak (read in ten windows)
    int openSeconds = quick ? 5 : 30;
    int soakSeconds = quick ? 60 : 600;
    System.out.println(
        "machine="
            + Runtime.getRuntime().availableProcessors()
            + "cores/"
            + (Runtime.getRuntime().maxMemory() >> 20)
            + "MiB-heap/java-"
            + System.getProperty("java.version"));
    if (args[0].equals("pricing")) {
      pricing(quick);
      return;
    }
    if (args[0].equals("checkout-till")) {
      print(CheckoutTill.run(warmup, seconds));
      return;
    }
    try (BenchPostgres postgres = BenchPostgres.start(System.getenv())) {
      run(args[0], quick, warmup, seconds, openSeconds, soakSeconds, postgres.env());
    }
  }

  private static void run(
      String name,
      boolean quick,
      int warmup,
      int seconds,
      int openSeconds,
      int soakSeconds,
      Map<String, String> env)
      throws Exception {
    switch (name) {
      case "checkout-embedded" -> print(CheckoutEmbedded.run(env, warmup, seconds));
      case "checkout-http" -> print(CheckoutHttp.run(env, warmup, seconds, openSeconds));
      case "soak" -> print(Soak.run(env, warmup, seconds, soakSeconds));
      case "relay" -> print(RelayBench.run(env, warmup, quick ? 5_000 : 20_000));
      case "import" -> print(ImportBench.run(env, quick ? 100_000 : 1_000_000));
      default -> {
        Map<String, String> all = new LinkedHashMap<>();
        all.putAll(pricing(true));
        all.putAll(print(CheckoutEmbedded.run(env, warmup, seconds)));
        all.putAll(print(CheckoutHttp.run(env, warmup, seconds, openSeconds)));
        all.putAll(print(Summary.httpVsEmbedded(all)));
        all.putAll(print(CheckoutTill.run(warmup, seconds)));
        all.putAll(print(RelayBench.run(env, warmup, quick ? 5_000 : 20_000)));
        all.putAll(print(ImportBench.run(env, quick ? 100_000 : 1_000_000)));
        all.putAll(print(Soak.run(env, warmup, seconds, soakSeconds)));
        print(Summary.of(all));
      }
    }
  }

  private static Map<String, String> print(Map<String, String> figures) {
    figures.forEach((k, v) -> System.out.println(k + "=" + v));
    return figures;
  }

  private static Map<String, String> pricing(boolean quick) throws RunnerException {
    Options options =
        new OptionsBuilder()
            .include(PricingBenchmark.class.getName())
            .forks(1)
            .warmupIterations(quick ? 2 : 5)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(quick ? 3 : 8)
            .measurementTime(TimeValue.seconds(1))
            .shouldFailOnError(true)
            .output(LOG)
            .build();
    System.err.println("running the pricing benchmark; JMH's log goes to " + LOG);
    Collection<RunResult> results = new Runner(options).run();
    Map<Integer, Double> micros = new TreeMap<>();
    Map<Integer, Double> errors = new TreeMap<>();
    for (RunResult r : results) {
      int promotions = Integer.parseInt(r.getParams().getParam("promotions"));
      micros.put(promotions, r.getPrimaryResult().getScore());
      errors.put(promotions, r.getPrimaryResult().getScoreError());
    }
    Map<String, String> figures = new LinkedHashMap<>();
    micros.forEach(
        (n, us) -> {
          figures.put("pricing_" + n + "_us", String.format(Locale.ROOT, "%.1f", us));
          figures.put(
              "pricing_" + n + "_error_us", String.format(Locale.ROOT, "%.1f", errors.get(n)));
        });
    if (micros.containsKey(10) && micros.containsKey(1000)) {
      figures.put(
          "pricing_1000_vs_10",
          String.format(Locale.ROOT, "%.2f", micros.get(1000) / micros.get(10)));
    }
    if (micros.containsKey(10) && micros.containsKey(100)) {
      figures.put(
          "pricing_100_vs_10",
          String.format(Locale.ROOT, "%.2f", micros.get(100) / micros.get(10)));
    }
    return print(figures);
  }
}
