package io.vruksha.retail.sqlite;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.stock.AvailableToSell;
import io.vruksha.retail.stock.LocationId;
import io.vruksha.retail.stock.MovementReason;
import io.vruksha.retail.stock.ReorderRule;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.stock.StockLedger;
import io.vruksha.retail.stock.StockLevel;
import io.vruksha.retail.stock.StockMovement;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.time.Instants;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * {@link StockLedger} on SQLite: levels, the append-only movement ledger, reservations, safety
 * buffers, reorder rules, low flags and the negative-stock policy. Quantities are decimal strings
 * added up in Java, never by SQLite. The store has one writer at a time ({@link SqliteUnitOfWork}),
 * so "enough available?" and the write that follows are one step: stock never goes below zero
 * unless the caller allows it, however many threads of the till sell the last unit at once. Levels
 * keep the exact decimals the in-memory ledger keeps. Thread-safe.
 */
public final class SqliteStockLedger implements StockLedger, JoinsUnitOfWork {

  private static final String KEY = "store_id = :s AND location_id = :l AND sku = :k";

  private final SqliteUnitOfWork work;

  /** The stock ledger of {@code db}. */
  public SqliteStockLedger(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  private static <S extends SqlStatement<S>> S bind(S statement, StockKey key) {
    return statement
        .bind("s", key.store().value())
        .bind("l", key.location().value())
        .bind("k", key.sku().value());
  }

  /** The level row as stored (its decimals as they were booked), if there is one. */
  private record Row(BigDecimal onHand, BigDecimal reserved) {}

  private static Optional<Row> row(Handle h, StockKey key) {
    return bind(h.createQuery("SELECT on_hand, reserved FROM stock_levels WHERE " + KEY), key)
        .map(
            (rs, ctx) ->
                new Row(
                    SqliteValues.decimal(rs.getString("on_hand")),
                    SqliteValues.decimal(rs.getString("reserved"))))
        .findOne();
  }

  private static StockLevel find(Handle h, StockKey key) {
    return row(h, key)
        .map(r -> new StockLevel(key, r.onHand(), r.reserved()))
        .orElse(new StockLevel(key, BigDecimal.ZERO, BigDecimal.ZERO));
  }

  private static void saveRow(Handle h, StockKey key, BigDecimal onHand, BigDecimal reserved) {
    bind(
            h.createUpdate(
                "INSERT INTO stock_levels VALUES (:s, :l, :k, :oh, :r)"
                    + " ON CONFLICT (store_id, location_id, sku)"
                    + " DO UPDATE SET on_hand = excluded.on_hand, reserved = excluded.reserved"),
            key)
        .bind("oh", SqliteValues.decimal(onHand))
        .bind("r", SqliteValues.decimal(reserved))
        .execute();
  }

  @Override
  public StockLevel level(StockKey key) {
    return work.with(h -> find(h, key));
  }

  @Override
  public StockMovement move(
      StockKey key,
      BigDecimal change,
      MovementReason reason,
      String reference,
      String note,
      Instant at,
      boolean allowNegative) {
    return work.write(
        h -> {
          Row row = row(h, key).orElse(new Row(BigDecimal.ZERO, BigDecimal.ZERO));
          StockLevel level = new StockLevel(key, row.onHand(), row.reserved());
          if (change.signum() < 0 && !allowNegative && level.available().add(change).signum() < 0) {
            throw level.shortOf(change.negate());
          }
          // the level's on hand as the in-memory ledger keeps it: the canonical level plus the
          // change, with the change's decimals
          saveRow(h, key, level.onHand().add(change), row.reserved());
          Instant moved = Instants.microsOrNull(at);
          long sequence =
              bind(
                      h.createQuery(
                          "INSERT INTO stock_movements (store_id, location_id, sku, change,"
                              + " reason, reference, note, moved_at)"
                              + " VALUES (:s, :l, :k, :c, :r, :ref, :n, :at) RETURNING sequence"),
                      key)
                  .bind("c", SqliteValues.decimal(change))
                  .bind("r", reason.name())
                  .bind("ref", reference)
                  .bind("n", note)
                  .bind("at", moved == null ? null : SqliteValues.micros(moved))
                  .mapTo(Long.class)
                  .one();
          return new StockMovement(sequence, key, change, reason, reference, note, moved);
        });
  }

  @Override
  public List<StockMovement> movements(StockKey key) {
    return work.with(
        h ->
            bind(
                    h.createQuery(
                        "SELECT sequence, change, reason, reference, note, moved_at"
                            + " FROM stock_movements WHERE "
                            + KEY
                            + " ORDER BY sequence"),
                    key)
                .map((rs, ctx) -> movement(key, rs))
                .list());
  }

  private static StockMovement movement(StockKey key, ResultSet rs) throws SQLException {
    return new StockMovement(
        rs.getLong("sequence"),
        key,
        SqliteValues.decimal(rs.getString("change")),
        MovementReason.valueOf(rs.getString("reason")),
        rs.getString("reference"),
        rs.getString("note"),
        Rows.instant(rs, "moved_at").orElse(null));
  }

  @Override
  public List<StockLevel> levels(StoreId store) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT location_id, sku, on_hand, reserved FROM stock_levels"
                        + " WHERE store_id = :s ORDER BY location_id, sku")
                .bind("s", store.value())
                .map(
                    (rs, ctx) ->
                        new StockLevel(
                            new StockKey(
                                store,
                                LocationId.of(rs.getString("location_id")),
                                Sku.of(rs.getString("sku"))),
                            SqliteValues.decimal(rs.getString("on_hand")),
                            SqliteValues.decimal(rs.getString("reserved"))))
                .list());
  }

  @Override
  public void setReorderRule(ReorderRule rule) {
    work.write(
        h ->
            bind(
                    h.createUpdate(
                        "INSERT INTO reorder_rules VALUES (:s, :l, :k, :p, :q)"
                            + " ON CONFLICT (store_id, location_id, sku)"
                            + " DO UPDATE SET reorder_point = :p, reorder_quantity = :q"),
                    rule.key())
                .bind("p", SqliteValues.decimal(rule.reorderPoint()))
                .bind("q", SqliteValues.decimal(rule.reorderQuantity()))
                .execute());
  }

  @Override
  public Optional<ReorderRule> reorderRule(StockKey key) {
    return work.with(
        h ->
            bind(
                    h.createQuery(
                        "SELECT reorder_point, reorder_quantity FROM reorder_rules WHERE " + KEY),
                    key)
                .map(
                    (rs, ctx) ->
                        new ReorderRule(
                            key,
                            SqliteValues.decimal(rs.getString(1)),
                            SqliteValues.decimal(rs.getString(2))))
                .findOne());
  }

  @Override
  public boolean markLow(StockKey key, boolean low) {
    return work.write(
        h -> {
          int changed =
              bind(
                      h.createUpdate(
                          low
                              ? "INSERT INTO stock_low VALUES (:s, :l, :k) ON CONFLICT DO NOTHING"
                              : "DELETE FROM stock_low WHERE " + KEY),
                      key)
                  .execute();
          // marking low changed a row when it was not low; clearing, when it was
          return low ? changed == 0 : changed == 1;
        });
  }

  @Override
  public boolean allowsNegative(Sku sku) {
    return work.with(
        h ->
            h.createQuery("SELECT 1 FROM stock_negative_allowed WHERE sku = :k")
                .bind("k", sku.value())
                .mapTo(Integer.class)
                .findOne()
                .isPresent());
  }

  @Override
  public void setAllowNegative(Sku sku, boolean allow) {
    work.write(
        h ->
            h.createUpdate(
                    allow
                        ? "INSERT INTO stock_negative_allowed VALUES (:k) ON CONFLICT DO NOTHING"
                        : "DELETE FROM stock_negative_allowed WHERE sku = :k")
                .bind("k", sku.value())
                .execute());
  }

  private record Reservation(StockKey key, BigDecimal quantity) {}

  private static Optional<Reservation> reservation(Handle h, StoreId store, String id) {
    return h.createQuery(
            "SELECT location_id, sku, quantity FROM stock_reservations"
                + " WHERE store_id = :s AND reservation_id = :id")
        .bind("s", store.value())
        .bind("id", id)
        .map(
            (rs, ctx) ->
                new Reservation(
                    new StockKey(store, LocationId.of(rs.getString(1)), Sku.of(rs.getString(2))),
                    SqliteValues.decimal(rs.getString(3))))
        .findOne();
  }

  /** Adds {@code more} (negative to give back) to what is reserved at {@code key}. */
  private static void addReserved(Handle h, StockKey key, BigDecimal more) {
    Row r = row(h, key).orElse(new Row(BigDecimal.ZERO, BigDecimal.ZERO));
    saveRow(h, key, r.onHand(), r.reserved().add(more));
  }

  private static Optional<BigDecimal> buffer(Handle h, StockKey key) {
    return bind(h.createQuery("SELECT buffer FROM stock_safety_buffers WHERE " + KEY), key)
        .mapTo(String.class)
        .findOne()
        .map(SqliteValues::decimal);
  }

  @Override
  public void reserve(String reservationId, StockKey key, BigDecimal quantity, Instant expiresAt) {
    work.write(
        h -> {
          // the units a reservation of this id holds on this key are its own again, as PostgreSQL
          // releases it before it checks
          BigDecimal held =
              h.createQuery(
                      "SELECT quantity FROM stock_reservations WHERE store_id = :s AND reservation_id = :id"
                          + " AND location_id = :l AND sku = :k")
                  .bind("s", key.store().value())
                  .bind("id", reservationId)
                  .bind("l", key.location().value())
                  .bind("k", key.sku().value())
                  .mapTo(String.class)
                  .findOne()
                  .map(SqliteValues::decimal)
                  .orElse(BigDecimal.ZERO);
          BigDecimal toSell =
              find(h, key).available().add(held).subtract(buffer(h, key).orElse(BigDecimal.ZERO));
          if (toSell.compareTo(quantity) < 0) {
            throw new RuleViolationException(
                ErrorCode.STOCK_INSUFFICIENT,
                "SKU "
                    + key.sku()
                    + " has "
                    + toSell.max(BigDecimal.ZERO).stripTrailingZeros().toPlainString()
                    + " available to reserve, "
                    + quantity.stripTrailingZeros().toPlainString()
                    + " requested");
          }
          release(h, key.store(), reservationId);
          addReserved(h, key, quantity);
          return h.createUpdate("INSERT INTO stock_reservations VALUES (:s, :id, :l, :k, :q, :e)")
              .bind("s", key.store().value())
              .bind("id", reservationId)
              .bind("l", key.location().value())
              .bind("k", key.sku().value())
              .bind("q", SqliteValues.decimal(quantity))
              .bind("e", SqliteValues.micros(Instants.micros(expiresAt)))
              .execute();
        });
  }

  @Override
  public void shrink(StoreId store, String reservationId, BigDecimal quantity) {
    work.write(
        h -> {
          Optional<Reservation> found = reservation(h, store, reservationId);
          if (found.isEmpty() || found.get().quantity().compareTo(quantity) <= 0) {
            return 0;
          }
          if (quantity.signum() <= 0) {
            return release(h, store, reservationId);
          }
          Reservation r = found.get();
          h.createUpdate(
                  "UPDATE stock_reservations SET quantity = :q"
                      + " WHERE store_id = :s AND reservation_id = :id")
              .bind("q", SqliteValues.decimal(quantity))
              .bind("s", store.value())
              .bind("id", reservationId)
              .execute();
          addReserved(h, r.key(), r.quantity().subtract(quantity).negate());
          return 1;
        });
  }

  @Override
  public void release(StoreId store, String reservationId) {
    work.write(h -> release(h, store, reservationId));
  }

  private static int release(Handle h, StoreId store, String reservationId) {
    Optional<Reservation> found = reservation(h, store, reservationId);
    if (found.isEmpty()) {
      return 0;
    }
    h.createUpdate("DELETE FROM stock_reservations WHERE store_id = :s AND reservation_id = :id")
        .bind("s", store.value())
        .bind("id", reservationId)
        .execute();
    addReserved(h, found.get().key(), found.get().quantity().negate());
    return 1;
  }

  @Override
  public int expireReservations(Instant now) {
    return work.write(
        h -> {
          List<String[]> expired =
              h.createQuery(
                      "SELECT store_id, reservation_id FROM stock_reservations"
                          + " WHERE expires_at <= :n ORDER BY store_id, reservation_id")
                  .bind("n", SqliteValues.micros(Instants.micros(now)))
                  .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
                  .list();
          expired.forEach(r -> release(h, StoreId.of(r[0]), r[1]));
          return expired.size();
        });
  }

  @Override
  public void setSafetyBuffer(StockKey key, BigDecimal buffer) {
    work.write(
        h ->
            bind(
                    h.createUpdate(
                        "INSERT INTO stock_safety_buffers VALUES (:s, :l, :k, :b)"
                            + " ON CONFLICT (store_id, location_id, sku) DO UPDATE SET buffer = :b"),
                    key)
                .bind("b", SqliteValues.decimal(buffer))
                .execute());
  }

  @Override
  public AvailableToSell availableToSell(StockKey key) {
    return work.with(
        h -> {
          Row r = row(h, key).orElse(new Row(BigDecimal.ZERO, BigDecimal.ZERO));
          return new AvailableToSell(key, r.onHand(), r.reserved(), buffer(h, key));
        });
  }

  @Override
  public List<AvailableToSell> availableToSell(StoreId store) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT b.sku, b.buffer, l.on_hand, l.reserved FROM stock_safety_buffers b"
                        + " LEFT JOIN stock_levels l ON l.store_id = b.store_id"
                        + " AND l.location_id = b.location_id AND l.sku = b.sku"
                        + " WHERE b.store_id = :s AND b.location_id = :l ORDER BY b.sku")
                .bind("s", store.value())
                .bind("l", LocationId.FLOOR.value())
                .map(
                    (rs, ctx) -> {
                      String onHand = rs.getString("on_hand");
                      return new AvailableToSell(
                          StockKey.floor(store, Sku.of(rs.getString("sku"))),
                          onHand == null ? BigDecimal.ZERO : SqliteValues.decimal(onHand),
                          onHand == null
                              ? BigDecimal.ZERO
                              : SqliteValues.decimal(rs.getString("reserved")),
                          Optional.of(SqliteValues.decimal(rs.getString("buffer"))));
                    })
                .list());
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}
