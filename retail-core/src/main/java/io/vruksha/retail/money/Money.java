package io.vruksha.retail.money;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * An exact amount of one currency, at exactly that currency's minor units (2 for EUR, 0 for JPY, 3
 * for KWD).
 *
 * <p>The compact constructor refuses an amount that would need rounding: rounding is always asked
 * for by name ({@link #times(BigDecimal, RoundingMode)}, {@link Rounding}), never done silently.
 * Every binary operation checks that both sides carry the same currency. Immutable and thread-safe.
 *
 * @param amount the amount, scaled to the currency's minor units
 * @param currency the ISO 4217 currency
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

  /** Validates the currency and scales the amount to the currency's minor units exactly. */
  public Money {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    Decimals.requireSane(amount, "amount");
    int scale = minorUnits(currency);
    try {
      amount = amount.setScale(scale, RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new InvalidInputException(
          ErrorCode.ROUNDING_REQUIRED,
          amount.toPlainString()
              + " has more than "
              + scale
              + " decimals for "
              + currency.getCurrencyCode()
              + "; round it explicitly first");
    }
  }

  /** Parses a decimal string such as {@code "12.30"} in the currency with ISO code {@code code}. */
  public static Money of(String amount, String code) {
    return of(parseDecimal(amount), currency(code));
  }

  /** The amount in {@code currency}; the amount must fit the currency's minor units. */
  public static Money of(String amount, Currency currency) {
    return of(parseDecimal(amount), currency);
  }

  /** The amount in {@code currency}; the amount must fit the currency's minor units. */
  public static Money of(BigDecimal amount, Currency currency) {
    return new Money(amount, currency);
  }

  /** The amount given in minor units: {@code ofMinor(EUR, 1230)} is 12.30 EUR. */
  public static Money ofMinor(Currency currency, long minorUnits) {
    return new Money(BigDecimal.valueOf(minorUnits, minorUnits(currency)), currency);
  }

  /** Zero in {@code currency}. */
  public static Money zero(Currency currency) {
    return ofMinor(currency, 0);
  }

  /** The currency for an ISO 4217 code, with a clear error for an unknown code. */
  public static Currency currency(String code) {
    try {
      return Currency.getInstance(Objects.requireNonNull(code, "currency code"));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "'" + code + "' is not an ISO 4217 currency code");
    }
  }

  /** The number of decimals {@code currency} uses (2 for EUR, 0 for JPY). */
  public static int minorUnits(Currency currency) {
    int digits = currency.getDefaultFractionDigits();
    // Pseudo-currencies (XAU, XXX) report -1; treat them as whole units.
    return Math.max(digits, 0);
  }

  static BigDecimal parseDecimal(String text) {
    Objects.requireNonNull(text, "amount");
    try {
      if (text.length() > 64) {
        throw new NumberFormatException();
      }
      return Decimals.requireSane(new BigDecimal(text.strip()), "amount");
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "'" + Decimals.brief(text) + "' is not a decimal amount");
    }
  }

  /** The amount in minor units (1230 for 12.30 EUR). */
  public long minorUnits() {
    return amount.unscaledValue().longValueExact();
  }

  /** This plus {@code other}; both must carry the same currency. */
  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.add(other.amount), currency);
  }

  /** This minus {@code other}; both must carry the same currency. */
  public Money minus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.subtract(other.amount), currency);
  }

  /** The amount with its sign flipped. */
  public Money negate() {
    return new Money(amount.negate(), currency);
  }

  /** This amount times {@code factor}, rounded to the currency's minor units with {@code mode}. */
  public Money times(BigDecimal factor, RoundingMode mode) {
    return Rounding.toMoney(amount.multiply(factor), currency, mode);
  }

  /** This amount times a whole number: never needs rounding. */
  public Money times(long factor) {
    return new Money(amount.multiply(BigDecimal.valueOf(factor)), currency);
  }

  /**
   * Splits this amount over {@code weights} by largest remainder: the parts always add up to this
   * amount exactly, and each part differs from its exact share by less than one minor unit.
   *
   * @see Allocation#largestRemainder(Money, List)
   */
  public List<Money> allocate(List<BigDecimal> weights) {
    return Allocation.largestRemainder(this, weights);
  }

  /** True when the amount is zero. */
  public boolean isZero() {
    return amount.signum() == 0;
  }

  /** True when the amount is below zero. */
  public boolean isNegative() {
    return amount.signum() < 0;
  }

  /** True when the amount is above zero. */
  public boolean isPositive() {
    return amount.signum() > 0;
  }

  /** The smaller of this and {@code other}. */
  public Money min(Money other) {
    return compareTo(other) <= 0 ? this : other;
  }

  /** The larger of this and {@code other}. */
  public Money max(Money other) {
    return compareTo(other) >= 0 ? this : other;
  }

  /** Orders amounts of the same currency; comparing two currencies is an error. */
  @Override
  public int compareTo(Money other) {
    requireSameCurrency(other);
    return amount.compareTo(other.amount);
  }

  private void requireSameCurrency(Money other) {
    Objects.requireNonNull(other, "other");
    if (!currency.equals(other.currency)) {
      throw new InvalidInputException(
          ErrorCode.CURRENCY_MISMATCH,
          "cannot combine "
              + currency.getCurrencyCode()
              + " with "
              + other.currency.getCurrencyCode());
    }
  }

  /** {@code "12.30 EUR"}. */
  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency.getCurrencyCode();
  }
}
