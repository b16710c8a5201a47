package io.vruksha.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
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

  /** {@code Run pricing [--quick]}. */
  public static void main(String[] args) throws RunnerException {
    if (args.length < 1) {
      System.err.println("usage: Run pricing [--quick]");
      System.exit(2);
    }
    boolean quick = List.of(args).contains("--quick");
    switch (args[0]) {
      case "pricing" -> pricing(quick);
      default -> {
        System.err.println("unknown benchmark '" + args[0] + "'; known: pricing");
        System.exit(2);
      }
    }
  }

  private static void pricing(boolean quick) throws RunnerException {
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
    List<String> lines = new ArrayList<>();
    micros.forEach(
        (n, us) -> {
          lines.add(String.format(Locale.ROOT, "pricing_%d_us=%.1f", n, us));
          lines.add(String.format(Locale.ROOT, "pricing_%d_error_us=%.1f", n, errors.get(n)));
        });
    if (micros.containsKey(10) && micros.containsKey(1000)) {
      lines.add(
          String.format(Locale.ROOT, "pricing_1000_vs_10=%.2f", micros.get(1000) / micros.get(10)));
    }
    if (micros.containsKey(10) && micros.containsKey(100)) {
      lines.add(
          String.format(Locale.ROOT, "pricing_100_vs_10=%.2f", micros.get(100) / micros.get(10)));
    }
    lines.forEach(System.out::println);
  }
}
