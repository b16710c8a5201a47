package io.vruksha.retail.engine;

import io.vruksha.retail.catalog.Category;
import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.EmbeddedBarcodeLayout;
import io.vruksha.retail.catalog.Product;
import io.vruksha.retail.catalog.ProductId;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.catalog.Variant;
import io.vruksha.retail.loyalty.LoyaltyProgram;
import io.vruksha.retail.loyalty.LoyaltyTier;
import io.vruksha.retail.money.CashRounding;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.UnitOfMeasure;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.pricing.PriceList;
import io.vruksha.retail.pricing.PriceListId;
import io.vruksha.retail.promotion.Coupon;
import io.vruksha.retail.promotion.Eligibility;
import io.vruksha.retail.promotion.Promotion;
import io.vruksha.retail.promotion.Reward;
import io.vruksha.retail.promotion.Target;
import io.vruksha.retail.stock.ReorderRule;
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
import java.util.Map;
import java.util.Optional;

/**
 * A small, realistic demo store, {@code demo} in Berlin: German VAT (19% and 7%, prices include
 * tax), a catalogue with EAN-13, EAN-8 and UPC-A barcodes, a weighed cheese with a weight-embedded
 * scale label, a price-embedded markdown label, and a handful of promotions and a coupon. The
 * examples, the benchmarks and the server's no-database mode start from it.
 */
public final class DemoStore {

  /** The demo store's id. */
  public static final StoreId ID = StoreId.of("demo");

  /** Euro. */
  public static final Currency EUR = Currency.getInstance("EUR");

  /** The scale labels of the demo store: prefix 23, weight in grams. */
  public static final EmbeddedBarcodeLayout SCALE_LABELS = EmbeddedBarcodeLayout.weight("23");

  /** The markdown labels of the demo store: prefix 21, price with check digit. */
  public static final EmbeddedBarcodeLayout MARKDOWN_LABELS =
      EmbeddedBarcodeLayout.priceWithCheck("21", EUR);

  /** The standard VAT category (19%). */
  public static final TaxCategory STANDARD = TaxCategory.of("standard");

  /** The reduced VAT category (7%: food, books). */
  public static final TaxCategory REDUCED = TaxCategory.of("reduced");

  private DemoStore() {}

  /** A builder with the demo store's barcode layouts, ready for other ports to be set. */
  public static RetailEngine.Builder engineBuilder() {
    return RetailEngine.builder()
        .embeddedBarcode(SCALE_LABELS)
        .embeddedBarcode(MARKDOWN_LABELS)
        .loyaltyProgram(LOYALTY);
  }

  /**
   * The demo loyalty programme: a point per euro of net spend, double points on coffee, gold at
   * 1,000.00 a year earns half as much again; 100 points are worth 1.00, at least 100 at a time;
   * points expire after a year.
   */
  public static final LoyaltyProgram LOYALTY =
      new LoyaltyProgram(
          BigDecimal.ONE,
          Map.of(CategoryId.of("coffee"), new BigDecimal("2")),
          List.of(
              new LoyaltyProgram.Tier(
                  LoyaltyTier.of("gold"), Money.of("1000.00", EUR), new BigDecimal("1.5"))),
          Money.of("0.01", EUR),
          100,
          365);

  /** Opening stock on the sales floor. */
  public static final Map<String, String> OPENING_STOCK =
      Map.of(
          "TEE-M", "20", "TEE-L", "20", "MUG", "50", "COFFEE", "30", "GOUDA", "10.000", "CAKE",
          "5");

  /** An in-memory engine holding the demo store. */
  public static RetailEngine inMemory() {
    RetailEngine engine = engineBuilder().build();
    seed(engine);
    return engine;
  }

