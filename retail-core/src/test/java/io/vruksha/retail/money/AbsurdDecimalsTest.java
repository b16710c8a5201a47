package io.vruksha.retail.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.vruksha.retail.InvalidInputException;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Numbers no shop has are refused at once, with a short message, never expanded. */
class AbsurdDecimalsTest {

  @Test
  void hugeExponentsAreRefusedQuickly() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () -> {
          assertThatThrownBy(() -> new Quantity(new BigDecimal("1e999999999"), UnitOfMeasure.EACH))
              .isInstanceOf(InvalidInputException.class)
              .hasMessageContaining("out of range");
          assertThatThrownBy(() -> Money.of("1e999999999", "EUR"))
              .isInstanceOf(InvalidInputException.class);
          assertThatThrownBy(() -> Money.of(new BigDecimal("1e-1000000"), Money.currency("EUR")))
              .isInstanceOf(InvalidInputException.class)
              .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(120));
          assertThatThrownBy(() -> UnitPrice.of("1e999999999", "EUR"))
              .isInstanceOf(InvalidInputException.class);
          assertThatThrownBy(() -> Money.of("9".repeat(100), "EUR"))
              .isInstanceOf(InvalidInputException.class)
              .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(120));
        });
  }

  @Test
  void largeButRealNumbersStillWork() {
    assertThat(Money.of("999999999999.99", "EUR").amount()).isEqualByComparingTo("999999999999.99");
    assertThat(Money.of("1E+3", "EUR").amount()).isEqualByComparingTo("1000");
    assertThat(Quantity.kilograms("10000.000").value()).isEqualByComparingTo("10000");
  }
}
