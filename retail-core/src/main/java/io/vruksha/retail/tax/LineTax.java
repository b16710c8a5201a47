package io.vruksha.retail.tax;

import io.vruksha.retail.money.Money;
import java.util.List;

/**
 * The tax of one line: {@code net + tax = gross}, and {@code tax} is the sum of {@code taxes}.
 *
 * @param index the line's position
 * @param treatment how the line was treated (standard, zero-rated, exempt)
 * @param net the amount without tax
 * @param tax the tax
 * @param gross the amount with tax
 * @param taxes the tax per rate
 */
public record LineTax(
    int index, TaxTreatment treatment, Money net, Money tax, Money gross, List<TaxAmount> taxes) {

  /** Copies the per-rate list. */
  public LineTax {
    taxes = List.copyOf(taxes);
  }
}
