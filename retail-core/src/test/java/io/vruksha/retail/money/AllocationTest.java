package io.vruksha.retail.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class AllocationTest {

  private static final Currency EUR = Currency.getInstance("EUR");

  private static List<BigDecimal> weights(String... w) {
    return Arrays.stream(w).map(BigDecimal::new).toList();
  }

  @Test
  void tenEurosOverThreeEqualPartsGivesTheSpareCentToTheFirst() {
    // 1000 / 3 = 333.33 each; floors 333+333+333 = 999; the 1 cent left goes to the first (tie)
    assertThat(Money.of("10.00", EUR).allocate(weights("1", "1", "1")))
        .containsExactly(Money.of("3.34", EUR), Money.of("3.33", EUR), Money.of("3.33", EUR));
  }

  @Test
  void spareCentsGoToTheLargestRemainders() {
    // 4.97 over 4.99/4.99/4.99 -> 1.6566.. each: floors 1.65 x3 = 4.95, two cents to the first two
    assertThat(Money.of("4.97", EUR).allocate(weights("4.99", "4.99", "4.99")))
        .containsExactly(Money.of("1.66", EUR), Money.of("1.66", EUR), Money.of("1.65", EUR));
    // 1.00 over 2/3/5 -> 0.20/0.30/0.50 exactly
    assertThat(Money.of("1.00", EUR).allocate(weights("2", "3", "5")))
        .containsExactly(Money.of("0.20", EUR), Money.of("0.30", EUR), Money.of("0.50", EUR));
    // 0.10 over 1/1/1/... the shares 3.333 cents: 3+3+3 = 9, remainders equal, first wins
    // 0.05 over 10/20/70 -> 0.5, 1.0, 3.5 cents: floors 0+1+3 = 4, one left; remainders .5,.0,.5
    // the tie between the first and the last goes to the first
    assertThat(Money.of("0.05", EUR).allocate(weights("10", "20", "70")))
        .containsExactly(Money.of("0.01", EUR), Money.of("0.01", EUR), Money.of("0.03", EUR));
  }

  @Test
  void negativeAmountsSplitAsTheirMirror() {
    assertThat(Money.of("-10.00", EUR).allocate(weights("1", "1", "1")))
        .containsExactly(Money.of("-3.34", EUR), Money.of("-3.33", EUR), Money.of("-3.33", EUR));
  }

  @Test
  void allZeroWeightsSplitEvenly() {
    assertThat(Money.of("0.02", EUR).allocate(weights("0", "0", "0")))
        .containsExactly(Money.of("0.01", EUR), Money.of("0.01", EUR), Money.of("0.00", EUR));
  }

  @Test
  void negativeWeightsAndNoPartsAreRefused() {
    assertThatThrownBy(() -> Money.of("1.00", EUR).allocate(weights("1", "-1")))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Money.of("1.00", EUR).allocate(List.of()))
        .isInstanceOf(InvalidInputException.class);
  }

  @Property(tries = 1000)
  void partsAlwaysSumToTheWhole(
      @ForAll @LongRange(min = -10_000_000, max = 10_000_000) long totalMinor,
      @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 100_000) Integer> w) {
    List<BigDecimal> weights = w.stream().map(BigDecimal::valueOf).toList();
    long[] parts = Allocation.largestRemainder(totalMinor, weights);
    assertThat(Arrays.stream(parts).sum()).isEqualTo(totalMinor);
  }

  @Property(tries = 1000)
  void eachPartIsWithinOneMinorUnitOfItsExactShare(
      @ForAll @LongRange(min = 0, max = 10_000_000) long totalMinor,
      @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 1, max = 100_000) Integer> w) {
    List<BigDecimal> weights = w.stream().map(BigDecimal::valueOf).toList();
    long[] parts = Allocation.largestRemainder(totalMinor, weights);
    long sum = w.stream().mapToLong(Integer::longValue).sum();
    for (int i = 0; i < parts.length; i++) {
      BigDecimal exact =
          BigDecimal.valueOf(totalMinor)
              .multiply(BigDecimal.valueOf(w.get(i)))
              .divide(BigDecimal.valueOf(sum), 10, RoundingMode.HALF_UP);
      assertThat(BigDecimal.valueOf(parts[i]).subtract(exact).abs()).isLessThan(BigDecimal.ONE);
    }
  }
}
