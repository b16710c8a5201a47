package io.vruksha.retail.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

class QuantityTest {

  @Test
  void piecesAreWholeAndWeightsGoToTheGram() {
    assertThat(Quantity.each(3).pieces()).isEqualTo(3);
    assertThat(Quantity.kilograms("0.755").value()).isEqualByComparingTo("0.755");
    assertThat(Quantity.kilograms("0.755").unit().scale()).isEqualTo(3);
  }

  @Test
  void tooManyDecimalsAreRefused() {
    assertThatThrownBy(() -> Quantity.kilograms("0.7555"))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).code())
        .isEqualTo(ErrorCode.QUANTITY_PRECISION);
    assertThatThrownBy(() -> Quantity.of("1.5", UnitOfMeasure.EACH))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("1.5 ea");
  }

  @Test
  void equalityIgnoresTrailingZeros() {
    assertThat(Quantity.kilograms("1.5")).isEqualTo(Quantity.kilograms("1.500"));
  }

  @Test
  void nonPositiveBasketQuantitiesAreRefused() {
    assertThatThrownBy(() -> Quantity.each(-2).requirePositive())
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("quantity must be positive, was -2 ea");
    assertThatThrownBy(() -> Quantity.each(0).requirePositive())
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void subCentUnitPricesExtendWithNamedRounding() {
    // 1.239 EUR/l x 42.37 l = 52.49643 -> 52.50 half-up
    UnitPrice fuel = UnitPrice.of("1.239", "EUR");
    assertThat(fuel.extend(Quantity.of("42.37", UnitOfMeasure.LITRE), RoundingMode.HALF_UP))
        .isEqualTo(Money.of("52.50", "EUR"));
    // 12.99 EUR/kg x 0.755 kg = 9.80745 -> 9.81
    assertThat(
            UnitPrice.of("12.99", "EUR").extend(Quantity.kilograms("0.755"), RoundingMode.HALF_UP))
        .isEqualTo(Money.of("9.81", "EUR"));
  }

  @Test
  void unitPricesRefuseNegativeAndOverPreciseValues() {
    assertThatThrownBy(() -> UnitPrice.of("-1.00", "EUR"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> UnitPrice.of("1.0000001", "EUR"))
        .isInstanceOf(InvalidInputException.class);
    assertThat(UnitPrice.of("1.5", "EUR")).isEqualTo(UnitPrice.of("1.50", "EUR"));
  }
}
