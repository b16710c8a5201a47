package io.vruksha.retail.money;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.math.BigDecimal;

/**
 * Bounds on the decimals the engine accepts: no amount, price or quantity of a shop has more than
 * 24 digits before the point or 24 after it. Checked before any rescaling, so that a number like
 * {@code 1e999999999} is refused at once rather than expanded to a billion digits.
 */
final class Decimals {

  /** The most digits before or after the decimal point. */
  static final int MAX_DIGITS = 24;

  private Decimals() {}

  /** Refuses {@code value} when it is out of any sensible range; {@code what} names it. */
  static BigDecimal requireSane(BigDecimal value, String what) {
    if (value.precision() - value.scale() > MAX_DIGITS || value.scale() > MAX_DIGITS * 4) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, what + " " + brief(value) + " is out of range");
    }
    return value;
  }

  /** A short form of any decimal, for messages. */
  static String brief(BigDecimal value) {
    String s = value.toString();
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }

  /** A short form of any text, for messages. */
  static String brief(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }
}
