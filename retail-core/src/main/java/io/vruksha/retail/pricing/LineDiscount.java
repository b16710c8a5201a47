package io.vruksha.retail.pricing;

import io.vruksha.retail.money.Money;
import java.util.Objects;

/**
 * One discount on one line, as the receipt explains it: "3 for 10.00 -1.66".
 *
 * @param kind where it came from
 * @param source the promotion id, or the staff id that gave a manual discount
 * @param label the text for the receipt
 * @param amount the discount, above zero
 */
public record LineDiscount(Kind kind, String source, String label, Money amount) {

  /** Where a discount came from. */
  public enum Kind {
    /** A promotion the engine applied. */
    PROMOTION,
    /** A manual discount on this line. */
    MANUAL_LINE,
    /** This line's share of a manual discount on the whole basket. */
    MANUAL_BASKET
  }

  /** Checks for nulls. */
  public LineDiscount {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(amount, "amount");
  }
}
