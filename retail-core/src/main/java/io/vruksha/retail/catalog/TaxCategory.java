package io.vruksha.retail.catalog;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The tax category of a product (standard, reduced, food, books, ...), which each jurisdiction's
 * tax rules map to rates.
 *
 * @param value the category code, e.g. {@code standard}
 */
public record TaxCategory(String value) implements Comparable<TaxCategory> {

  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}");

  /** Validates the format: 1 to 64 letters, digits and {@code . _ : / -}, starting alphanumeric. */
  public TaxCategory {
    Objects.requireNonNull(value, "TaxCategory");
    if (!FORMAT.matcher(value).matches()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "'" + value + "' is not a valid tax category: use 1 to 64 letters, digits and . _ : / -");
    }
  }

  /** Shorthand for the constructor. */
  public static TaxCategory of(String value) {
    return new TaxCategory(value);
  }

  @Override
  public int compareTo(TaxCategory other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
