package io.vruksha.retail.stock;

import java.math.BigDecimal;

/**
 * The stock of a SKU at a location: on hand, reserved for orders, and available to sell.
 *
 * @param key where
 * @param onHand physically there
 * @param reserved promised to orders
 */
public record StockLevel(StockKey key, BigDecimal onHand, BigDecimal reserved) {

  /** On hand minus reserved. */
  public BigDecimal available() {
    return onHand.subtract(reserved);
  }
}
