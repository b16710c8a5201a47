package io.vruksha.retail.customer;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A customer group (staff, trade, VIP) that price lists and promotions can target.
 *
 * @param value the group code
 */
public record CustomerGroupId(String value) implements Comparable<CustomerGroupId> {

  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}");

  /** Validates the format: 1 to 64 letters, digits and {@code . _ : / -}, starting alphanumeric. */
  public CustomerGroupId {
    Objects.requireNonNull(value, "CustomerGroupId");
    if (!FORMAT.matcher(value).matches()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "'"
              + value
              + "' is not a valid customer group: use 1 to 64 letters, digits and . _ : / -");
    }
  }

  /** Shorthand for the constructor. */
  public static CustomerGroupId of(String value) {
    return new CustomerGroupId(value);
  }

  @Override
  public int compareTo(CustomerGroupId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
