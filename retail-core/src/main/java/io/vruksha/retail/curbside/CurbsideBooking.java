package io.vruksha.retail.curbside;

import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.time.Instants;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's place in a collection slot.
 *
 * @param store the store
 * @param id the booking's id
 * @param slotId the slot it holds a place in
 * @param orderId the order to bring out, if any
 * @param customerName who comes
 * @param vehicle how staff recognise them (plate, colour)
 * @param status where it stands
 * @param bookedAt when it was made
 * @param arrivedAt when the customer checked in
 * @param bay the parking bay they gave at check-in
 */
public record CurbsideBooking(
    StoreId store,
    String id,
    String slotId,
    Optional<String> orderId,
    String customerName,
    String vehicle,
    Status status,
    Instant bookedAt,
    Optional<Instant> arrivedAt,
    String bay) {

  /** Where a booking stands. */
  public enum Status {
    /** Holds a place in its slot. */
    BOOKED,
    /** The customer is waiting in the car park. */
    CHECKED_IN,
    /** Given up; its place is free again. */
    CANCELLED
  }

  /** Checks for nulls. */
  public CurbsideBooking {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(slotId, "slotId");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(customerName, "customerName");
    Objects.requireNonNull(vehicle, "vehicle");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(bookedAt, "bookedAt");
    Objects.requireNonNull(arrivedAt, "arrivedAt");
    Objects.requireNonNull(bay, "bay");
    bookedAt = Instants.micros(bookedAt);
    arrivedAt = arrivedAt.map(Instants::micros);
  }

  /** The name on a booking for an order whose customer was anonymised. */
  public static final String FORGOTTEN_NAME = "anonymised";

  /** This booking with the customer's name replaced by {@link #FORGOTTEN_NAME}. */
  public CurbsideBooking withoutName() {
    return new CurbsideBooking(
        store, id, slotId, orderId, FORGOTTEN_NAME, vehicle, status, bookedAt, arrivedAt, bay);
  }

  /** This booking in another slot. */
  public CurbsideBooking inSlot(String slot) {
    return new CurbsideBooking(
        store, id, slot, orderId, customerName, vehicle, status, bookedAt, arrivedAt, bay);
  }

  /** This booking in {@code next} status. */
  public CurbsideBooking withStatus(Status next, Optional<Instant> arrived, String atBay) {
    return new CurbsideBooking(
        store, id, slotId, orderId, customerName, vehicle, next, bookedAt, arrived, atBay);
  }
}
