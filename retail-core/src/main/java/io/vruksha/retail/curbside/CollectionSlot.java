package io.vruksha.retail.curbside;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.time.Instants;
import java.time.Instant;
import java.util.Objects;

/**
 * A window in which customers may collect at the curb, and how many cars the store serves in it.
 *
 * @param store the store
 * @param id the slot's id (e.g. {@code 2026-11-25T16:00})
 * @param start when it opens
 * @param end when it closes
 * @param capacity how many bookings it takes
 * @param booked how many it holds
 */
public record CollectionSlot(
    StoreId store, String id, Instant start, Instant end, int capacity, int booked) {

  /** Validates the window and the counts. */
  public CollectionSlot {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    start = Instants.micros(start);
    end = Instants.micros(end);
    if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a slot id is 1 to 64 letters, digits, '.', '_', ':' or '-'");
    }
    if (!end.isAfter(start)) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "slot " + id + " must end after it starts");
    }
    if (capacity < 0 || capacity > 10_000 || booked < 0) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "slot " + id + " needs a capacity of 0 to 10000");
    }
  }

  /** Places still free. */
  public int free() {
    return Math.max(0, capacity - booked);
  }
}
