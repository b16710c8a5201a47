package io.vruksha.retail.stock;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.money.Quantity;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The stock of a SKU at a location: on hand, reserved for orders, and available to sell.
 *
 * @param key where
 * @param onHand physically there
 * @param reserved promised to orders
 */
public record StockLevel(StockKey key, BigDecimal onHand, BigDecimal reserved) {

  /**
   * Keeps the quantities in their canonical form ({@link Quantity#canonical}): PostgreSQL reads
   * them back with three decimals, the in-memory ledger with the decimals they were booked with.
   */
  public StockLevel {
    onHand = Quantity.canonical(Objects.requireNonNull(onHand, "onHand"));
    reserved = Quantity.canonical(Objects.requireNonNull(reserved, "reserved"));
  }

  /** On hand minus reserved. */
  public BigDecimal available() {
    return onHand.subtract(reserved);
  }

  /**
   * The refusal of a request for more than is available, worded for the till: "SKU CAKE has 5
   * available at floor, 6 requested".
   */
  public RuleViolationException shortOf(BigDecimal requested) {
    return new RuleViolationException(
        ErrorCode.STOCK_INSUFFICIENT,
        "SKU "
            + key.sku()
            + " has "
            + available().stripTrailingZeros().toPlainString()
            + " available at "
            + key.location()
            + ", "
            + requested.stripTrailingZeros().toPlainString()
            + " requested");
  }
}
