package io.vruksha.retail.stock;

import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.time.Instants;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the append-only stock ledger. The sum of a key's movements is its on-hand quantity.
 *
 * @param sequence position in the ledger, increasing
 * @param key where
 * @param change the signed quantity
 * @param reason why
 * @param reference what caused it (a sale id, a transfer id, a count id)
 * @param note free text (the reason of an adjustment)
 * @param at when
 */
public record StockMovement(
    long sequence,
    StockKey key,
    BigDecimal change,
    MovementReason reason,
    String reference,
    String note,
    Instant at) {

  /**
   * Keeps the movement's time to the microsecond, as every adapter stores it, and the change in its
   * canonical form ({@link Quantity#canonical}), as a level's.
   */
  public StockMovement {
    at = Instants.microsOrNull(at);
    change = Quantity.canonical(Objects.requireNonNull(change, "change"));
  }
}