  /** Loads the demo store into {@code engine}. */
  public static void seed(RetailEngine engine) {
    engine
        .stores()
        .save(
            new Store(
                ID, "Vruksha Demo, Berlin", EUR, ZoneId.of("Europe/Berlin"), CashRounding.NONE));
    engine
        .taxRules()
        .assign(
            ID,
            TaxJurisdiction.builder("DE", "Germany")
                .pricesIncludeTax(true)
                .rule(TaxRule.standard(STANDARD, TaxRate.of("DE19", "MwSt 19%", "0.19")))
                .rule(TaxRule.standard(REDUCED, TaxRate.of("DE7", "MwSt 7%", "0.07")))
                .build());

    for (Category c :
        List.of(
            Category.root("apparel", "Apparel"),
            Category.child("shirts", "Shirts", "apparel"),
            Category.root("home", "Home"),
            Category.child("kitchen", "Kitchen", "home"),
            Category.root("food", "Food"),
            Category.child("coffee", "Coffee", "food"),
            Category.child("cheese", "Cheese", "food"),
            Category.child("bakery", "Bakery", "food"))) {
      engine.catalog().saveCategory(c);
    }

    product(
        engine,
        "tee",
        "Organic T-shirt",
        "shirts",
        STANDARD,
        Variant.of(Sku.of("TEE-M"), "Organic T-shirt M", UnitOfMeasure.EACH, "4006381333931")
            .withAttribute("size", "M")
            .withCost(Money.of("6.50", EUR)),
        Variant.of(Sku.of("TEE-L"), "Organic T-shirt L", UnitOfMeasure.EACH, "036000291452")
            .withAttribute("size", "L")
            .withCost(Money.of("6.50", EUR)));
    product(
        engine,
        "mug",
        "Stoneware mug",
        "kitchen",
        STANDARD,
        Variant.of(Sku.of("MUG"), "Stoneware mug", UnitOfMeasure.EACH, "96385074")
            .withCost(Money.of("1.80", EUR)));
    product(
        engine,
        "coffee",
        "Filter coffee 500 g",
        "coffee",
        REDUCED,
        Variant.of(Sku.of("COFFEE"), "Filter coffee 500 g", UnitOfMeasure.EACH, "4006381333948")
            .withCost(Money.of("3.10", EUR)));
    product(
        engine,
        "gouda",
        "Gouda",
        "cheese",
        REDUCED,
        Variant.of(
            Sku.of("GOUDA"),
            "Gouda (per kg)",
            UnitOfMeasure.KILOGRAM,
            SCALE_LABELS.itemBarcode("2300042").digits()));
    product(
        engine,
        "cake",
        "Apple cake",
        "bakery",
        REDUCED,
        Variant.of(
            Sku.of("CAKE"),
            "Apple cake",
            UnitOfMeasure.EACH,
            MARKDOWN_LABELS.itemBarcode("2112345").digits(),
            "4000000000013"));

    PriceListId retail = PriceListId.of("retail");
    engine.priceBook().saveList(PriceList.standard(retail, "Retail prices", EUR, true));
    Instant epoch = Instant.parse("2026-01-01T00:00:00Z");
    price(engine, retail, "TEE-M", "19.99", epoch);
    price(engine, retail, "TEE-L", "19.99", epoch);
    price(engine, retail, "MUG", "4.99", epoch);
    price(engine, retail, "COFFEE", "6.49", epoch);
    price(engine, retail, "GOUDA", "12.99", epoch);
    price(engine, retail, "CAKE", "9.90", epoch);

    engine.definePromotion(
        Promotion.of(
                "mugs-3-for-10",
                "3 mugs for 10.00",
                Target.skus("MUG"),
                new Reward.Bundle(3, Money.of("10.00", EUR)))
            .stackableWithAny());
    engine.definePromotion(
        Promotion.of(
                "coffee-2nd-half",
                "2nd coffee half price",
                Target.categories("coffee"),
                new Reward.BuyXGetY(
                    1, 1, new BigDecimal("50"), Reward.Pick.CHEAPEST, Optional.empty()))
            .stackableWithAny());
    engine.definePromotion(
        Promotion.of(
                "spend-50",
                "Spend 50, save 5",
                Target.basket(),
                new Reward.Threshold(
                    List.of(
                        Reward.Tier.amount(Money.of("50.00", EUR), Money.of("5.00", EUR)),
                        Reward.Tier.amount(Money.of("100.00", EUR), Money.of("12.00", EUR)))))
            .stackableWithAny());
    engine.definePromotion(
        Promotion.of(
                "welcome",
                "Welcome: 10% off",
                Target.basket(),
                new Reward.PercentOff(BigDecimal.TEN))
            .when(Eligibility.ALWAYS.withCoupon())
            .stackableWithAny());
    engine.promotions().saveCoupon(Coupon.multiUse("WELCOME10", "welcome", 1_000));
    engine.promotionsChanged();

    OPENING_STOCK.forEach(
        (sku, qty) ->
            engine
                .stock()
                .receive(StockKey.floor(ID, Sku.of(sku)), new BigDecimal(qty), "opening-stock"));
    engine
        .stock()
        .ledger()
        .setReorderRule(
            new ReorderRule(
                StockKey.floor(ID, Sku.of("MUG")), new BigDecimal("10"), new BigDecimal("40")));
  }

  private static void product(
      RetailEngine engine,
      String id,
      String name,
      String category,
      TaxCategory tax,
      Variant... variants) {
    Product.Builder b =
        Product.builder(ProductId.of(id))
            .name(name)
            .category(CategoryId.of(category))
            .taxCategory(tax);
    for (Variant v : variants) {
      b.variant(v);
    }
    engine.catalog().save(b.build());
  }

  private static void price(
      RetailEngine engine, PriceListId list, String sku, String price, Instant at) {
    engine.priceBook().setPrice(list, Sku.of(sku), UnitPrice.of(price, "EUR"), at, "demo");
  }
}
