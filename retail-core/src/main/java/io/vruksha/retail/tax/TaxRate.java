package io.vruksha.retail.tax;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One rate of tax on a line.
 *
 * <p>A <b>compound</b> rate is charged on the base plus the taxes listed before it (tax on tax, as
 * Quebec's QST was on price plus GST until 2013); with several compound rates each sees all the
 * taxes before it, so the gross factor is the product. Rates are decimal fractions: {@code 0.19} is
 * 19%.
 *
 * @param code a stable code that groups the breakdown ({@code "DE19"}, {@code "CGST9"})
 * @param name the name printed on the receipt ("VAT 19%")
 * @param rate the rate as a fraction between 0 and 1
 * @param compound whether it is charged on the base plus the taxes before it
 * @param inclusion whether it follows the price (extracted from a gross price, the default) or is
 *     always added on top
 * @param threshold the unit prices it applies to, if only some (NY's clothing exemption)
 */
public record TaxRate(
    String code,
    String name,
    BigDecimal rate,
    boolean compound,
    TaxInclusion inclusion,
    Optional<TaxThreshold> threshold) {

  /** A rate that follows the price and applies at every price. */
  public TaxRate(String code, String name, BigDecimal rate, boolean compound) {
    this(code, name, rate, compound, TaxInclusion.AS_PRICED, Optional.empty());
  }

  /**
   * Validates code, name and range; a stored rate without inclusion or threshold (written before
   * they existed) follows the price at every price.
   */
  public TaxRate {
    Objects.requireNonNull(rate, "rate");
    inclusion = inclusion == null ? TaxInclusion.AS_PRICED : inclusion;
    threshold = threshold == null ? Optional.empty() : threshold;
    if (code == null || code.isBlank() || name == null || name.isBlank()) {
      throw new InvalidInputException(
          ErrorCode.TAX_RULE_INVALID, "a tax rate needs a code and a name");
    }
    if (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0) {
      throw new InvalidInputException(
          ErrorCode.TAX_RULE_INVALID,
          "tax rate " + code + " must be a fraction between 0 and 1, was " + rate.toPlainString());
    }
  }

  /** A simple (non-compound) rate, e.g. {@code of("DE19", "VAT 19%", "0.19")}. */
  public static TaxRate of(String code, String name, String rate) {
    return new TaxRate(code, name, new BigDecimal(rate), false);
  }

  /** A compound rate, charged on the base plus the taxes before it. */
  public static TaxRate compound(String code, String name, String rate) {
    return new TaxRate(code, name, new BigDecimal(rate), true);
  }

  /** This rate, always added on top of the price. */
  public TaxRate onTop() {
    return new TaxRate(code, name, rate, compound, TaxInclusion.ON_TOP, threshold);
  }

  /** This rate, charged only on unit prices {@code threshold} admits. */
  public TaxRate onlyWhen(TaxThreshold threshold) {
    return new TaxRate(code, name, rate, compound, inclusion, Optional.of(threshold));
  }

  /** Whether it applies to a unit priced {@code unitPrice}. */
  boolean appliesTo(BigDecimal unitPrice) {
    return threshold.map(t -> t.applies(unitPrice)).orElse(true);
  }
}
