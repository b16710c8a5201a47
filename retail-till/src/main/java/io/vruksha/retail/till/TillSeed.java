package io.vruksha.retail.till;

import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.Product;
import io.vruksha.retail.catalog.ProductId;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.CashRounding;
import io.vruksha.retail.money.UnitOfMeasure;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.pricing.PriceList;
import io.vruksha.retail.pricing.PriceListId;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.tax.TaxJurisdiction;
import io.vruksha.retail.tax.TaxRate;
import io.vruksha.retail.tax.TaxRule;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/**
 * A small shop for a till that has not pulled the centre's reference data yet (a demonstration, a
 * crash test): a store in EUR with German VAT, five products on one gross price list, and plenty of
 * stock of each, so offline sales never run short.
 */
public final class TillSeed {

  private TillSeed() {}

  /** The SKUs it sells, with their gross prices. */
  public static final List<String[]> PRODUCTS =
      List.of(
          new String[] {"COFFEE", "Filter coffee 500 g", "6.49", "reduced"},
          new String[] {"TEA", "Green tea 100 g", "3.29", "reduced"},
          new String[] {"BISCUIT", "Butter biscuits", "1.99", "reduced"},
          new String[] {"MUG", "Stoneware mug", "4.99", "standard"},
          new String[] {"WATER", "Still water 1 l", "0.89", "standard"});

  /** The price list it puts them on. */
  public static final PriceListId LIST = PriceListId.of("retail");

  /** Stock received of each SKU. */
  public static final BigDecimal STOCK = new BigDecimal("1000000");

  /**
   * Loads the shop into {@code engine} as {@code store}, unless the engine holds that store already
   * (then it changes nothing and answers false). One unit of work.
   */
  public static boolean seedIfEmpty(RetailEngine engine, StoreId store) {
    if (engine.stores().find(store).isPresent()) {
      return false;
    }
    Currency eur = Currency.getInstance("EUR");
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    engine.useStore(
        store,
        () -> {
          engine
              .stores()
              .save(
                  new Store(
                      store,
                      "Till shop " + store.value(),
                      eur,
                      ZoneId.of("Europe/Berlin"),
                      CashRounding.NONE));
          engine
              .taxRules()
              .assign(
                  store,
                  TaxJurisdiction.builder("DE", "Germany")
                      .pricesIncludeTax(true)
                      .rule(
                          TaxRule.standard(
                              TaxCategory.of("standard"), TaxRate.of("DE19", "MwSt 19%", "0.19")))
                      .rule(
                          TaxRule.standard(
                              TaxCategory.of("reduced"), TaxRate.of("DE7", "MwSt 7%", "0.07")))
                      .build());
          if (engine.priceBook().list(LIST).isEmpty()) {
            engine.priceBook().saveList(PriceList.standard(LIST, "Retail prices", eur, true));
          }
          for (String[] p : PRODUCTS) {
            Sku sku = Sku.of(p[0]);
            engine
                .catalog()
                .save(
                    Product.builder(ProductId.of(p[0].toLowerCase(Locale.ROOT)))
                        .name(p[1])
                        .category(CategoryId.of("shop"))
                        .taxCategory(TaxCategory.of(p[3]))
                        .variant(sku, p[1], UnitOfMeasure.EACH)
                        .build());
            engine.priceBook().setPrice(LIST, sku, UnitPrice.of(p[2], "EUR"), at, "seed");
            engine.stock().receive(StockKey.floor(store, sku), STOCK, "opening stock");
          }
        });
    return true;
  }
}
