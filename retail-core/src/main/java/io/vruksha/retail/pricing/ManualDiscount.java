package io.vruksha.retail.pricing;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A discount a member of staff gives by hand, on a line or on the whole basket. It needs the {@link
 * io.vruksha.retail.store.Permission#LINE_DISCOUNT} or {@link
 * io.vruksha.retail.store.Permission#BASKET_DISCOUNT} permission, and a reason for the audit trail.
 */
public sealed interface ManualDiscount {

  /** Why the discount was given ("damaged packaging", "price match"). */
  String reason();

  /** The discount on {@code amount}, never more than the amount itself. */
  Money on(Money amount);

  /** A percentage off, e.g. {@code percent("10", "loyal customer")} for 10%. */
  static ManualDiscount percent(String percent, String reason) {
    return new Percent(new BigDecimal(percent), reason);
  }

  /** A fixed amount off. */
  static ManualDiscount amount(Money amount, String reason) {
    return new Amount(amount, reason);
  }

  /**
   * A percentage off.
   *
   * @param percent between 0 and 100
   * @param reason why
   */
  record Percent(BigDecimal percent, String reason) implements ManualDiscount {
    /** Validates the range and the reason. */
    public Percent {
      Objects.requireNonNull(percent, "percent");
      requireReason(reason);
      if (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
        throw new InvalidInputException(
            ErrorCode.VALIDATION,
            "a manual discount must be above 0% and at most 100%, was " + percent + "%");
      }
    }

    @Override
    public Money on(Money amount) {
      // percentage discounts round half-up to the cent, like every receipt-facing amount
      return amount.times(percent.movePointLeft(2), RoundingMode.HALF_UP);
    }
  }

  /**
   * A fixed amount off.
   *
   * @param amount above zero
   * @param reason why
   */
  record Amount(Money amount, String reason) implements ManualDiscount {
    /** Validates the amount and the reason. */
    public Amount {
      Objects.requireNonNull(amount, "amount");
      requireReason(reason);
      if (!amount.isPositive()) {
        throw new InvalidInputException(
            ErrorCode.VALIDATION, "a manual discount must be above zero, was " + amount);
      }
    }

    @Override
    public Money on(Money lineAmount) {
      return amount.min(lineAmount.max(Money.zero(lineAmount.currency())));
    }
  }

  private static void requireReason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a manual discount needs a reason for the audit trail");
    }
  }
}
