package io.vruksha.retail.money;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of one currency that may be finer than the currency's minor unit, kept exactly: the sum
 * of imported history whose line totals have four decimals ({@code 16.448 EUR}), of weighed goods
 * or of costs. It is what reports add up.
 *
 * <p>The report rule: sums are exact; each figure shown is rounded half-up ({@link
 * RoundingMode#HALF_UP}) to the currency's minor unit once, after summing ({@link #rounded()});
 * per-line rounding never happens before the sum. So {@code 16.448 + 9.9999 + 0.0049 = 26.4528}
 * shows as {@code 26.45}, where rounding each line first would show {@code 16.45 + 10.00 + 0.00 =
 * 26.45} only by luck.
 *
 * <p>Equality ignores trailing zeros ({@code 9.90 EUR} equals {@code 9.9 EUR}). Immutable and
 * thread-safe.
 *
 * @param amount the exact amount, at least at the currency's minor units
 * @param currency the ISO 4217 currency
 */
public record ExactAmount(BigDecimal amount, Currency currency) implements Comparable<ExactAmount> {

  /** Validates and scales the amount to its own precision, at least the currency's minor units. */
  public ExactAmount {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    Decimals.requireSane(amount, "amount");
    amount =
        amount.setScale(
            Math.max(Money.minorUnits(currency), Math.max(0, amount.stripTrailingZeros().scale())));
  }

  /** Parses a decimal such as {@code "16.448"} in the currency with ISO code {@code code}. */
  public static ExactAmount of(String amount, String code) {
    return new ExactAmount(Money.parseDecimal(amount), Money.currency(code));
  }

  /** The exact amount in {@code currency}. */
  public static ExactAmount of(BigDecimal amount, Currency currency) {
    return new ExactAmount(amount, currency);
  }

  /** The exact amount of {@code money}. */
  public static ExactAmount of(Money money) {
    return new ExactAmount(money.amount(), money.currency());
  }

  /** Zero in {@code currency}. */
  public static ExactAmount zero(Currency currency) {
    return new ExactAmount(BigDecimal.ZERO, currency);
  }

  /** This plus {@code other}, exactly; both must carry the same currency. */
  public ExactAmount plus(ExactAmount other) {
    requireSameCurrency(other.currency);
    return new ExactAmount(amount.add(other.amount), currency);
  }

  /** This plus {@code other}, exactly; both must carry the same currency. */
  public ExactAmount plus(Money other) {
    requireSameCurrency(other.currency());
    return new ExactAmount(amount.add(other.amount()), currency);
  }

  /** This minus {@code other}, exactly; both must carry the same currency. */
  public ExactAmount minus(ExactAmount other) {
    requireSameCurrency(other.currency);
    return new ExactAmount(amount.subtract(other.amount), currency);
  }

  /** The amount with its sign flipped. */
  public ExactAmount negate() {
    return new ExactAmount(amount.negate(), currency);
  }

  /** True when the amount is zero. */
  public boolean isZero() {
    return amount.signum() == 0;
  }

  /** The figure to show: half-up to the currency's minor unit ({@link Rounding#shown}). */
  public Money rounded() {
    return Rounding.shown(amount, currency);
  }

  /**
   * The mean of {@code count} parts of this amount, the figure to show: the exact quotient rounded
   * half-up to the currency's minor unit once ({@link Rounding#shown}); zero when {@code count} is
   * zero.
   */
  public Money average(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("a count is never negative, was " + count);
    }
    if (count == 0) {
      return Money.zero(currency);
    }
    // the quotient kept to 20 digits beyond the minor unit, the rest dropped: half-up of that is
    // half-up of the exact quotient, whose dropped tail can neither make nor break a tie
    BigDecimal mean =
        amount.divide(
            BigDecimal.valueOf(count), Money.minorUnits(currency) + 20, RoundingMode.DOWN);
    return Rounding.shown(mean, currency);
  }

  /** Orders amounts of the same currency; comparing two currencies is an error. */
  @Override
  public int compareTo(ExactAmount other) {
    requireSameCurrency(other.currency);
    return amount.compareTo(other.amount);
  }

  private void requireSameCurrency(Currency other) {
    Objects.requireNonNull(other, "other");
    if (!currency.equals(other)) {
      throw new InvalidInputException(
          ErrorCode.CURRENCY_MISMATCH,
          "cannot combine " + currency.getCurrencyCode() + " with " + other.getCurrencyCode());
    }
  }

  /** {@code "16.448 EUR"}: every digit, never rounded. */
  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency.getCurrencyCode();
  }
}
