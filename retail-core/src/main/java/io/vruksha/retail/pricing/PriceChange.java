package io.vruksha.retail.pricing;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.time.Instants;
import java.time.Instant;
import java.util.Optional;

/**
 * One change of a SKU's price in a list, kept forever: the price history a store manager or an
 * auditor reads ("who made the milk 1.29, and when?").
 *
 * @param list the list changed
 * @param sku the SKU
 * @param before the price before, empty when the SKU was newly priced
 * @param after the new price
 * @param at when the change was made
 * @param changedBy who made it
 */
public record PriceChange(
    PriceListId list,
    Sku sku,
    Optional<UnitPrice> before,
    UnitPrice after,
    Instant at,
    String changedBy) {

  /** Keeps the change's time to the microsecond, as every adapter stores it. */
  public PriceChange {
    at = Instants.microsOrNull(at);
  }
}
