package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.CategoryId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What a sales line lacks, derived from amounts with up to four decimals; and the category ids an
 * import makes of names.
 */
class DerivedAmountsTest {

  @Example
  void theWorkedExampleOfTheDocs() throws Exception {
    // 3 units, 25.4970 after 15% off: discount 25.497 × 0.15 / 0.85 = 4.49947... = 4.4995;
    // unit price (25.4970 + 4.4995) / 3 = 9.99883... = 9.9988
    BigDecimal discount =
        DerivedAmounts.discountFromRate(new BigDecimal("25.4970"), new BigDecimal("0.15"));
    assertThat(discount).isEqualByComparingTo("4.4995");
    assertThat(DerivedAmounts.unitPrice(new BigDecimal("25.4970"), discount, BigDecimal.valueOf(3)))
        .isEqualByComparingTo("9.9988");
  }

  /**
   * The derived unit price is the exact one to four decimals, half-up: quantity × unit price −
   * discount is the total within half a ten-thousandth per unit.
   */
  @Property(tries = 3000)
  void aDerivedUnitPriceGivesBackTheTotalWithinHalfAUnitOfItsLastDecimalPerUnit(
      @ForAll("amounts") BigDecimal paid,
      @ForAll("amounts") BigDecimal discount,
      @ForAll("quantities") BigDecimal quantity) {
    BigDecimal unitPrice = DerivedAmounts.unitPrice(paid, discount, quantity);

    assertThat(unitPrice.scale()).isEqualTo(4);
    BigDecimal exact = paid.add(discount).divide(quantity, 30, RoundingMode.HALF_UP);
    assertThat(unitPrice.subtract(exact).abs()).isLessThanOrEqualTo(new BigDecimal("0.00005"));
    assertThat(quantity.multiply(unitPrice).subtract(discount).subtract(paid).abs())
        .isLessThanOrEqualTo(quantity.multiply(new BigDecimal("0.00005")));
  }

  /** The discount of a rate is what makes the total the rest of the price after the rate. */
  @Property(tries = 3000)
  void aDiscountFromARateLeavesTheTotalAsThePriceLessTheRate(
      @ForAll("amounts") BigDecimal paid, @ForAll("rates") BigDecimal rate) throws Exception {
    BigDecimal discount = DerivedAmounts.discountFromRate(paid, rate);

    BigDecimal price = paid.add(discount);
    // price × (1 − rate) = paid, up to the discount's rounding (half a ten-thousandth)
    assertThat(price.multiply(BigDecimal.ONE.subtract(rate)).subtract(paid).abs())
        .isLessThanOrEqualTo(new BigDecimal("0.00005"));
    assertThat(discount.signum()).isGreaterThanOrEqualTo(0);
  }

  @Example
  void aRateOfAHundredPercentLeavesNothingToDeriveFrom() {
    assertThatThrownBy(() -> DerivedAmounts.discountFromRate(BigDecimal.ZERO, BigDecimal.ONE))
        .hasMessageContaining("give unit_price");
  }

  @Example
  void categoryNamesThatAreNoIdsGetIdsMadeOfThem() {
    assertThat(ImportKinds.categoryId("Home & Garden", true))
        .isEqualTo(CategoryId.of("home-garden"));
    assertThat(ImportKinds.categoryId("Café & Bar", true)).isEqualTo(CategoryId.of("cafe-bar"));
    assertThat(ImportKinds.categoryId("Furniture", true)).isEqualTo(CategoryId.of("Furniture"));
    assertThat(ImportKinds.categoryId("Food/Drinks", true)).isEqualTo(CategoryId.of("Food/Drinks"));
    assertThat(ImportKinds.categoryId("Straße & Smørrebrød", true))
        .isEqualTo(CategoryId.of("strasse-smorrebrod"));
    assertThat(ImportKinds.categoryId("  Øl / Bier ", true)).isEqualTo(CategoryId.of("ol-bier"));
    assertThatThrownBy(() -> ImportKinds.categoryId("Home & Garden", false))
        .isInstanceOf(InvalidInputException.class);
  }

  /** Any name either gives a valid id, the same one each time, or is refused saying why. */
  @Property(tries = 3000)
  void anyNameGivesAValidIdOrAClearRefusal(@ForAll("names") String name) {
    CategoryId id;
    try {
      id = ImportKinds.categoryId(name, true);
    } catch (InvalidInputException e) {
      assertThat(e.getMessage()).contains("has no letters or digits a category id can be made of");
      return;
    }
    assertThat(ImportKinds.categoryId(name, true)).isEqualTo(id);
    assertThat(ImportKinds.categoryId(id.value(), true)).isEqualTo(id); // an id stays itself
  }

  @Provide
  Arbitrary<BigDecimal> amounts() {
    return Arbitraries.longs()
        .between(0, 99_999_999_999L)
        .flatMap(
            n -> Arbitraries.integers().between(0, 4).map(scale -> BigDecimal.valueOf(n, scale)));
  }

  @Provide
  Arbitrary<BigDecimal> quantities() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(1, 1000).map(BigDecimal::valueOf),
        Arbitraries.integers().between(1, 99_999).map(g -> BigDecimal.valueOf(g, 3)));
  }

  @Provide
  Arbitrary<BigDecimal> rates() {
    return Arbitraries.integers().between(0, 9999).map(r -> BigDecimal.valueOf(r, 4));
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings()
        .withCharRange(' ', '\u024F')
        .withCharRange('\u0370', '\u03FF')
        .withCharRange('\u4E00', '\u4E20')
        .withChars('&', '/', '-', '.', '\u0301')
        .ofMinLength(1)
        .ofMaxLength(90);
  }
}
