package io.vruksha.retail.stock;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * What a web shop may still sell of a SKU at a store: on hand, minus what orders reserved, minus
 * the store's safety buffer for that SKU (stock held back for shoppers in the aisle). A SKU is
 * listed on the e-commerce bridge once a buffer is set for it, even a zero one.
 *
 * @param key where (the store's sales floor)
 * @param onHand physically there
 * @param reserved promised to orders
 * @param safetyBuffer the buffer, when the SKU is listed for web shops
 */
public record AvailableToSell(
    StockKey key, BigDecimal onHand, BigDecimal reserved, Optional<BigDecimal> safetyBuffer) {

  /** Checks for nulls. */
  public AvailableToSell {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(onHand, "onHand");
    Objects.requireNonNull(reserved, "reserved");
    Objects.requireNonNull(safetyBuffer, "safetyBuffer");
  }

  /** Whether web shops are told about this SKU (a buffer was set). */
  public boolean listed() {
    return safetyBuffer.isPresent();
  }

  /**
   * On hand minus reserved minus the buffer, never below zero: a till sale may dig into the buffer,
   * a web shop is then told there is nothing left to sell.
   */
  public BigDecimal quantity() {
    BigDecimal q = onHand.subtract(reserved).subtract(safetyBuffer.orElse(BigDecimal.ZERO));
    return q.signum() < 0 ? BigDecimal.ZERO : q;
  }

  /** The plain stock level. */
  public StockLevel level() {
    return new StockLevel(key, onHand, reserved);
  }
}
