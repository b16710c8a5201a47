package io.vruksha.retail.postgres;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.curbside.CollectionSlot;
import io.vruksha.retail.curbside.CurbsideBooking;
import io.vruksha.retail.curbside.CurbsideSlots;
import io.vruksha.retail.order.Orders;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.time.Instants;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * {@link CurbsideSlots} on PostgreSQL. A place is taken by one conditional {@code UPDATE ... SET
 * booked = booked + 1 WHERE booked < capacity}: the row lock makes concurrent bookings queue and
 * the condition is re-checked on the committed count, so a slot never takes more than its capacity.
 * Thread-safe.
 */
public final class PostgresCurbsideSlots implements CurbsideSlots {

  private final PostgresUnitOfWork work;

  /** The curbside slots and bookings of {@code db}. */
  public PostgresCurbsideSlots(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public CollectionSlot saveSlot(CollectionSlot slot) {
    return work.with(
        h -> {
          Optional<CollectionSlot> saved =
              h.createQuery(
                      "INSERT INTO curbside_slots (store_id, slot_id, starts_at, ends_at, capacity)"
                          + " VALUES (:s, :id, :a, :b, :c) ON CONFLICT (store_id, slot_id) DO UPDATE"
                          + " SET starts_at = :a, ends_at = :b, capacity = :c"
                          + " WHERE curbside_slots.booked <= :c RETURNING *")
                  .bind("s", slot.store().value())
                  .bind("id", slot.id())
                  .bind("a", Timestamp.from(slot.start()))
                  .bind("b", Timestamp.from(slot.end()))
                  .bind("c", slot.capacity())
                  .map((rs, ctx) -> slot(rs))
                  .findOne();
          return saved.orElseThrow(
              () ->
                  new RuleViolationException(
                      ErrorCode.SLOT_FULL,
                      "slot "
                          + slot.id()
                          + " holds more bookings than "
                          + slot.capacity()
                          + "; its capacity cannot go below"));
        });
  }

  private static CollectionSlot slot(ResultSet rs) throws SQLException {
    return new CollectionSlot(
        StoreId.of(rs.getString("store_id")),
        rs.getString("slot_id"),
        rs.getTimestamp("starts_at").toInstant(),
        rs.getTimestamp("ends_at").toInstant(),
        rs.getInt("capacity"),
        rs.getInt("booked"));
  }

  @Override
  public Optional<CollectionSlot> slot(StoreId store, String id) {
    return work.with(
        h ->
            h.createQuery("SELECT * FROM curbside_slots WHERE store_id = :s AND slot_id = :id")
                .bind("s", store.value())
                .bind("id", id)
                .map((rs, ctx) -> slot(rs))
                .findOne());
  }

  @Override
  public List<CollectionSlot> slots(StoreId store, Instant from, Instant to) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT * FROM curbside_slots WHERE store_id = :s AND starts_at >= :a"
                        + " AND starts_at < :b ORDER BY starts_at, slot_id")
                .bind("s", store.value())
                // a bound finer than a microsecond as its ceiling: PostgreSQL would round it to
                // the nearest, and pick a slot starting in the microsecond before it
                .bind("a", Timestamp.from(Instants.microsCeiling(from)))
                .bind("b", Timestamp.from(Instants.microsCeiling(to)))
                .map((rs, ctx) -> slot(rs))
                .list());
  }

  @Override
  public boolean takePlace(StoreId store, String slotId) {
    return work.with(
            h ->
                h.createUpdate(
                        "UPDATE curbside_slots SET booked = booked + 1"
                            + " WHERE store_id = :s AND slot_id = :id AND booked < capacity")
                    .bind("s", store.value())
                    .bind("id", slotId)
                    .execute())
        == 1;
  }

  @Override
  public void freePlace(StoreId store, String slotId) {
    work.with(
        h ->
            h.createUpdate(
                    "UPDATE curbside_slots SET booked = booked - 1"
                        + " WHERE store_id = :s AND slot_id = :id AND booked > 0")
                .bind("s", store.value())
                .bind("id", slotId)
                .execute());
  }

  @Override
  public void save(CurbsideBooking b) {
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO curbside_bookings VALUES (:s, :id, :slot, :o, :n, :v, :st, :at, :arr, :bay)"
                        + " ON CONFLICT (store_id, booking_id) DO UPDATE SET slot_id = :slot,"
                        + " status = :st, arrived_at = :arr, bay = :bay")
                .bind("s", b.store().value())
                .bind("id", b.id())
                .bind("slot", b.slotId())
                .bind("o", b.orderId().orElse(null))
                .bind("n", b.customerName())
                .bind("v", b.vehicle())
                .bind("st", b.status().name())
                .bind("at", Timestamp.from(b.bookedAt()))
                .bind("arr", b.arrivedAt().map(Timestamp::from).orElse(null))
                .bind("bay", b.bay())
                .execute());
  }

  private static CurbsideBooking booking(ResultSet rs) throws SQLException {
    Timestamp arrived = rs.getTimestamp("arrived_at");
    return new CurbsideBooking(
        StoreId.of(rs.getString("store_id")),
        rs.getString("booking_id"),
        rs.getString("slot_id"),
        Optional.ofNullable(rs.getString("order_id")),
        rs.getString("customer_name"),
        rs.getString("vehicle"),
        CurbsideBooking.Status.valueOf(rs.getString("status")),
        rs.getTimestamp("booked_at").toInstant(),
        Optional.ofNullable(arrived).map(Timestamp::toInstant),
        rs.getString("bay"));
  }

  @Override
  public Optional<CurbsideBooking> booking(StoreId store, String id) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT * FROM curbside_bookings WHERE store_id = :s AND booking_id = :id")
                .bind("s", store.value())
                .bind("id", id)
                .map((rs, ctx) -> booking(rs))
                .findOne());
  }

  @Override
  public List<CurbsideBooking> bookings(StoreId store, String slotId) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT * FROM curbside_bookings WHERE store_id = :s AND slot_id = :slot"
                        + " ORDER BY booked_at, booking_id")
                .bind("s", store.value())
                .bind("slot", slotId)
                .map((rs, ctx) -> booking(rs))
                .list());
  }

  /**
   * Through {@code curbside_forget_names} (V19), which checks each order's customer is anonymised.
   */
  @Override
  public int forgetNames(Collection<Orders.Key> orders) {
    return work.with(
        h -> {
          int scrubbed = 0;
          for (Orders.Key key : orders) {
            scrubbed +=
                h.createQuery("SELECT curbside_forget_names(:s, :o)")
                    .bind("s", key.store().value())
                    .bind("o", key.orderId())
                    .mapTo(Integer.class)
                    .one();
          }
          return scrubbed;
        });
  }
}
