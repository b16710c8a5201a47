package io.vruksha.retail.sqlite;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.curbside.CollectionSlot;
import io.vruksha.retail.curbside.CurbsideBooking;
import io.vruksha.retail.curbside.CurbsideSlots;
import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.order.Orders;
import io.vruksha.retail.store.StoreId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * {@link CurbsideSlots} on SQLite: slots as rows with their place count (a CHECK keeps it within
 * the capacity), bookings as JSON documents beside their slot and booking instant. Taking a place
 * is one conditional update, so two tills never fill a slot past its capacity. Lists are ordered as
 * PostgreSQL orders them. Thread-safe.
 */
public final class SqliteCurbsideSlots implements CurbsideSlots {

  private final SqliteUnitOfWork work;

  /** The curbside slots and bookings of {@code db}. */
  public SqliteCurbsideSlots(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public CollectionSlot saveSlot(CollectionSlot slot) {
    return work.write(
        h -> {
          int booked =
              h.createQuery(
                      "SELECT booked FROM curbside_slots WHERE store_id = :s AND slot_id = :id")
                  .bind("s", slot.store().value())
                  .bind("id", slot.id())
                  .mapTo(Integer.class)
                  .findOne()
                  .orElse(0);
          if (slot.capacity() < booked) {
            throw new RuleViolationException(
                ErrorCode.SLOT_FULL,
                "slot "
                    + slot.id()
                    + " holds "
                    + booked
                    + " bookings; its capacity cannot go below");
          }
          h.createUpdate(
                  "INSERT INTO curbside_slots (store_id, slot_id, starts_at, ends_at, capacity,"
                      + " booked) VALUES (:s, :id, :a, :b, :c, 0) ON CONFLICT (store_id, slot_id)"
                      + " DO UPDATE SET starts_at = :a, ends_at = :b, capacity = :c")
              .bind("s", slot.store().value())
              .bind("id", slot.id())
              .bind("a", SqliteValues.micros(slot.start()))
              .bind("b", SqliteValues.micros(slot.end()))
              .bind("c", slot.capacity())
              .execute();
          return new CollectionSlot(
              slot.store(), slot.id(), slot.start(), slot.end(), slot.capacity(), booked);
        });
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
                .bind("a", SqliteValues.micros(from))
                .bind("b", SqliteValues.micros(to))
                .map((rs, ctx) -> slot(rs))
                .list());
  }

  private static CollectionSlot slot(ResultSet rs) throws SQLException {
    return new CollectionSlot(
        StoreId.of(rs.getString("store_id")),
        rs.getString("slot_id"),
        SqliteValues.instant(rs.getLong("starts_at")),
        SqliteValues.instant(rs.getLong("ends_at")),
        rs.getInt("capacity"),
        rs.getInt("booked"));
  }

  @Override
  public boolean takePlace(StoreId store, String slotId) {
    return work.write(
            h ->
                h.createUpdate(
                        "UPDATE curbside_slots SET booked = booked + 1 WHERE store_id = :s"
                            + " AND slot_id = :id AND booked < capacity")
                    .bind("s", store.value())
                    .bind("id", slotId)
                    .execute())
        == 1;
  }

  @Override
  public void freePlace(StoreId store, String slotId) {
    work.write(
        h ->
            h.createUpdate(
                    "UPDATE curbside_slots SET booked = booked - 1 WHERE store_id = :s"
                        + " AND slot_id = :id AND booked > 0")
                .bind("s", store.value())
                .bind("id", slotId)
                .execute());
  }

  @Override
  public void save(CurbsideBooking b) {
    work.write(
        h ->
            h.createUpdate(
                    "INSERT INTO curbside_bookings (store_id, booking_id, slot_id, order_id,"
                        + " booked_at, document) VALUES (:s, :id, :slot, :o, :at, :doc)"
                        + " ON CONFLICT (store_id, booking_id) DO UPDATE SET slot_id = :slot,"
                        + " order_id = :o, document = :doc")
                .bind("s", b.store().value())
                .bind("id", b.id())
                .bind("slot", b.slotId())
                .bind("o", b.orderId().orElse(null))
                .bind("at", SqliteValues.micros(b.bookedAt()))
                .bind("doc", DocumentJson.write(b))
                .execute());
  }

  @Override
  public Optional<CurbsideBooking> booking(StoreId store, String id) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document FROM curbside_bookings WHERE store_id = :s"
                        + " AND booking_id = :id")
                .bind("s", store.value())
                .bind("id", id)
                .mapTo(String.class)
                .findOne()
                .map(d -> DocumentJson.read(d, CurbsideBooking.class)));
  }

  @Override
  public List<CurbsideBooking> bookings(StoreId store, String slotId) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document FROM curbside_bookings WHERE store_id = :s AND slot_id = :slot"
                        + " ORDER BY booked_at, booking_id")
                .bind("s", store.value())
                .bind("slot", slotId)
                .mapTo(String.class)
                .map(d -> DocumentJson.read(d, CurbsideBooking.class))
                .list());
  }

  @Override
  public int forgetNames(Collection<Orders.Key> orders) {
    return work.write(
        h -> {
          int forgotten = 0;
          for (Orders.Key k : orders) {
            List<CurbsideBooking> theirs =
                h.createQuery(
                        "SELECT document FROM curbside_bookings WHERE store_id = :s"
                            + " AND order_id = :o")
                    .bind("s", k.store().value())
                    .bind("o", k.orderId())
                    .mapTo(String.class)
                    .map(d -> DocumentJson.read(d, CurbsideBooking.class))
                    .list();
            for (CurbsideBooking b : theirs) {
              if (!b.customerName().equals(CurbsideBooking.FORGOTTEN_NAME)) {
                save(b.withoutName());
                forgotten++;
              }
            }
          }
          return forgotten;
        });
  }
}
