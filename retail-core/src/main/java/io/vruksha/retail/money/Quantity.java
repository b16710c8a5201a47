package io.vruksha.retail.money;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A quantity of goods in a unit of measure: whole pieces, or kilograms, litres and metres to three
 * decimals. Always scaled to the unit's precision, so {@code 1.5 kg} equals {@code 1.500 kg}.
 *
 * <p>Quantities may be negative only where a rule says so (a return line, a stock adjustment);
 * basket lines require {@link #requirePositive()}.
 *
 * @param value the amount of the unit
 * @param unit the unit of measure
 */
public record Quantity(BigDecimal value, UnitOfMeasure unit) implements Comparable<Quantity> {

  /** Scales the value to the unit's precision, refusing extra decimals. */
  public Quantity {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(unit, "unit");
    Decimals.requireSane(value, "quantity");
    try {
      value = value.setScale(unit.scale(), RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new InvalidInputException(
          ErrorCode.QUANTITY_PRECISION,
          Decimals.brief(value)
              + " "
              + unit.symbol()
              + " has more than "
              + unit.scale()
              + " decimals");
    }
  }

  /**
   * {@code value} without trailing zeros after the point (17.000 is 17, 3.210 is 3.21, 0.000 is 0):
   * the one form of a quantity that carries no unit (a stock level, a movement), so it reads and
   * compares the same whatever scale an adapter kept it in.
   */
  public static BigDecimal canonical(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  /** {@code n} pieces. */
  public static Quantity each(long n) {
    return new Quantity(BigDecimal.valueOf(n), UnitOfMeasure.EACH);
  }

  /** A weight in kilograms, e.g. {@code kilograms("0.755")}. */
  public static Quantity kilograms(String kg) {
    return new Quantity(Money.parseDecimal(kg), UnitOfMeasure.KILOGRAM);
  }

  /** Parses {@code value} in {@code unit}. */
  public static Quantity of(String value, UnitOfMeasure unit) {
    return new Quantity(Money.parseDecimal(value), unit);
  }

  /** Throws unless the quantity is above zero, naming what was given. */
  public Quantity requirePositive() {
    if (value.signum() <= 0) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "quantity must be positive, was " + this);
    }
    return this;
  }

  /** This plus {@code other}, in the same unit. */
  public Quantity plus(Quantity other) {
    requireSameUnit(other);
    return new Quantity(value.add(other.value), unit);
  }

  /** This minus {@code other}, in the same unit. */
  public Quantity minus(Quantity other) {
    requireSameUnit(other);
    return new Quantity(value.subtract(other.value), unit);
  }

  /** True when zero. */
  public boolean isZero() {
    return value.signum() == 0;
  }

  /** The whole number of pieces; only for discrete units. */
  public long pieces() {
    if (!unit.isDiscrete()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a quantity in " + unit.symbol() + " has no piece count");
    }
    return value.longValueExact();
  }

  @Override
  public int compareTo(Quantity other) {
    requireSameUnit(other);
    return value.compareTo(other.value);
  }

  private void requireSameUnit(Quantity other) {
    if (unit != other.unit) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "cannot combine " + unit.symbol() + " with " + other.unit.symbol());
    }
  }

  /** {@code "3 ea"}, {@code "0.755 kg"}. */
  @Override
  public String toString() {
    return value.toPlainString() + " " + unit.symbol();
  }
}
