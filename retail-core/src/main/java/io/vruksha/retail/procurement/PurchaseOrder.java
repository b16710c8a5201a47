package io.vruksha.retail.procurement;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.time.Instants;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A purchase order from a store to a supplier.
 *
 * @param id the identity
 * @param store the ordering store
 * @param supplierId the supplier
 * @param status where it is in its life
 * @param lines what is ordered and what has arrived
 * @param createdAt when it was drafted
 */
public record PurchaseOrder(
    String id,
    StoreId store,
    String supplierId,
    Status status,
    List<Line> lines,
    Instant createdAt) {

  /** A purchase order's life. */
  public enum Status {
    /** Being put together (low-stock events add to it). */
    DRAFTED,
    /** Approved by a manager. */
    APPROVED,
    /** Sent to the supplier. */
    SENT,
    /** Some goods arrived. */
    PARTIALLY_RECEIVED,
    /** Everything arrived. */
    RECEIVED,
    /** Cancelled. */
    CANCELLED
  }

  /**
   * One ordered SKU.
   *
   * @param sku the SKU
   * @param ordered quantity ordered
   * @param received quantity received so far
   * @param unitCost the agreed unit cost
   */
  public record Line(Sku sku, BigDecimal ordered, BigDecimal received, Money unitCost) {}

  /** Copies the lines. */
  public PurchaseOrder {
    lines = List.copyOf(lines);
    createdAt = Instants.microsOrNull(createdAt);
  }

  /** This order with another status and lines. */
  public PurchaseOrder with(Status newStatus, List<Line> newLines) {
    return new PurchaseOrder(id, store, supplierId, newStatus, newLines, createdAt);
  }
}
