package io.vruksha.retail.money;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Rounding of an amount paid to the smallest coin in circulation, for example CHF to 0.05 or SEK to
 * 1.00: of the cash tender only ({@link Scope#CASH}), or of the document's total whatever pays it
 * ({@link Scope#EVERY_TENDER}).
 *
 * <p>With {@code CASH} the document total, its lines and its taxes stay exact, and the difference
 * is booked as a rounding adjustment on the cash payment; card payments pay the exact total. With
 * {@code EVERY_TENDER} the document's total itself is rounded (a Swiss receipt's 16.79 becomes
 * 16.80 on a card too): the lines and taxes stay exact and the difference is shown on its own as
 * the document's rounding, outside the tax.
 *
 * @param increment the smallest coin, for example 0.05
 * @param mode how to round to it; {@link RoundingMode#HALF_UP} is the Swiss rule (x.025 to x.05)
 * @param scope whether only cash is rounded or the document's total
 */
public record CashRounding(BigDecimal increment, RoundingMode mode, Scope scope) {

  /** What is rounded. */
  public enum Scope {
    /** Only what a customer pays in cash (the default). */
    CASH,
    /** The document's total, whatever tender pays it. */
    EVERY_TENDER
  }

  /** No cash rounding: cash pays the exact amount. */
  public static final CashRounding NONE =
      new CashRounding(BigDecimal.ZERO, RoundingMode.UNNECESSARY);

  /** Rounding of the cash tender only. */
  public CashRounding(BigDecimal increment, RoundingMode mode) {
    this(increment, mode, Scope.CASH);
  }

  /** Validates the increment; a rounding stored before scopes existed rounds cash only. */
  public CashRounding {
    Objects.requireNonNull(increment, "increment");
    Objects.requireNonNull(mode, "mode");
    scope = scope == null ? Scope.CASH : scope;
    if (increment.signum() < 0) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "cash rounding increment must not be negative: " + increment);
    }
  }

  /** Rounding to {@code increment} (e.g. {@code "0.05"}) half-up. */
  public static CashRounding to(String increment) {
    return new CashRounding(Money.parseDecimal(increment), RoundingMode.HALF_UP);
  }

  /** Rounding of the document's total to {@code increment} (e.g. {@code "0.05"}) half-up. */
  public static CashRounding everyTenderTo(String increment) {
    return new CashRounding(
        Money.parseDecimal(increment), RoundingMode.HALF_UP, Scope.EVERY_TENDER);
  }

  /** What the document's total becomes: rounded with {@code EVERY_TENDER}, else as it is. */
  public Money documentTotal(Money exact) {
    return scope == Scope.EVERY_TENDER ? apply(exact) : exact;
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
