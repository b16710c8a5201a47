package io.vruksha.retail.money;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * A price per unit of measure, which may be finer than the currency's minor units (fuel at 1.239
 * EUR/l, 12.3456 EUR/kg). Becomes {@link Money} only through {@link #extend(Quantity,
 * RoundingMode)}, which names its rounding.
 *
 * @param amount price per unit, at most 6 decimals
 * @param currency the currency
 */
public record UnitPrice(BigDecimal amount, Currency currency) {

  /** The finest precision a unit price may carry. */
  public static final int MAX_SCALE = 6;

  /** Validates: not negative, at most {@link #MAX_SCALE} decimals. */
  public UnitPrice {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    Decimals.requireSane(amount, "price");
    if (amount.signum() < 0) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a price must not be negative: " + amount);
    }
    if (amount.stripTrailingZeros().scale() > MAX_SCALE) {
      throw new InvalidInputException(
          ErrorCode.ROUNDING_REQUIRED,
          "a unit price carries at most " + MAX_SCALE + " decimals: " + amount.toPlainString());
    }
    amount =
        amount.setScale(Math.max(Money.minorUnits(currency), amount.stripTrailingZeros().scale()));
  }

  /** Parses a unit price such as {@code "1.239"} in the currency with ISO code {@code code}. */
  public static UnitPrice of(String amount, String code) {
    return new UnitPrice(Money.parseDecimal(amount), Money.currency(code));
  }

  /** The unit price equal to a money amount. */
  public static UnitPrice of(Money money) {
    return new UnitPrice(money.amount(), money.currency());
  }

  /** Price times quantity, rounded to the currency with {@code mode}. */
  public Money extend(Quantity quantity, RoundingMode mode) {
    return Rounding.toMoney(amount.multiply(quantity.value()), currency, mode);
  }

  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency.getCurrencyCode();
  }
}
