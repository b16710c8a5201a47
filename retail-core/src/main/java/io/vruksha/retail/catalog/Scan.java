package io.vruksha.retail.catalog;

import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import java.util.Optional;

/**
 * What a scan identified: the item, and the price or weight an embedded barcode carried.
 *
 * @param item the item
 * @param embeddedPrice the price printed into the barcode by a scale or markdown label
 * @param embeddedWeight the weight printed into the barcode by a scale
 */
public record Scan(
    SellableItem item, Optional<Money> embeddedPrice, Optional<Quantity> embeddedWeight) {

  /** A plain scan of {@code item}. */
  public static Scan of(SellableItem item) {
    return new Scan(item, Optional.empty(), Optional.empty());
  }
}
