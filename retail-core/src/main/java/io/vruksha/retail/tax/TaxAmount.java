package io.vruksha.retail.tax;

import io.vruksha.retail.money.Money;
import java.math.BigDecimal;

/**
 * The tax one rate charges on one line.
 *
 * @param rateCode the rate's code
 * @param rate the rate as a fraction
 * @param base what the rate was charged on (the net amount, plus earlier taxes for a compound rate)
 * @param tax the tax, rounded as the jurisdiction says
 */
public record TaxAmount(String rateCode, BigDecimal rate, Money base, Money tax) {}
