package io.vruksha.retail.report;

import io.vruksha.retail.money.Money;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Tax charged and refunded over a range of business days, per rate and in total.
 *
 * @param from the first day
 * @param to the last day, included
 * @param rates one line per rate that a sale or a return of the range touched, by rate code
 * @param levies one line per levy the range's sales charged (deposits, eco-fees), by levy code;
 *     their taxes are in {@code rates} too
 * @param salesTax the tax of the range's sales: the sales' own tax totals added
 * @param returnsTax the tax the range's returns refunded: the returns' own tax totals added
 */
public record TaxSummary(
    LocalDate from,
    LocalDate to,
    List<TaxRateFigures> rates,
    List<TaxLevyFigures> levies,
    Money salesTax,
    Money returnsTax) {

  /** Checks for nulls and one currency; copies the lists. */
  public TaxSummary {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    rates = List.copyOf(rates);
    levies = List.copyOf(levies);
    Objects.requireNonNull(salesTax, "salesTax");
    Objects.requireNonNull(returnsTax, "returnsTax");
    if (!salesTax.currency().equals(returnsTax.currency())) {
      throw new IllegalArgumentException("sales tax and returns tax in different currencies");
    }
  }

  /** Sales tax less returns tax. */
  public Money netTax() {
    return salesTax.minus(returnsTax);
  }

  /** The rates' sales bases added. */
  public Money salesBase() {
    Money sum = Money.zero(salesTax.currency());
    for (TaxRateFigures r : rates) {
      sum = sum.plus(r.salesBase());
    }
    return sum;
  }

  /** The rates' returns bases added. */
  public Money returnsBase() {
    Money sum = Money.zero(salesTax.currency());
    for (TaxRateFigures r : rates) {
      sum = sum.plus(r.returnsBase());
    }
    return sum;
  }
}
