package io.vruksha.retail.payment;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.pricing.PricedBasket;
import io.vruksha.retail.pricing.PricedLine;
import io.vruksha.retail.stock.Stock;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stock a pending checkout holds while its providers decide: reservations named {@code
 * payment:<store>:<checkout>:<sku>} ({@link PaymentCheckout#RESERVATION_PREFIX}), made in SKU order
 * and released when the checkout completes or is released. Thread-safe when the stock is.
 */
final class PaymentReservations {

  private final Stock stock;

  PaymentReservations(Stock stock) {
    this.stock = stock;
  }

  void reserve(StoreId store, String id, PricedBasket basket, Instant until) {
    // SKU order, so two checkouts reserving the same SKUs never wait on each other crosswise
    for (Map.Entry<Sku, BigDecimal> e : quantities(basket).entrySet()) {
      stock.reserve(
          reservation(store, id, e.getKey()),
          StockKey.floor(store, e.getKey()),
          e.getValue(),
          until,
          id);
    }
  }

  void release(PendingCheckout pc) {
    for (Sku sku : pc.reserved()) {
      stock.release(
          reservation(pc.store(), pc.id(), sku), StockKey.floor(pc.store(), sku), pc.id());
    }
  }

  /** The basket's SKUs, in the order they are reserved. */
  static List<Sku> skus(PricedBasket basket) {
    return List.copyOf(quantities(basket).keySet());
  }

  private static Map<Sku, BigDecimal> quantities(PricedBasket basket) {
    Map<Sku, BigDecimal> q = new TreeMap<>(Comparator.comparing(Sku::value));
    for (PricedLine l : basket.lines()) {
      q.merge(l.sku(), l.quantity().value(), BigDecimal::add);
    }
    return q;
  }

  private static String reservation(StoreId store, String checkoutId, Sku sku) {
    return PaymentCheckout.RESERVATION_PREFIX + store + ":" + checkoutId + ":" + sku;
  }
}
