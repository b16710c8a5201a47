package io.vruksha.retail.postgres;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The stock ledger's reservations on PostgreSQL ({@code stock_reservations}, and the {@code
 * reserved} column of {@code stock_levels} they hold): reserve, shrink, release, expire. Statements
 * on the caller's handle, inside its unit of work; {@link PostgresStockLedger} runs them.
 */
final class PostgresReservations {

  private PostgresReservations() {}

  /**
   * Reserves {@code quantity} of {@code key} under {@code reservationId} (replacing a reservation
   * of that id), or refuses with {@code stock.insufficient} when less is available.
   */
  static int reserve(
      Handle h, String reservationId, StockKey key, BigDecimal quantity, Instant expiresAt) {
    release(h, key.store(), reservationId);
    PostgresStockLedger.ensureRow(h, key);
    int updated =
        h.createUpdate(
                "UPDATE stock_levels SET reserved = reserved + :q"
                    + " WHERE store_id = :s AND location_id = :l AND sku = :k"
                    + " AND on_hand - reserved - COALESCE(safety_buffer, 0) >= :q")
            .bind("q", quantity)
            .bind("s", key.store().value())
            .bind("l", key.location().value())
            .bind("k", key.sku().value())
            .execute();
    if (updated == 0) {
      throw new RuleViolationException(
          ErrorCode.STOCK_INSUFFICIENT,
          "SKU "
              + key.sku()
              + " has "
              + PostgresStockLedger.toSell(h, key).quantity().stripTrailingZeros().toPlainString()
              + " available to reserve, "
              + quantity.stripTrailingZeros().toPlainString()
              + " requested");
    }
    return h.createUpdate("INSERT INTO stock_reservations VALUES (:id, :s, :l, :k, :q, :e)")
        .bind("id", reservationId)
        .bind("s", key.store().value())
        .bind("l", key.location().value())
        .bind("k", key.sku().value())
        .bind("q", quantity)
        .bind("e", Timestamp.from(expiresAt))
        .execute();
  }

  /** Lowers the reservation to {@code quantity} (above zero), giving the rest back. */
  static int shrink(Handle h, StoreId store, String reservationId, BigDecimal quantity) {
    return h.createUpdate(
            "WITH old AS (SELECT * FROM stock_reservations"
                + " WHERE store_id = :s AND reservation_id = :id AND quantity > :q FOR UPDATE),"
                + " lowered AS (UPDATE stock_reservations r SET quantity = :q FROM old"
                + " WHERE r.store_id = old.store_id AND r.reservation_id = old.reservation_id)"
                + " UPDATE stock_levels s SET reserved = s.reserved - (old.quantity - :q) FROM old"
                + " WHERE s.store_id = old.store_id AND s.location_id = old.location_id"
                + " AND s.sku = old.sku")
        .bind("s", store.value())
        .bind("id", reservationId)
        .bind("q", quantity)
        .execute();
  }

  /** Drops the reservation, giving its quantity back; the rows changed. */
  static int release(Handle h, StoreId store, String reservationId) {
    return h.createUpdate(
            "WITH gone AS (DELETE FROM stock_reservations WHERE store_id = :s AND reservation_id = :id"
                + " RETURNING *)"
                + " UPDATE stock_levels s SET reserved = s.reserved - gone.quantity FROM gone"
                + " WHERE s.store_id = gone.store_id AND s.location_id = gone.location_id AND s.sku = gone.sku")
        .bind("s", store.value())
        .bind("id", reservationId)
        .execute();
  }

  /** Releases every reservation that expired by {@code now}; how many. */
  static int expire(Handle h, Instant now) {
    List<String[]> expired =
        h.createQuery(
                "SELECT store_id, reservation_id FROM stock_reservations WHERE expires_at <= :n"
                    + " ORDER BY store_id, reservation_id")
            .bind("n", Timestamp.from(now))
            .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
            .list();
    expired.forEach(r -> release(h, StoreId.of(r[0]), r[1]));
    return expired.size();
  }
}
