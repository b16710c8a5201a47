package io.vruksha.retail.tax;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * When a rate applies only above or below an amount, compared with the line's <b>price per unit</b>
 * after discounts (its amount divided by its quantity, gross or net as priced): New York State
 * exempts clothing and footwear "sold for less than $110 per item" (NY Tax Law §1115(a)(30),
 * TB-ST-530), so its 4% state rate is {@code atOrAbove("110.00")}. Per unit, not per line: three
 * $50 shirts on one line stay exempt although the line comes to $150.
 *
 * @param kind whether the rate applies at or above the amount, or below it
 * @param amount the amount, in the jurisdiction's currency
 */
public record TaxThreshold(Kind kind, BigDecimal amount) {

  /** Which side of the amount the rate applies on. */
  public enum Kind {
    /** The rate applies when the unit price is at least the amount. */
    AT_OR_ABOVE,
    /** The rate applies when the unit price is below the amount. */
    BELOW
  }

  /** Validates the amount. */
  public TaxThreshold {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(amount, "amount");
    if (amount.signum() <= 0) {
      throw new InvalidInputException(
          ErrorCode.TAX_RULE_INVALID,
          "a tax threshold must be above zero, was " + amount.toPlainString());
    }
  }

  /** A rate that applies from {@code amount} per unit up. */
  public static TaxThreshold atOrAbove(String amount) {
    return new TaxThreshold(Kind.AT_OR_ABOVE, new BigDecimal(amount));
  }

  /** A rate that applies only below {@code amount} per unit. */
  public static TaxThreshold below(String amount) {
    return new TaxThreshold(Kind.BELOW, new BigDecimal(amount));
  }

  /** Whether the rate applies to a unit priced {@code unitPrice} (its magnitude on a return). */
  public boolean applies(BigDecimal unitPrice) {
    int c = unitPrice.abs().compareTo(amount);
    return kind == Kind.AT_OR_ABOVE ? c >= 0 : c < 0;
  }
}
