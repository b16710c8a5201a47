package io.vruksha.retail.report;

import io.vruksha.retail.money.Money;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One tax rate's figures over a range: what sales charged at it, and what returns refunded at it.
 *
 * @param rateCode the rate's code ({@code DE19}; {@code ZERO} for zero-rated and {@code EXEMPT} for
 *     exempt turnover)
 * @param name its name, as the latest sale in the range carried it (the code for a rate only
 *     returns touched)
 * @param rate the rate as a fraction, as the documents carry it (may be {@code null} where a
 *     breakdown row has none)
 * @param salesBase the taxable base of the range's sales at this rate
 * @param salesTax the tax they charged at it
 * @param returnsBase what the range's returns refunded at this rate, tax excluded: each returned
 *     line's refund less its tax, put on its original line's rates in proportion to their bases
 * @param returnsTax the tax they refunded at it, each returned line's tax put on its original
 *     line's rates in proportion to their taxes
 */
public record TaxRateFigures(
    String rateCode,
    String name,
    BigDecimal rate,
    Money salesBase,
    Money salesTax,
    Money returnsBase,
    Money returnsTax) {

  /** Checks for nulls (but the rate). */
  public TaxRateFigures {
    Objects.requireNonNull(rateCode, "rateCode");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(salesBase, "salesBase");
    Objects.requireNonNull(salesTax, "salesTax");
    Objects.requireNonNull(returnsBase, "returnsBase");
    Objects.requireNonNull(returnsTax, "returnsTax");
  }

  /** Sales tax less returns tax at this rate. */
  public Money netTax() {
    return salesTax.minus(returnsTax);
  }
}
