package io.vruksha.retail.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ExactAmountTest {

  private static ExactAmount eur(String amount) {
    return ExactAmount.of(amount, "EUR");
  }

  @Test
  void sumsAreExactAndRoundHalfUpOnceAtTheEnd() {
    // 16.448 + 9.9999 + 0.0049 = 26.4528 -> 26.45
    ExactAmount sum = eur("16.448").plus(eur("9.9999")).plus(eur("0.0049"));
    assertThat(sum).isEqualTo(eur("26.4528"));
    assertThat(sum.rounded()).isEqualTo(Money.of("26.45", "EUR"));
    // three lines of 0.0049: 0.0147 -> 0.01, where each line rounded first gives 0.00
    assertThat(eur("0.0049").plus(eur("0.0049")).plus(eur("0.0049")).rounded())
        .isEqualTo(Money.of("0.01", "EUR"));
    // a tie goes up: 19.985 -> 19.99 (half-even would give 19.98)
    assertThat(eur("19.985").rounded()).isEqualTo(Money.of("19.99", "EUR"));
    assertThat(eur("-19.985").rounded()).isEqualTo(Money.of("-19.99", "EUR"));
  }

  @Test
  void equalityIgnoresTrailingZerosAndTheTextKeepsEveryDigit() {
    assertThat(eur("9.90"))
        .isEqualTo(eur("9.9"))
        .isEqualTo(ExactAmount.of(Money.of("9.90", "EUR")));
    assertThat(eur("9.9")).hasToString("9.90 EUR");
    assertThat(eur("16.4480")).hasToString("16.448 EUR");
    assertThat(ExactAmount.of("1.5", "JPY")).hasToString("1.5 JPY");
    assertThat(ExactAmount.of("1.5", "JPY").rounded()).isEqualTo(Money.of("2", "JPY"));
  }

  @Test
  void theAverageIsTheExactQuotientRoundedOnce() {
    // 24.9905 / 2 = 12.49525 -> 12.50; 58.435 / 5 = 11.687 -> 11.69; 0.01 / 3 -> 0.00
    assertThat(eur("24.9905").average(2)).isEqualTo(Money.of("12.50", "EUR"));
    assertThat(eur("58.435").average(5)).isEqualTo(Money.of("11.69", "EUR"));
    assertThat(eur("0.01").average(3)).isEqualTo(Money.of("0.00", "EUR"));
    assertThat(eur("0.015").average(1)).isEqualTo(Money.of("0.02", "EUR"));
    assertThat(eur("5.00").average(0)).isEqualTo(Money.of("0.00", "EUR"));
  }

  @Test
  void twoCurrenciesDoNotMix() {
    assertThatThrownBy(() -> eur("1").plus(ExactAmount.of("1", "USD")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("cannot combine EUR with USD");
  }

  /** Adding exactly then rounding once equals rounding the exact BigDecimal sum half-up. */
  @Property
  void theShownSumIsTheExactSumRoundedHalfUp(
      @ForAll @Size(min = 1, max = 50)
          List<@IntRange(min = -2_000_000, max = 2_000_000) Integer> tenThousandths) {
    ExactAmount sum = eur("0");
    BigDecimal exact = BigDecimal.ZERO;
    for (int t : tenThousandths) {
      BigDecimal v = BigDecimal.valueOf(t, 4);
      sum = sum.plus(ExactAmount.of(v, Money.currency("EUR")));
      exact = exact.add(v);
    }
    assertThat(sum.amount()).isEqualByComparingTo(exact);
    assertThat(sum.rounded().amount()).isEqualTo(exact.setScale(2, RoundingMode.HALF_UP));
  }
}
