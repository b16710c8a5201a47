package io.vruksha.retail.order;

import io.vruksha.retail.catalog.Sku;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * What the picker found for one ordered SKU.
 *
 * @param sku the ordered SKU
 * @param picked how many of it were picked (less than ordered is a shortage)
 * @param substitute what was picked instead of missing units, if anything
 */
public record Pick(Sku sku, BigDecimal picked, Optional<Order.Substitute> substitute) {

  /** Checks for nulls. */
  public Pick {
    Objects.requireNonNull(sku, "sku");
    Objects.requireNonNull(picked, "picked");
    Objects.requireNonNull(substitute, "substitute");
  }

  /** All {@code picked} found, no substitute. */
  public static Pick of(String sku, String picked) {
    return new Pick(Sku.of(sku), new BigDecimal(picked), Optional.empty());
  }
}
