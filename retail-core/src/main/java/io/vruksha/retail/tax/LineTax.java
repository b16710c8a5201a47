package io.vruksha.retail.tax;

import io.vruksha.retail.money.Money;
import java.util.List;

/**
 * The tax of one line: {@code net + tax = gross}, each including the line's levies; {@code tax} is
 * the sum of {@code taxes} (the goods' own) and of each levy's tax.
 *
 * @param index the line's position
 * @param treatment how the line was treated (standard, zero-rated, exempt)
 * @param net the amount without tax
 * @param tax the tax
 * @param gross the amount with tax
 * @param taxes the tax per rate on the goods themselves
 * @param levies the levies charged on the line (deposits, eco-fees), each with its own tax
 */
public record LineTax(
    int index,
    TaxTreatment treatment,
    Money net,
    Money tax,
    Money gross,
    List<TaxAmount> taxes,
    List<LevyTax> levies) {

  /** A line without levies. */
  public LineTax(
      int index, TaxTreatment treatment, Money net, Money tax, Money gross, List<TaxAmount> taxes) {
    this(index, treatment, net, tax, gross, taxes, List.of());
  }

  /** Copies the lists; a line stored before levies existed has none. */
  public LineTax {
    taxes = List.copyOf(taxes);
    levies = levies == null ? List.of() : List.copyOf(levies);
  }
}
