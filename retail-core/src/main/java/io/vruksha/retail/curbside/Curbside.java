package io.vruksha.retail.curbside;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.UnitOfWork;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The curbside use cases: define slots, book, move a booking to another slot, check in on arrival,
 * cancel. A booking holds one place of its slot's capacity from booking to cancellation; moving it
 * takes the new place before giving the old one back, in one unit of work, so a move to a full slot
 * changes nothing. Thread-safe when its ports are.
 */
public final class Curbside {

  private final CurbsideSlots slots;
  private final Outbox outbox;
  private final UnitOfWork work;
  private final Clock clock;

  /** Curbside over its ports. */
  public Curbside(CurbsideSlots slots, Outbox outbox, UnitOfWork work, Clock clock) {
    this.slots = Objects.requireNonNull(slots, "slots");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.work = Objects.requireNonNull(work, "work");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The slots and bookings, for lookups. */
  public CurbsideSlots slots() {
    return slots;
  }

  /** Defines a slot, or changes one's window or capacity (never below the places booked). */
  public CollectionSlot defineSlot(CollectionSlot slot) {
    return work.runFor(slot.store(), () -> slots.saveSlot(slot));
  }

  /**
   * Books a place in a slot. Booking an id again in the same slot returns the first booking.
   *
   * @throws RuleViolationException SLOT_FULL when the slot has no place left
   */
  public CurbsideBooking book(
      StoreId store,
      String bookingId,
      String slotId,
      Optional<String> orderId,
      String customerName,
      String vehicle) {
    if (bookingId == null || !bookingId.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a booking id is 1 to 64 letters, digits, '.', '_', ':' or '-'");
    }
    if (customerName == null || customerName.isBlank()) {
      throw new InvalidInputException(ErrorCode.VALIDATION, "a booking needs the customer's name");
    }
    return work.runFor(
        store,
        () -> {
          Optional<CurbsideBooking> existing = slots.booking(store, bookingId);
          if (existing.isPresent()) {
            if (!existing.get().slotId().equals(slotId)) {
              throw new RuleViolationException(
                  ErrorCode.DUPLICATE,
                  "booking " + bookingId + " exists in slot " + existing.get().slotId());
            }
            return existing.get();
          }
          take(store, slotId);
          CurbsideBooking booking =
              new CurbsideBooking(
                  store,
                  bookingId,
                  slotId,
                  orderId,
                  customerName.strip(),
                  vehicle == null ? "" : vehicle.strip(),
                  CurbsideBooking.Status.BOOKED,
                  clock.instant(),
                  Optional.empty(),
                  "");
          slots.save(booking);
          publish(booking, "BOOKED");
          return booking;
        });
  }

  /** Moves a booking to another slot: the new place is taken before the old one is freed. */
  public CurbsideBooking change(StoreId store, String bookingId, String newSlotId) {
    return work.runFor(
        store,
        () -> {
          CurbsideBooking booking = find(store, bookingId);
          requireBooked(booking, "change");
          if (booking.slotId().equals(newSlotId)) {
            return booking;
          }
          take(store, newSlotId);
          slots.freePlace(store, booking.slotId());
          CurbsideBooking moved = booking.inSlot(newSlotId);
          slots.save(moved);
          publish(moved, "CHANGED");
          return moved;
        });
  }

  /** The customer arrived: staff see them waiting at {@code bay}. */
  public CurbsideBooking checkIn(StoreId store, String bookingId, String bay) {
    return work.runFor(
        store,
        () -> {
          CurbsideBooking booking = find(store, bookingId);
          if (booking.status() == CurbsideBooking.Status.CHECKED_IN) {
            return booking;
          }
          requireBooked(booking, "check in");
          CurbsideBooking arrived =
              booking.withStatus(
                  CurbsideBooking.Status.CHECKED_IN,
                  Optional.of(clock.instant()),
                  bay == null ? "" : bay.strip());
          slots.save(arrived);
          publish(arrived, "CHECKED_IN");
          return arrived;
        });
  }

  /** Cancels a booking; its place is free again. */
  public CurbsideBooking cancel(StoreId store, String bookingId) {
    return work.runFor(
        store,
        () -> {
          CurbsideBooking booking = find(store, bookingId);
          if (booking.status() == CurbsideBooking.Status.CANCELLED) {
            return booking;
          }
          slots.freePlace(store, booking.slotId());
          CurbsideBooking cancelled =
              booking.withStatus(
                  CurbsideBooking.Status.CANCELLED, booking.arrivedAt(), booking.bay());
          slots.save(cancelled);
          publish(cancelled, "CANCELLED");
          return cancelled;
        });
  }

  /** The booking {@code id} of {@code store}. */
  public CurbsideBooking find(StoreId store, String bookingId) {
    return slots
        .booking(store, bookingId)
        .orElseThrow(
            () ->
                new NotFoundException(
                    ErrorCode.NOT_FOUND, "no curbside booking " + bookingId + " in " + store));
  }

  private void take(StoreId store, String slotId) {
    CollectionSlot slot =
        slots
            .slot(store, slotId)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        ErrorCode.NOT_FOUND, "no collection slot " + slotId + " in " + store));
    if (!slot.end().isAfter(clock.instant())) {
      throw new RuleViolationException(
          ErrorCode.SLOT_FULL, "collection slot " + slotId + " is over");
    }
    if (!slots.takePlace(store, slotId)) {
      throw new RuleViolationException(
          ErrorCode.SLOT_FULL,
          "collection slot " + slotId + " is fully booked (" + slot.capacity() + " places)");
    }
  }

  private static void requireBooked(CurbsideBooking booking, String what) {
    if (booking.status() != CurbsideBooking.Status.BOOKED) {
      throw new RuleViolationException(
          ErrorCode.ORDER_STATE,
          "cannot " + what + " booking " + booking.id() + ": it is " + booking.status());
    }
  }

  private void publish(CurbsideBooking b, String status) {
    outbox.append(
        EventEnvelope.of(
            new DomainEvent.CurbsideBookingChanged(
                b.store(), b.id(), b.slotId(), b.orderId().orElse(""), status),
            clock.instant(),
            b.id()));
  }
}
