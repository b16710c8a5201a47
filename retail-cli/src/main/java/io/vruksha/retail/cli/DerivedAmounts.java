package io.vruksha.retail.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a sales line lacks, derived from what it has, to four decimals (the precision of {@code
 * sales_history}), half-up, each once from the exact figures:
 *
 * <ul>
 *   <li>{@code unit_price = (paid + discount) / quantity}, where {@code paid} is the line's total
 *       (less its tax when the store's prices exclude tax);
 *   <li>a discount from a rate {@code r}, with a unit price: {@code quantity × unit_price × r};
 *       without one, the total is what was left after the rate: {@code paid × r / (1 − r)}.
 * </ul>
 *
 * <p>Worked example: 3 units, total 25.4970 after 15% off: discount 25.4970 × 0.15 / 0.85 =
 * 4.4994705... = 4.4995; unit price (25.4970 + 4.4995) / 3 = 9.99883... = 9.9988.
 */
final class DerivedAmounts {

  /** The decimals of the amounts in sales history. */
  static final int SCALE = 4;

  private DerivedAmounts() {}

  /** {@code value} to four decimals, half-up. */
  static BigDecimal round(BigDecimal value) {
    return value.setScale(SCALE, RoundingMode.HALF_UP);
  }

  /** The unit price of a line that was paid {@code paid} after {@code discount}. */
  static BigDecimal unitPrice(BigDecimal paid, BigDecimal discount, BigDecimal quantity) {
    return paid.add(discount).divide(quantity, SCALE, RoundingMode.HALF_UP);
  }

  /**
   * The discount of a line paid {@code paid} after a discount of {@code rate} (below 1) on its
   * price.
   *
   * @throws ImportSales.Unparsable when the rate is 100%: nothing was paid to derive from
   */
  static BigDecimal discountFromRate(BigDecimal paid, BigDecimal rate)
      throws ImportSales.Unparsable {
    if (rate.compareTo(BigDecimal.ONE) >= 0) {
      throw new ImportSales.Unparsable(
          "a discount_rate of 100% leaves no price to derive unit_price from: give unit_price");
    }
    return paid.multiply(rate).divide(BigDecimal.ONE.subtract(rate), SCALE, RoundingMode.HALF_UP);
  }
}
