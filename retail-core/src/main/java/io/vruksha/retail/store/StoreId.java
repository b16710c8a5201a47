package io.vruksha.retail.store;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identity of a store, the tenant every store-owned record belongs to.
 *
 * @param value the store id, e.g. {@code demo}
 */
public record StoreId(String value) implements Comparable<StoreId> {

  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}");

  /** Validates the format: 1 to 64 letters, digits and {@code . _ : / -}, starting alphanumeric. */
  public StoreId {
    Objects.requireNonNull(value, "StoreId");
    if (!FORMAT.matcher(value).matches()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "'" + value + "' is not a valid store id: use 1 to 64 letters, digits and . _ : / -");
    }
  }

  /** Shorthand for the constructor. */
  public static StoreId of(String value) {
    return new StoreId(value);
  }

  @Override
  public int compareTo(StoreId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
