package io.vruksha.retail.catalog;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A stock-keeping unit: the identity of one sellable variant (size, colour) of a product.
 *
 * @param value the SKU code, e.g. {@code SHIRT-BLU-M}
 */
public record Sku(String value) implements Comparable<Sku> {

  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}");

  /** Validates the format: 1 to 64 letters, digits and {@code . _ : / -}, starting alphanumeric. */
  public Sku {
    Objects.requireNonNull(value, "Sku");
    if (!FORMAT.matcher(value).matches()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "'" + value + "' is not a valid SKU: use 1 to 64 letters, digits and . _ : / -");
    }
  }

  /** Shorthand for the constructor. */
  public static Sku of(String value) {
    return new Sku(value);
  }

  @Override
  public int compareTo(Sku other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
