package io.vruksha.retail.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class MoneyTest {

  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Currency JPY = Currency.getInstance("JPY");
  private static final Currency KWD = Currency.getInstance("KWD");

  @Test
  void amountsAreScaledToTheCurrencysMinorUnits() {
    assertThat(Money.of("12.3", "EUR").amount()).isEqualByComparingTo("12.30");
    assertThat(Money.of("12.3", "EUR").amount().scale()).isEqualTo(2);
    assertThat(Money.of("500", "JPY").amount().scale()).isZero();
    assertThat(Money.of("1.234", "KWD").amount().scale()).isEqualTo(3);
  }

  @Test
  void equalityIgnoresTrailingZeros() {
    assertThat(Money.of("12.3", "EUR")).isEqualTo(Money.of("12.30", "EUR"));
    assertThat(Money.ofMinor(EUR, 1230)).isEqualTo(Money.of("12.30", EUR));
  }

  @Test
  void anAmountNeedingRoundingIsRefusedNotRoundedSilently() {
    assertThatThrownBy(() -> Money.of("12.345", "EUR"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("12.345")
        .extracting(e -> ((InvalidInputException) e).code())
        .isEqualTo(ErrorCode.ROUNDING_REQUIRED);
    assertThatThrownBy(() -> Money.of("1.5", JPY)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void combiningTwoCurrenciesIsAnError() {
    assertThatThrownBy(() -> Money.of("1.00", "EUR").plus(Money.of("1.00", "USD")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("cannot combine EUR with USD");
  }

  @Test
  void multiplicationNamesItsRounding() {
    // 19.99 x 0.15 = 2.9985 -> 3.00 half-up, 2.99 down
    Money price = Money.of("19.99", EUR);
    assertThat(price.times(new BigDecimal("0.15"), RoundingMode.HALF_UP))
        .isEqualTo(Money.of("3.00", EUR));
    assertThat(price.times(new BigDecimal("0.15"), RoundingMode.DOWN))
        .isEqualTo(Money.of("2.99", EUR));
  }

  @Test
  void halfUpAndHalfEvenDifferOnlyOnExactHalves() {
    // 0.125 -> 0.13 half-up, 0.12 half-even (2 is even); 0.135 -> 0.14 both
    assertThat(Rounding.halfUp(new BigDecimal("0.125"), EUR)).isEqualTo(Money.of("0.13", EUR));
    assertThat(Rounding.halfEven(new BigDecimal("0.125"), EUR)).isEqualTo(Money.of("0.12", EUR));
    assertThat(Rounding.halfEven(new BigDecimal("0.135"), EUR)).isEqualTo(Money.of("0.14", EUR));
    assertThat(Rounding.halfUp(new BigDecimal("1234.5"), JPY)).isEqualTo(Money.of("1235", JPY));
    assertThat(Rounding.halfEven(new BigDecimal("0.0125"), KWD)).isEqualTo(Money.of("0.012", KWD));
  }

  @Test
  void parsingRejectsGarbageAndUnknownCurrencies() {
    assertThatThrownBy(() -> Money.of("twelve", "EUR"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("twelve");
    assertThatThrownBy(() -> Money.of("1.00", "XYZ1"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("ISO 4217");
  }

  @Test
  void minorUnitsRoundTrip() {
    assertThat(Money.of("-7.05", EUR).minorUnits()).isEqualTo(-705);
    assertThat(Money.ofMinor(JPY, 1500)).isEqualTo(Money.of("1500", JPY));
  }
}
