package io.vruksha.retail.report;

import io.vruksha.retail.money.Money;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One levy's figures over a range (a bottle deposit, an eco-fee, an excise per litre): what the
 * range's sales charged of it, on its own line of the tax summary as on the receipt. Its tax is
 * also counted in its rate's figures ({@link TaxRateFigures}); an exempt levy's net in the {@code
 * EXEMPT} row's base.
 *
 * @param code the levy's code ({@code PFAND025})
 * @param name its name, as the latest sale in the range carried it
 * @param units the units it was charged on: the quantities of the lines that carried it, in the
 *     levy's unit (pieces, kilograms, litres)
 * @param net the levy without tax
 * @param tax the tax on it
 * @param gross the levy with tax: {@code net + tax}
 */
public record TaxLevyFigures(
    String code, String name, BigDecimal units, Money net, Money tax, Money gross) {

  /** Checks for nulls. */
  public TaxLevyFigures {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(units, "units");
    Objects.requireNonNull(net, "net");
    Objects.requireNonNull(tax, "tax");
    Objects.requireNonNull(gross, "gross");
  }
}
