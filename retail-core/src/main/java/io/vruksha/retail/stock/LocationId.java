package io.vruksha.retail.stock;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A stock location of a store: the sales floor, the back room, a warehouse.
 *
 * @param value the location id, e.g. {@code floor}
 */
public record LocationId(String value) implements Comparable<LocationId> {

  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}");

  /** Validates the format: 1 to 64 letters, digits and {@code . _ : / -}, starting alphanumeric. */
  public LocationId {
    Objects.requireNonNull(value, "LocationId");
    if (!FORMAT.matcher(value).matches()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "'" + value + "' is not a valid location id: use 1 to 64 letters, digits and . _ : / -");
    }
  }

  /** The sales floor, where the till sells from. */
  public static final LocationId FLOOR = new LocationId("floor");

  /** The back room. */
  public static final LocationId BACK_ROOM = new LocationId("back-room");

  /** Shorthand for the constructor. */
  public static LocationId of(String value) {
    return new LocationId(value);
  }

  @Override
  public int compareTo(LocationId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
