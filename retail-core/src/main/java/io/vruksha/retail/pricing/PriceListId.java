package io.vruksha.retail.pricing;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identity of a price list.
 *
 * @param value the price list id, e.g. {@code retail-eur}
 */
public record PriceListId(String value) implements Comparable<PriceListId> {

  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}");

  /** Validates the format: 1 to 64 letters, digits and {@code . _ : / -}, starting alphanumeric. */
  public PriceListId {
    Objects.requireNonNull(value, "PriceListId");
    if (!FORMAT.matcher(value).matches()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "'"
              + value
              + "' is not a valid price list id: use 1 to 64 letters, digits and . _ : / -");
    }
  }

  /** Shorthand for the constructor. */
  public static PriceListId of(String value) {
    return new PriceListId(value);
  }

  @Override
  public int compareTo(PriceListId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
