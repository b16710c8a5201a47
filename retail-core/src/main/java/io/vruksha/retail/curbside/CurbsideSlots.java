package io.vruksha.retail.curbside;

import io.vruksha.retail.order.Orders;
import io.vruksha.retail.store.StoreId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Port: collection slots and their bookings. {@link #takePlace} is the one way a slot fills, and it
 * is atomic: the check "a place left?" and the count going up are one step, however many customers
 * book the last place at once. Implementations must be thread-safe.
 */
public interface CurbsideSlots {

  /**
   * Defines a slot or changes its window and capacity (its booked count is kept).
   *
   * @throws io.vruksha.retail.RuleViolationException when the capacity is below the bookings held
   */
  CollectionSlot saveSlot(CollectionSlot slot);

  /** The slot {@code id} of {@code store}. */
  Optional<CollectionSlot> slot(StoreId store, String id);

  /**
   * The store's slots starting in {@code [from, to)}, by start; bounds compared as given, to the
   * nanosecond (a slot's start is in microseconds: an adapter that keeps microseconds compares with
   * each bound's {@link io.vruksha.retail.time.Instants#microsCeiling ceiling}).
   */
  List<CollectionSlot> slots(StoreId store, Instant from, Instant to);

  /** Takes a place in a slot if one is left; false when it is full. */
  boolean takePlace(StoreId store, String slotId);

  /** Gives a place back. */
  void freePlace(StoreId store, String slotId);

  /** Saves a booking, new or changed. */
  void save(CurbsideBooking booking);

  /** The booking {@code id} of {@code store}. */
  Optional<CurbsideBooking> booking(StoreId store, String id);

  /** The bookings of a slot, oldest first. */
  List<CurbsideBooking> bookings(StoreId store, String slotId);

  /**
   * Replaces the customer's name on every booking for one of {@code orders} with {@link
   * CurbsideBooking#FORGOTTEN_NAME}: the orders of an anonymised customer ({@link
   * Orders#forgetCustomer}). Answers how many bookings changed.
   */
  int forgetNames(Collection<Orders.Key> orders);
}
