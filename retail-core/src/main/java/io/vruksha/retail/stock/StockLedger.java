package io.vruksha.retail.stock;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.time.Instant;
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
   * sell never goes negative through reservations.
   *
   * @throws io.vruksha.retail.RuleViolationException when not enough is available to sell
   */
  void reserve(String reservationId, StockKey key, BigDecimal quantity, Instant expiresAt);

  /**
   * Lowers a reservation to {@code quantity} (an order picked short) without checking available to
   * sell again: the units kept are already promised. A reservation at or below it, or an unknown
   * id, is left alone; zero releases it.
   */
  void shrink(String reservationId, BigDecimal quantity);

  /** Releases a reservation (order collected or cancelled); unknown ids are ignored. */
  void release(String reservationId);

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
