package io.vruksha.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.pricing.PricedBasket;
import org.junit.jupiter.api.Test;

/** Checks the benchmark measures what it claims: a 20-line basket where five promotions apply. */
class PricingBenchmarkTest {

  @Test
  void theBasketHasTwentyLinesAndOnlyTheFiveApplicablePromotionsCanApply() {
    for (int n : new int[] {10, 1000}) {
      PricingBenchmark bench = new PricingBenchmark();
      bench.promotions = n;
      bench.setUp();
      PricedBasket priced = bench.price();
      assertThat(priced.lines()).hasSize(20);
      assertThat(priced.promotions()).isNotEmpty();
      assertThat(priced.promotions()).allSatisfy(p -> assertThat(p.id().value()).startsWith("p-"));
      assertThat(bench.engine.promotions().active(PricingBenchmark.STORE)).hasSize(n);
    }
  }
}
