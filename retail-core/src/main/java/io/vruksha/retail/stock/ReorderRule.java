package io.vruksha.retail.stock;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * When to reorder a SKU at a location: once available stock falls below {@code reorderPoint}, a
 * low-stock event asks for {@code reorderQuantity}. The event is raised once per crossing, not on
 * every sale below the point; it can be raised again after stock has come back up.
 *
 * @param key where
 * @param reorderPoint the threshold
 * @param reorderQuantity how much to order
 */
public record ReorderRule(StockKey key, BigDecimal reorderPoint, BigDecimal reorderQuantity) {

  /** Validates the quantities. */
  public ReorderRule {
    Objects.requireNonNull(key, "key");
    if (reorderPoint.signum() < 0 || reorderQuantity.signum() <= 0) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a reorder point must be 0 or more and a reorder quantity above 0");
    }
  }
}
