package io.vruksha.retail.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * The one place the engine rounds a computed decimal to money.
 *
 * <p>Rules that need rounding (tax, percentage discounts, weighed items) call these named methods
 * with the mode their jurisdiction or policy prescribes, so every rounding in a receipt can be
 * traced to a rule.
 */
public final class Rounding {

  private Rounding() {}

  /** Rounds {@code value} to {@code currency}'s minor units with {@code mode}. */
  public static Money toMoney(BigDecimal value, Currency currency, RoundingMode mode) {
    Objects.requireNonNull(mode, "rounding mode");
    return new Money(value.setScale(Money.minorUnits(currency), mode), currency);
  }

  /**
   * Half-up rounding (0.005 becomes 0.01), the usual rule for receipts and most tax authorities.
   */
  public static Money halfUp(BigDecimal value, Currency currency) {
    return toMoney(value, currency, RoundingMode.HALF_UP);
  }

  /**
   * The one rounding of a figure a report, an export or an API view shows: half-up to the
   * currency's minor unit, applied once to an exact sum ({@link ExactAmount#rounded()}), never to
   * the parts before they are added.
   */
  public static Money shown(BigDecimal exactSum, Currency currency) {
    return toMoney(exactSum, currency, RoundingMode.HALF_UP);
  }

  /** Half-even (banker's) rounding, which some jurisdictions and ledgers prescribe. */
  public static Money halfEven(BigDecimal value, Currency currency) {
    return toMoney(value, currency, RoundingMode.HALF_EVEN);
  }
}
