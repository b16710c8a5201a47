package io.vruksha.retail.loyalty;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A loyalty tier (silver, gold) that promotions can target.
 *
 * @param value the tier code
 */
public record LoyaltyTier(String value) implements Comparable<LoyaltyTier> {

  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}");

  /** Validates the format: 1 to 64 letters, digits and {@code . _ : / -}, starting alphanumeric. */
  public LoyaltyTier {
    Objects.requireNonNull(value, "LoyaltyTier");
    if (!FORMAT.matcher(value).matches()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "'" + value + "' is not a valid loyalty tier: use 1 to 64 letters, digits and . _ : / -");
    }
  }

  /** Shorthand for the constructor. */
  public static LoyaltyTier of(String value) {
    return new LoyaltyTier(value);
  }

  @Override
  public int compareTo(LoyaltyTier other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
