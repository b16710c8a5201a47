package io.vruksha.benchmarks;

import io.vruksha.retail.catalog.Category;
import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.Product;
import io.vruksha.retail.catalog.ProductId;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.CashRounding;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.UnitOfMeasure;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.PriceList;
import io.vruksha.retail.pricing.PriceListId;
import io.vruksha.retail.pricing.PricedBasket;
import io.vruksha.retail.promotion.Promotion;
import io.vruksha.retail.promotion.Reward;
import io.vruksha.retail.promotion.Target;
import io.vruksha.retail.store.Actor;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Prices a 20-line basket against 10, 100 and 1,000 active promotions, of which five can apply to
 * it (a bundle, a percent off a category, a buy-X-get-Y, a fixed price and a spend threshold); the
 * rest target 2,000 other SKUs and categories. With the promotion index the cost must not grow with
 * the promotions that cannot apply.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PricingBenchmark {

  static final StoreId STORE = StoreId.of("bench");
  static final Currency EUR = Currency.getInstance("EUR");
  static final int LINES = 20;
  static final int APPLICABLE = 5;

  /** Active promotions in the store. */
  @Param({"10", "100", "1000"})
  public int promotions;

  RetailEngine engine;
  BasketRequest basket;
  final Actor cashier = Actor.cashier("bench");

  /** Builds the store, its catalogue of 2,020 SKUs, the promotions and the basket. */
  @Setup
  public void setUp() {
    engine = RetailEngine.builder().build();
    engine.stores().save(new Store(STORE, "Bench", EUR, ZoneId.of("UTC"), CashRounding.NONE));
    engine
        .taxRules()
        .assign(
            STORE,
            TaxJurisdiction.builder("DE", "Germany")
                .pricesIncludeTax(true)
                .rule(
                    TaxRule.standard(TaxCategory.of("standard"), TaxRate.of("DE19", "19%", "0.19")))
                .rule(TaxRule.standard(TaxCategory.of("reduced"), TaxRate.of("DE7", "7%", "0.07")))
                .build());
    engine.catalog().saveCategory(Category.root("basket", "In the basket"));
    engine.catalog().saveCategory(Category.root("elsewhere", "Not in the basket"));
    engine.priceBook().saveList(PriceList.standard(PriceListId.of("list"), "List", EUR, true));
    for (int i = 0; i < LINES; i++) {
      addProduct("B" + i, "basket", i % 3 == 0 ? "reduced" : "standard", "3." + (10 + i));
    }
    for (int i = 0; i < 2_000; i++) {
      addProduct("X" + i, "elsewhere", "standard", "9.99");
    }

    engine.definePromotion(
        Promotion.of(
            "p-bundle",
            "3 for 9.00",
            Target.skus("B0", "B1"),
            new Reward.Bundle(3, Money.of("9.00", EUR))));
    engine.definePromotion(
        Promotion.of(
            "p-cat",
            "10% basket category",
            Target.categories("basket"),
            new Reward.PercentOff(BigDecimal.TEN)));
    engine.definePromotion(
        Promotion.of(
            "p-b2g1",
            "3 for 2",
            Target.skus("B5", "B6", "B7"),
            new Reward.BuyXGetY(
                2, 1, new BigDecimal("100"), Reward.Pick.CHEAPEST, Optional.empty())));
    engine.definePromotion(
        Promotion.of(
            "p-fixed",
            "B9 for 2.50",
            Target.skus("B9"),
            new Reward.FixedPrice(Money.of("2.50", EUR))));
    engine.definePromotion(
        Promotion.of(
                "p-spend",
                "Spend 50 get 5",
                Target.basket(),
                new Reward.Threshold(
                    List.of(Reward.Tier.amount(Money.of("50.00", EUR), Money.of("5.00", EUR)))))
            .stackableWithAny());
    for (int i = 0; i < promotions - APPLICABLE; i++) {
      engine.definePromotion(
          Promotion.of(
              "other-" + i,
              "15% off X" + i,
              i % 2 == 0 ? Target.skus("X" + (i % 2_000)) : Target.categories("elsewhere"),
              new Reward.PercentOff(new BigDecimal("15"))));
    }

    BasketRequest.Builder b =
        BasketRequest.builder(STORE).at(Instant.parse("2026-11-24T10:00:00Z"));
    for (int i = 0; i < LINES; i++) {
      b.add("B" + i, 1 + i % 3);
    }
    basket = b.build();
    price(); // warm the per-store promotion index outside the measurement
  }

  private void addProduct(String sku, String category, String tax, String price) {
    engine
        .catalog()
        .save(
            Product.builder(ProductId.of(sku))
                .name(sku)
                .category(CategoryId.of(category))
                .taxCategory(TaxCategory.of(tax))
                .variant(Sku.of(sku), sku, UnitOfMeasure.EACH)
                .build());
    engine
        .priceBook()
        .setPrice(
            PriceListId.of("list"),
            Sku.of(sku),
            UnitPrice.of(price, "EUR"),
            Instant.EPOCH,
            "bench");
  }

  /** One basket priced end to end: prices, promotions (best combination), tax, totals. */
  @Benchmark
  public PricedBasket price() {
    return engine.priceBasket(basket, cashier);
  }
}
