package io.vruksha.retail.tax;

import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.money.Money;
import java.util.Objects;

/**
 * A document line as the tax calculator sees it: its amount after every discount.
 *
 * @param index the line's position, from 0
 * @param category its tax category
 * @param amount its amount after discounts; negative on a return line
 * @param amountIncludesTax whether {@code amount} is gross (tax extracted) or net (tax added)
 */
public record TaxLine(int index, TaxCategory category, Money amount, boolean amountIncludesTax) {

  /** Checks for nulls. */
  public TaxLine {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(amount, "amount");
  }
}
