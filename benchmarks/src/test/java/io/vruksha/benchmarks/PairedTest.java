package io.vruksha.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PairedTest {

  @Test
  void roundsAlternateWhichSideGoesFirst() {
    List<String> calls = new ArrayList<>();
    double[] engine = {100, 90, 80};
    double[] baseline = {200, 300, 100};
    int[] e = {0};
    int[] b = {0};
    List<Paired.Round> rounds =
        Paired.measure(
            3,
            () -> {
              calls.add("engine");
              return engine[e[0]++];
            },
            () -> {
              calls.add("baseline");
              return baseline[b[0]++];
            });
    assertThat(calls)
        .containsExactly("engine", "baseline", "baseline", "engine", "engine", "baseline");
    assertThat(rounds)
        .containsExactly(
            new Paired.Round(100, 200), new Paired.Round(90, 300), new Paired.Round(80, 100));
  }

  @Test
  void theRatioIsTheMedianOfTheRoundsNotTheRatioOfTheMeans() {
    // ratios 0.50, 0.30, 0.80: median 0.50; the means would give 90 / 200 = 0.45
    List<Paired.Round> rounds =
        List.of(new Paired.Round(100, 200), new Paired.Round(90, 300), new Paired.Round(80, 100));
    assertThat(Paired.medianRatio(rounds)).isEqualTo(0.5);
    assertThat(Paired.medianRatio(rounds.subList(0, 2))).isEqualTo(0.4);
    assertThatThrownBy(() -> Paired.medianRatio(List.of()))
        .isInstanceOf(IllegalArgumentException.class);

    Map<String, String> out = new LinkedHashMap<>();
    Paired.put(out, "engine_tps", "base_tps", "engine_vs_base", rounds);
    assertThat(out)
        .containsExactly(
            Map.entry("engine_tps", "90.0"),
            Map.entry("base_tps", "200.0"),
            Map.entry("engine_vs_base", "0.50"),
            Map.entry("engine_vs_base_rounds", "0.30,0.50,0.80"));
  }
}
