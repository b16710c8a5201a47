package io.vruksha.retail.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.Barcode;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.LineDiscount;
import io.vruksha.retail.pricing.PricedBasket;
import io.vruksha.retail.pricing.PricedLine;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.tax.TaxBreakdownEntry;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeProperty;

/** Invariants of a priced basket, over random baskets of the demo store. */
class BasketPropertiesTest {

  private RetailEngine engine;

  @BeforeProperty
  void demo() {
    engine = DemoStore.inMemory();
  }

  record Item(String code, int pieces) {}

  @Provide
  Arbitrary<BasketRequest> baskets() {
    Arbitrary<Item> item =
        Combinators.combine(
                Arbitraries.of(
                    "TEE-M", "TEE-L", "MUG", "COFFEE", "CAKE", "4006381333931", "96385074"),
                Arbitraries.integers().between(1, 7))
            .as(Item::new);
    Arbitrary<String> scaleLabel =
        Arbitraries.integers()
            .between(1, 99_999)
            .map(
                grams -> {
                  String payload = "2300042" + String.format("%05d", grams);
                  return payload + Barcode.checkDigit(payload);
                });
    return Combinators.combine(
            item.list().ofMinSize(1).ofMaxSize(12),
            scaleLabel.list().ofMaxSize(2),
            Arbitraries.<List<String>>of(List.of(), List.of("WELCOME10")),
            Arbitraries.longs().between(0, 5 * 24 * 3600))
        .as(
            (items, labels, coupons, offset) -> {
              BasketRequest.Builder b =
                  BasketRequest.builder(DemoStore.ID)
                      .at(Instant.parse("2026-11-23T00:00:00Z").plusSeconds(offset));
              items.forEach(i -> b.add(i.code(), i.pieces()));
              labels.forEach(b::scan);
              coupons.forEach(b::coupon);
              return b.build();
            });
  }

  @Property(tries = 300)
  void everyBasketAddsUpAndNoLineGoesNegative(@ForAll("baskets") BasketRequest request) {
    PricedBasket b = engine.priceBasket(request, Actor.cashier("prop"));
    Money zero = Money.zero(b.currency());
    Money subtotal = zero;
    Money discounts = zero;
    Money totals = zero;
    for (PricedLine l : b.lines()) {
      assertThat(l.amountAfterDiscounts().isNegative()).isFalse();
      assertThat(l.total().isNegative()).isFalse();
      assertThat(l.discounts().stream().map(LineDiscount::amount).reduce(zero, Money::plus))
          .isEqualTo(l.discountTotal());
      assertThat(l.amount().minus(l.discountTotal())).isEqualTo(l.amountAfterDiscounts());
      subtotal = subtotal.plus(l.amount());
      discounts = discounts.plus(l.discountTotal());
      totals = totals.plus(l.total());
    }
    assertThat(subtotal).isEqualTo(b.subtotal());
    assertThat(discounts).isEqualTo(b.discountTotal());
    assertThat(totals).isEqualTo(b.total());
    assertThat(b.net().plus(b.tax())).isEqualTo(b.total());
    assertThat(b.taxBreakdown().stream().map(TaxBreakdownEntry::tax).reduce(zero, Money::plus))
        .isEqualTo(b.tax());
    // prices include tax in the demo store: the customer pays the shelf price less discounts
    assertThat(b.subtotal().minus(b.discountTotal())).isEqualTo(b.total());
  }
}
