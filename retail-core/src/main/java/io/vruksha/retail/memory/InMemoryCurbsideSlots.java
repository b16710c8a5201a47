package io.vruksha.retail.memory;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.curbside.CollectionSlot;
import io.vruksha.retail.curbside.CurbsideBooking;
import io.vruksha.retail.curbside.CurbsideSlots;
import io.vruksha.retail.order.Orders;
import io.vruksha.retail.store.StoreId;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link CurbsideSlots} in memory. Thread-safe: every method holds the monitor, so "a place left?"
 * and taking it are one step; writes undo on rollback.
 */
public final class InMemoryCurbsideSlots implements CurbsideSlots {

  private final Map<String, CollectionSlot> slots = new LinkedHashMap<>();
  private final Map<String, CurbsideBooking> bookings = new LinkedHashMap<>();

  private static String key(StoreId store, String id) {
    return store.value() + "\u0000" + id;
  }

  private <V> void put(Map<String, V> map, String key, V value) {
    V before = map.put(key, value);
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            if (before == null) {
              map.remove(key);
            } else {
              map.put(key, before);
            }
          }
        });
  }

  @Override
  public synchronized CollectionSlot saveSlot(CollectionSlot slot) {
    int booked =
        Optional.ofNullable(slots.get(key(slot.store(), slot.id())))
            .map(CollectionSlot::booked)
            .orElse(0);
    if (slot.capacity() < booked) {
      throw new RuleViolationException(
          ErrorCode.SLOT_FULL,
          "slot " + slot.id() + " holds " + booked + " bookings; its capacity cannot go below");
    }
    CollectionSlot saved =
        new CollectionSlot(
            slot.store(), slot.id(), slot.start(), slot.end(), slot.capacity(), booked);
    put(slots, key(slot.store(), slot.id()), saved);
    return saved;
  }

  @Override
  public synchronized Optional<CollectionSlot> slot(StoreId store, String id) {
    return Optional.ofNullable(slots.get(key(store, id)));
  }

  @Override
  public synchronized List<CollectionSlot> slots(StoreId store, Instant from, Instant to) {
    return slots.values().stream()
        .filter(s -> s.store().equals(store) && !s.start().isBefore(from) && s.start().isBefore(to))
        .sorted(Comparator.comparing(CollectionSlot::start).thenComparing(CollectionSlot::id))
        .toList();
  }

  @Override
  public synchronized boolean takePlace(StoreId store, String slotId) {
    CollectionSlot s = slots.get(key(store, slotId));
    if (s == null || s.booked() >= s.capacity()) {
      return false;
    }
    put(
        slots,
        key(store, slotId),
        new CollectionSlot(store, slotId, s.start(), s.end(), s.capacity(), s.booked() + 1));
    return true;
  }

  @Override
  public synchronized void freePlace(StoreId store, String slotId) {
    CollectionSlot s = slots.get(key(store, slotId));
    if (s != null && s.booked() > 0) {
      put(
          slots,
          key(store, slotId),
          new CollectionSlot(store, slotId, s.start(), s.end(), s.capacity(), s.booked() - 1));
    }
  }

  @Override
  public synchronized void save(CurbsideBooking booking) {
    put(bookings, key(booking.store(), booking.id()), booking);
  }

  @Override
  public synchronized Optional<CurbsideBooking> booking(StoreId store, String id) {
    return Optional.ofNullable(bookings.get(key(store, id)));
  }

  @Override
  public synchronized List<CurbsideBooking> bookings(StoreId store, String slotId) {
    // as PostgreSQL lists them: booking instant, then id
    return bookings.values().stream()
        .filter(b -> b.store().equals(store) && b.slotId().equals(slotId))
        .sorted(Comparator.comparing(CurbsideBooking::bookedAt).thenComparing(CurbsideBooking::id))
        .toList();
  }

  @Override
  public synchronized int forgetNames(Collection<Orders.Key> orders) {
    Set<Orders.Key> keys = Set.copyOf(orders);
    List<CurbsideBooking> theirs =
        bookings.values().stream()
            .filter(
                b ->
                    b.orderId().map(o -> keys.contains(new Orders.Key(b.store(), o))).orElse(false))
            .filter(b -> !b.customerName().equals(CurbsideBooking.FORGOTTEN_NAME))
            .toList();
    theirs.forEach(b -> save(b.withoutName()));
    return theirs.size();
  }
}
