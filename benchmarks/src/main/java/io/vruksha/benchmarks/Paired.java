package io.vruksha.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The engine and its baseline measured in short rounds, one right after the other, in alternating
 * order (engine first in odd rounds, baseline first in even ones). On a shared machine whose speed
 * swings within minutes, one block of the engine followed by one block of the baseline compares two
 * different machines; a round's two figures are seconds apart, and the median of the rounds' ratios
 * is not moved by one round that caught a swing.
 */
final class Paired {

  /** Rounds a paired point takes. */
  static final int ROUNDS = 3;

  /** One round's two rates. */
  record Round(double engine, double baseline) {
    double ratio() {
      return engine / baseline;
    }
  }

  private Paired() {}

  /** {@code rounds} rounds of {@code engine} and {@code baseline}, each returning a rate. */
  static List<Round> measure(int rounds, DoubleSupplier engine, DoubleSupplier baseline) {
    List<Round> out = new ArrayList<>(rounds);
    for (int r = 0; r < rounds; r++) {
      double e;
      double b;
      if (r % 2 == 0) {
        e = engine.getAsDouble();
        b = baseline.getAsDouble();
      } else {
        b = baseline.getAsDouble();
        e = engine.getAsDouble();
      }
      out.add(new Round(e, b));
    }
    return out;
  }

  /** The median of the rounds' ratios (the mean of the middle two for an even count). */
  static double medianRatio(List<Round> rounds) {
    if (rounds.isEmpty()) {
      throw new IllegalArgumentException("no rounds");
    }
    double[] r = rounds.stream().mapToDouble(Round::ratio).sorted().toArray();
    int mid = r.length / 2;
    return r.length % 2 == 1 ? r[mid] : (r[mid - 1] + r[mid]) / 2;
  }

  /**
   * Puts the mean engine and baseline rates under {@code engineKey} and {@code baselineKey}, the
   * median ratio under {@code ratioKey}, and each round's ratio, sorted, under {@code ratioKey +
   * "_rounds"}.
   */
  static void put(
      Map<String, String> out,
      String engineKey,
      String baselineKey,
      String ratioKey,
      List<Round> rounds) {
    out.put(
        engineKey,
        CheckoutEmbedded.f(rounds.stream().mapToDouble(Round::engine).average().orElseThrow()));
    out.put(
        baselineKey,
        CheckoutEmbedded.f(rounds.stream().mapToDouble(Round::baseline).average().orElseThrow()));
    out.put(ratioKey, String.format(Locale.ROOT, "%.2f", medianRatio(rounds)));
    out.put(
        ratioKey + "_rounds",
        String.join(
            ",",
            rounds.stream()
                .mapToDouble(Round::ratio)
                .sorted()
                .mapToObj(x -> String.format(Locale.ROOT, "%.2f", x))
                .toList()));
  }
}
