package io.vruksha.retail.sale;

import io.vruksha.retail.money.Money;
import java.util.Objects;

/**
 * A tender as it was booked on a sale: its kind, the amount it paid toward the total (cash net of
 * change and after cash rounding) and a reference (card authorisation, points used).
 *
 * @param kind what paid
 * @param amount what it paid toward the total
 * @param reference the card reference, or the points used
 */
public record AppliedTender(TenderKind kind, Money amount, String reference) {

  /** Checks for nulls. */
  public AppliedTender {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(reference, "reference");
  }
}
