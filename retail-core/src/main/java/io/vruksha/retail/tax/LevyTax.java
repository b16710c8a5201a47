package io.vruksha.retail.tax;

import io.vruksha.retail.money.Money;
import java.util.List;

/**
 * One levy on one line, as its own receipt line: {@code net + tax = gross}, and {@code tax} is the
 * sum of {@code taxes}.
 *
 * @param code the levy's code
 * @param name its name
 * @param charged the levy as charged (amount per unit × quantity, stated as the line is priced)
 * @param treatment how its tax category is treated
 * @param net the levy without tax
 * @param tax the tax on it
 * @param gross the levy with tax
 * @param taxes its tax per rate
 */
public record LevyTax(
    String code,
    String name,
    Money charged,
    TaxTreatment treatment,
    Money net,
    Money tax,
    Money gross,
    List<TaxAmount> taxes) {

  /** Copies the per-rate list. */
  public LevyTax {
    taxes = List.copyOf(taxes);
  }
}
