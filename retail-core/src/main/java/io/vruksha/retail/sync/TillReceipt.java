package io.vruksha.retail.sync;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What the centre did with a batch of a till's documents.
 *
 * @param till the till
 * @param acceptedUpTo the last sequence the centre now holds
 * @param received documents applied by this batch
 * @param duplicates documents the centre already held, skipped
 * @param oversold the SKUs this batch's sales took below zero on hand, with the level after
 */
public record TillReceipt(
    String till, long acceptedUpTo, int received, int duplicates, List<Oversold> oversold) {

  /** Copies the list. */
  public TillReceipt {
    Objects.requireNonNull(till, "till");
    oversold = List.copyOf(oversold);
  }

  /**
   * A SKU a till sold offline beyond what the centre had on hand.
   *
   * @param sku the SKU
   * @param onHand the centre's on hand after the sale (negative)
   */
  public record Oversold(String sku, BigDecimal onHand) {
    /** Checks for nulls. */
    public Oversold {
      Objects.requireNonNull(sku, "sku");
      Objects.requireNonNull(onHand, "onHand");
    }
  }
}
