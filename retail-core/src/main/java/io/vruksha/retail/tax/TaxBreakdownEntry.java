package io.vruksha.retail.tax;

import io.vruksha.retail.money.Money;
import java.math.BigDecimal;

/**
 * One row of a document's tax breakdown, as EU receipts and invoices must show it: per rate, the
 * taxable base and the tax. Zero-rated turnover has its own row at rate 0 ({@code "ZERO"}), exempt
 * turnover a row with no tax ({@code "EXEMPT"}).
 *
 * @param rateCode the rate's code
 * @param name its name
 * @param rate the rate as a fraction
 * @param treatment standard, zero-rated or exempt
 * @param taxableBase the sum of the bases the rate was charged on
 * @param tax the sum of its taxes
 */
public record TaxBreakdownEntry(
    String rateCode,
    String name,
    BigDecimal rate,
    TaxTreatment treatment,
    Money taxableBase,
    Money tax) {

  /** The row code for zero-rated turnover. */
  public static final String ZERO_RATED = "ZERO";

  /** The row code for exempt turnover. */
  public static final String EXEMPT = "EXEMPT";
}
