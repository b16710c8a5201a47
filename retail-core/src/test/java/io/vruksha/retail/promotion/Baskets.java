package io.vruksha.retail.promotion;

import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.customer.CustomerGroupId;
import io.vruksha.retail.loyalty.LoyaltyTier;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.store.StoreId;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Small readable builders for promotion tests: {@code aBasket().with("SHIRT", 3, "4.99")}. */
final class Baskets {

  static final Currency EUR = Currency.getInstance("EUR");
  static final StoreId STORE = StoreId.of("berlin");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /** A Tuesday, 10:00 in Berlin. */
  static final Instant TUESDAY_10AM = Instant.parse("2026-11-24T09:00:00Z");

  private final List<PromotionLine> lines = new ArrayList<>();

  static Baskets aBasket() {
    return new Baskets();
  }

  static Money eur(String amount) {
    return Money.of(amount, EUR);
  }

  Baskets with(String sku, long pieces, String unitPrice, String... categories) {
    return add(sku, Quantity.each(pieces), unitPrice, Optional.empty(), true, categories);
  }

  Baskets withCost(String sku, long pieces, String unitPrice, String cost, String... categories) {
    return add(
        sku,
        Quantity.each(pieces),
        unitPrice,
        Optional.of(UnitPrice.of(cost, "EUR")),
        true,
        categories);
  }

  Baskets weighed(String sku, String kg, String pricePerKg, String... categories) {
    return add(sku, Quantity.kilograms(kg), pricePerKg, Optional.empty(), true, categories);
  }

  Baskets weighedWithCost(
      String sku, String kg, String pricePerKg, String costPerKg, String... categories) {
    return add(
        sku,
        Quantity.kilograms(kg),
        pricePerKg,
        Optional.of(UnitPrice.of(costPerKg, "EUR")),
        true,
        categories);
  }

  Baskets manual(String sku, long pieces, String unitPrice, String... categories) {
    return add(sku, Quantity.each(pieces), unitPrice, Optional.empty(), false, categories);
  }

  private Baskets add(
      String sku,
      Quantity quantity,
      String unitPrice,
      Optional<UnitPrice> cost,
      boolean eligible,
      String... categories) {
    Money price = eur(unitPrice);
    Set<CategoryId> cats = new HashSet<>();
    for (String c : categories) {
      cats.add(CategoryId.of(c));
    }
    lines.add(
        new PromotionLine(
            lines.size(),
            Sku.of(sku),
            cats,
            quantity,
            price,
            price.times(quantity.value(), RoundingMode.HALF_UP),
            cost,
            eligible));
    return this;
  }

  List<PromotionLine> lines() {
    return List.copyOf(lines);
  }

  static PromotionContext context() {
    return context(TUESDAY_10AM);
  }

  static PromotionContext context(Instant at) {
    return new PromotionContext(
        STORE, at, BERLIN, EUR, Optional.empty(), Optional.empty(), Set.of());
  }

  static PromotionContext withCoupons(String... codes) {
    return new PromotionContext(
        STORE, TUESDAY_10AM, BERLIN, EUR, Optional.empty(), Optional.empty(), Set.of(codes));
  }

  static PromotionContext forGroup(String group) {
    return new PromotionContext(
        STORE,
        TUESDAY_10AM,
        BERLIN,
        EUR,
        Optional.of(CustomerGroupId.of(group)),
        Optional.empty(),
        Set.of());
  }

  static PromotionContext forTier(String tier) {
    return new PromotionContext(
        STORE,
        TUESDAY_10AM,
        BERLIN,
        EUR,
        Optional.empty(),
        Optional.of(LoyaltyTier.of(tier)),
        Set.of());
  }

  private Baskets() {}
}
