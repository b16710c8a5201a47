package io.vruksha.retail.sync;

import io.vruksha.retail.catalog.Product;
import io.vruksha.retail.pricing.PriceEntry;
import io.vruksha.retail.promotion.Promotion;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.tax.TaxJurisdiction;
import java.util.List;
import java.util.Objects;

/**
 * The reference data a till of one store needs to sell offline, as the centre hands it down: the
 * store record, every product (with its variants and barcodes), the prices of the price lists that
 * apply in the store, the promotions that run there and its tax jurisdiction (none or one). Each
 * list is in a fixed order (products by id, prices by list then SKU, promotions by id), so equal
 * data is an equal record.
 *
 * @param store the store
 * @param products its products, by id
 * @param prices its prices, by price list then SKU
 * @param promotions the promotions that run in it, by id
 * @param taxRules its tax jurisdiction, if it has one
 */
public record TillData(
    Store store,
    List<Product> products,
    List<PriceEntry> prices,
    List<Promotion> promotions,
    List<TaxJurisdiction> taxRules) {

  /** Checks the parts and copies the lists. */
  public TillData {
    Objects.requireNonNull(store, "store");
    products = List.copyOf(products);
    prices = List.copyOf(prices);
    promotions = List.copyOf(promotions);
    taxRules = List.copyOf(taxRules);
    if (taxRules.size() > 1) {
      throw new IllegalArgumentException(
          "a store has at most one tax jurisdiction, " + taxRules.size() + " given");
    }
  }
}
