package io.vruksha.retail.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.Product;
import io.vruksha.retail.catalog.ProductId;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.money.CashRounding;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.UnitOfMeasure;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.PriceList;
import io.vruksha.retail.pricing.PriceListId;
import io.vruksha.retail.pricing.PricedBasket;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.tax.TaxJurisdiction;
import io.vruksha.retail.tax.TaxRate;
import io.vruksha.retail.tax.TaxRule;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import org.junit.jupiter.api.Test;

/** Stores in other jurisdictions, set up from scratch through the engine's ports. */
class EngineScenariosTest {

  private static RetailEngine storeWith(
      String store,
      String currency,
      CashRounding cash,
      TaxJurisdiction tax,
      boolean gross,
      String... skuPrice) {
    RetailEngine engine = RetailEngine.builder().build();
    StoreId id = StoreId.of(store);
    Currency cur = Currency.getInstance(currency);
    engine.stores().save(new Store(id, store, cur, ZoneId.of("UTC"), cash));
    engine.taxRules().assign(id, tax);
    engine.priceBook().saveList(PriceList.standard(PriceListId.of("list"), "List", cur, gross));
    for (int i = 0; i < skuPrice.length; i += 2) {
      engine
          .catalog()
          .save(
              Product.builder(ProductId.of(skuPrice[i]))
                  .name(skuPrice[i])
                  .category(CategoryId.of("general"))
                  .taxCategory(TaxCategory.of("standard"))
                  .variant(Sku.of(skuPrice[i]), skuPrice[i], UnitOfMeasure.EACH)
                  .build());
      engine
          .priceBook()
          .setPrice(
              PriceListId.of("list"),
              Sku.of(skuPrice[i]),
              UnitPrice.of(skuPrice[i + 1], currency),
              Instant.EPOCH,
              "t");
    }
    return engine;
  }

  @Test
  void swissCashPaymentsRoundToFiveRappenButTheDocumentStaysExact() {
    RetailEngine engine =
        storeWith(
            "zurich",
            "CHF",
            CashRounding.to("0.05"),
            TaxJurisdiction.builder("CH", "Switzerland")
                .pricesIncludeTax(true)
                .rule(
                    TaxRule.standard(
                        TaxCategory.of("standard"), TaxRate.of("CH81", "MWST 8.1%", "0.081")))
                .build(),
            true,
            "CHOCOLATE",
            "3.41",
            "WINE",
            "6.62");
    PricedBasket b =
        engine.priceBasket(
            BasketRequest.builder(StoreId.of("zurich")).add("CHOCOLATE", 1).add("WINE", 1).build(),
            Actor.cashier("u"));
    // 3.41 + 6.62 = 10.03 exactly on the receipt; cash hands over 10.05 (10.025 is the midpoint)
    assertThat(b.total()).isEqualTo(Money.of("10.03", "CHF"));
    assertThat(b.cashTotal()).isEqualTo(Money.of("10.05", "CHF"));
    assertThat(b.cashRoundingAdjustment()).isEqualTo(Money.of("0.02", "CHF"));
  }

  @Test
  void anAmericanStoreAddsSalesTaxOnTopOfShelfPrices() {
    RetailEngine engine =
        storeWith(
            "chicago",
            "USD",
            CashRounding.NONE,
            TaxJurisdiction.builder("US-IL-CHI", "Chicago")
                .rule(
                    TaxRule.standard(
                        TaxCategory.of("standard"),
                        TaxRate.of("IL", "Illinois", "0.0625"),
                        TaxRate.of("COOK", "Cook County", "0.0175"),
                        TaxRate.of("CHI", "Chicago", "0.0125")))
                .build(),
            false,
            "HAMMER",
            "19.99");
    PricedBasket b =
        engine.priceBasket(
            BasketRequest.builder(StoreId.of("chicago")).add("HAMMER", 1).build(),
            Actor.cashier("u"));
    // 19.99 + 1.25 + 0.35 + 0.25 = 21.84
    assertThat(b.net()).isEqualTo(Money.of("19.99", "USD"));
    assertThat(b.tax()).isEqualTo(Money.of("1.85", "USD"));
    assertThat(b.total()).isEqualTo(Money.of("21.84", "USD"));
  }
}
