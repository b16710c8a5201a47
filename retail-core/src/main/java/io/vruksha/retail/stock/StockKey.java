package io.vruksha.retail.stock;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.store.StoreId;
import java.util.Objects;

/**
 * Where stock of one SKU is counted: a store's location.
 *
 * @param store the store
 * @param location the location in it
 * @param sku the SKU
 */
public record StockKey(StoreId store, LocationId location, Sku sku) {

  /** Checks for nulls. */
  public StockKey {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(sku, "sku");
  }

  /** The SKU on the store's sales floor. */
  public static StockKey floor(StoreId store, Sku sku) {
    return new StockKey(store, LocationId.FLOOR, sku);
  }
}
