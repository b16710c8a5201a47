package io.vruksha.retail.tax;

/**
 * How a tax-inclusive amount is split into a net and its taxes when the exact split has more
 * decimals than the currency. A jurisdiction setting; {@link #ROUND_TAXES} is the default.
 *
 * <p>100.00 including two 10% rates: the exact net is 83.333…, each tax 8.333….
 */
public enum InclusiveSplit {
  /**
   * Each tax is rounded on its own and the net is what is left: taxes 8.33 + 8.33, net 83.34. The
   * engine's behaviour before the setting existed, and still the default.
   */
  ROUND_TAXES,
  /**
   * The net is rounded and the taxes take the rest, every tax but the last rounded on its own and
   * the last one taking the rounding cent: net 83.33, taxes 8.33 + 8.34. Only with {@link
   * TaxRoundingLevel#LINE} rounding.
   */
  ROUND_NET
}
