package io.vruksha.retail.money;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Rounding of an amount paid in cash to the smallest coin in circulation, for example CHF to 0.05
 * or SEK to 1.00.
 *
 * <p>It applies to the cash tender only: the document total, its lines and its taxes stay exact,
 * and the difference is booked as a rounding adjustment. Card payments pay the exact total.
 *
 * @param increment the smallest coin, for example 0.05
 * @param mode how to round to it; {@link RoundingMode#HALF_UP} is the Swiss rule (x.025 to x.05)
 */
public record CashRounding(BigDecimal increment, RoundingMode mode) {

  /** No cash rounding: cash pays the exact amount. */
  public static final CashRounding NONE =
      new CashRounding(BigDecimal.ZERO, RoundingMode.UNNECESSARY);

  /** Validates the increment. */
  public CashRounding {
    Objects.requireNonNull(increment, "increment");
    Objects.requireNonNull(mode, "mode");
    if (increment.signum() < 0) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "cash rounding increment must not be negative: " + increment);
    }
  }

  /** Rounding to {@code increment} (e.g. {@code "0.05"}) half-up. */
  public static CashRounding to(String increment) {
    return new CashRounding(Money.parseDecimal(increment), RoundingMode.HALF_UP);
  }

  /** The amount a customer paying cash hands over for {@code due}. */
  public Money apply(Money due) {
    if (increment.signum() == 0) {
      return due;
    }
    BigDecimal units = due.amount().divide(increment, 0, mode);
    return Rounding.toMoney(units.multiply(increment), due.currency(), RoundingMode.UNNECESSARY);
  }

  /** What cash rounding adds to (positive) or takes from (negative) {@code due}. */
  public Money adjustment(Money due) {
    return apply(due).minus(due);
  }
}
