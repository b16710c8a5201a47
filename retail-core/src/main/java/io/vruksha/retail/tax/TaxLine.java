package io.vruksha.retail.tax;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * A document line as the tax calculator sees it: its amount after every discount.
 *
 * @param index the line's position, from 0
 * @param category its tax category
 * @param amount its amount after discounts; negative on a return line
 * @param amountIncludesTax whether {@code amount} is gross (tax extracted) or net (tax added)
 * @param quantity how many units the line sells: levies are charged per unit and thresholds compare
 *     the price per unit
 */
public record TaxLine(
    int index, TaxCategory category, Money amount, boolean amountIncludesTax, Quantity quantity) {

  /** A line of one piece. */
  public TaxLine(int index, TaxCategory category, Money amount, boolean amountIncludesTax) {
    this(index, category, amount, amountIncludesTax, Quantity.each(1));
  }

  /** Checks for nulls and that the quantity is above zero. */
  public TaxLine {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(quantity, "quantity");
    if (quantity.value().signum() <= 0) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "line " + index + " needs a quantity above zero (a return has a negative amount)");
    }
  }

  /** The price of one unit, unrounded (the magnitude is what thresholds compare). */
  BigDecimal unitPrice() {
    return amount.amount().divide(quantity.value(), MathContext.DECIMAL128);
  }
}
