package io.vruksha.retail.stock;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Port: stock levels and their append-only movement ledger, reorder rules and reservations.
 *
 * <p>{@link #move} is the one way stock changes, and it is atomic: a decrease that would take
 * available stock below zero is refused ({@link io.vruksha.retail.ErrorCode#STOCK_INSUFFICIENT})
 * unless {@code allowNegative}, however many tills sell the last unit at once. Implementations must
 * be thread-safe.
 */
public interface StockLedger {

  /** The level at {@code key} (zero when nothing ever moved). */
  StockLevel level(StockKey key);

  /**
   * Books a movement and returns it.
   *
   * @throws io.vruksha.retail.RuleViolationException when a decrease exceeds available stock and
   *     negative stock is not allowed
   */
  StockMovement move(
      StockKey key,
      BigDecimal change,
      MovementReason reason,
      String reference,
      String note,
      Instant at,
      boolean allowNegative);

  /**
   * One move of {@link #moveAll}: the arguments of {@link #move}.
   *
   * @param key where the stock moves
   * @param change the signed quantity
   * @param reason why
   * @param reference the document it belongs to
   * @param note a free note, possibly empty
   * @param at when
   * @param allowNegative whether the level may go below zero
   */
  record Move(
      StockKey key,
      BigDecimal change,
      MovementReason reason,
      String reference,
      String note,
      Instant at,
      boolean allowNegative) {}

  /**
   * Books {@code moves} in the given order inside the caller's unit of work, as {@link #move} each:
   * the first that would take stock below zero (where that is not allowed) is refused, and the unit
   * of work's rollback undoes the others. Callers give moves in a fixed order (by key), so two
   * units of work booking the same keys lock them in the same order. An adapter may book them all
   * in one round trip.
   *
   * @return the movements, in the order of {@code moves}
   * @throws io.vruksha.retail.RuleViolationException as {@link #move}
   */
  default List<StockMovement> moveAll(List<Move> moves) {
    List<StockMovement> booked = new ArrayList<>(moves.size());
    for (Move m : moves) {
      booked.add(
          move(
              m.key(), m.change(), m.reason(), m.reference(), m.note(), m.at(), m.allowNegative()));
    }
    return booked;
  }

  /** Every movement at {@code key}, oldest first. */
  List<StockMovement> movements(StockKey key);

  /** Every level of a store. */
  List<StockLevel> levels(StoreId store);

  /** Sets the reorder rule of a key. */
  void setReorderRule(ReorderRule rule);

  /** The reorder rule of a key. */
  Optional<ReorderRule> reorderRule(StockKey key);

  /**
   * Records whether {@code key} is below its reorder point and returns what it was before, so a
   * low-stock event is raised only on the crossing.
   */
  boolean markLow(StockKey key, boolean low);

  /** Whether negative stock is allowed for a SKU (default: no). */
  boolean allowsNegative(Sku sku);

  /** Sets the negative-stock policy of a SKU. */
  void setAllowNegative(Sku sku, boolean allow);

  /**
   * Reserves stock for an order until {@code expiresAt}. The check and the reservation are one
   * atomic step against the level: a reservation never takes more than on hand minus reserved minus
   * the SKU's safety buffer, however many orders reserve the last units at once, so available to
   * sell never goes negative through reservations. A reservation belongs to the store of {@code
   * key}: its id is unique within that store only, and reserving again under the same id replaces
   * that store's reservation, never another store's.
   *
   * @throws io.vruksha.retail.RuleViolationException when not enough is available to sell
   */
  void reserve(String reservationId, StockKey key, BigDecimal quantity, Instant expiresAt);

  /**
   * Lowers a reservation to {@code quantity} (an order picked short) without checking available to
   * sell again: the units kept are already promised. A reservation at or below it, or an unknown
   * id, is left alone; zero releases it. Only {@code store}'s reservation of that id is touched.
   */
  void shrink(StoreId store, String reservationId, BigDecimal quantity);

  /**
   * Releases {@code store}'s reservation of that id (order collected or cancelled); unknown ids,
   * and other stores' reservations of the same id, are left alone.
   */
  void release(StoreId store, String reservationId);

  /** Releases every reservation that expired before {@code now}; returns how many. */
  int expireReservations(Instant now);

  /**
   * Sets the safety buffer of a SKU at a store's sales floor: the stock web shops may not sell.
   * Setting one (even zero) lists the SKU on the e-commerce bridge.
   */
  void setSafetyBuffer(StockKey key, BigDecimal buffer);

  /** The level at {@code key} with its safety buffer. */
  AvailableToSell availableToSell(StockKey key);

  /** Available to sell of every SKU listed for web shops at a store's sales floor, by SKU. */
  List<AvailableToSell> availableToSell(StoreId store);
}
