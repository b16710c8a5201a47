package io.vruksha.retail.analytics;

import io.vruksha.retail.money.ExactAmount;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * How one SKU sold in one store on one business day.
 *
 * @param store the store
 * @param day the business day
 * @param sku the SKU
 * @param sales how many sales had it on a line
 * @param units how many units were sold
 * @param revenue what its lines took in, after discounts, tax included, exactly
 */
public record ProductPerformance(
    StoreId store, LocalDate day, String sku, long sales, BigDecimal units, ExactAmount revenue) {

  /** Checks for nulls. */
  public ProductPerformance {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(sku, "sku");
    Objects.requireNonNull(units, "units");
    Objects.requireNonNull(revenue, "revenue");
  }
}
