package io.vruksha.retail.sale;

import io.vruksha.retail.pricing.BasketLine;
import io.vruksha.retail.pricing.Shopper;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.time.Instants;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A basket being built at a till: lines as scanned, the customer, coupons. A cart can be parked
 * (the customer fetched their wallet) and resumed at any till of the store.
 *
 * @param id the cart's id
 * @param store the store
 * @param lines the lines, in scan order
 * @param shopper the customer
 * @param coupons coupon codes presented
 * @param parked true while parked
 * @param updatedAt last change
 */
public record Cart(
    String id,
    StoreId store,
    List<BasketLine> lines,
    Shopper shopper,
    Set<String> coupons,
    boolean parked,
    Instant updatedAt) {

  /** Copies the collections. */
  public Cart {
    lines = List.copyOf(lines);
    coupons = Set.copyOf(coupons);
    updatedAt = Instants.microsOrNull(updatedAt);
  }
}
