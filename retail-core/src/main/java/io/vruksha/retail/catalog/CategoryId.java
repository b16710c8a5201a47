package io.vruksha.retail.catalog;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identity of a category in the catalogue's category tree.
 *
 * @param value the category id, e.g. {@code apparel/shirts}
 */
public record CategoryId(String value) implements Comparable<CategoryId> {

  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}");

  /** Validates the format: 1 to 64 letters, digits and {@code . _ : / -}, starting alphanumeric. */
  public CategoryId {
    Objects.requireNonNull(value, "CategoryId");
    if (!FORMAT.matcher(value).matches()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "'" + value + "' is not a valid category id: use 1 to 64 letters, digits and . _ : / -");
    }
  }

  /** Shorthand for the constructor. */
  public static CategoryId of(String value) {
    return new CategoryId(value);
  }

  @Override
  public int compareTo(CategoryId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
