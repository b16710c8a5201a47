package io.vruksha.retail.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.PermissionDeniedException;
import io.vruksha.retail.RetailException;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.catalog.ProductId;
import io.vruksha.retail.catalog.ProductStatus;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.pricing.BasketLine;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.LineDiscount;
import io.vruksha.retail.pricing.ManualDiscount;
import io.vruksha.retail.pricing.PricedBasket;
import io.vruksha.retail.pricing.PricedLine;
import io.vruksha.retail.pricing.Shopper;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.Permission;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.tax.TaxBreakdownEntry;
import io.vruksha.retail.tax.TaxExemption;
import java.time.Instant;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** The whole pricing pipeline on the demo store (German VAT, prices include tax). */
class BasketPricingTest {

  private static final Instant TUESDAY_NOON = Instant.parse("2026-11-24T11:00:00Z");
  private final RetailEngine engine = DemoStore.inMemory();
  private final Actor cashier = Actor.cashier("anna");
  private final Actor supervisor = Actor.supervisor("sam");

  private static BasketRequest.Builder basket() {
    return BasketRequest.builder(DemoStore.ID).at(TUESDAY_NOON);
  }

  private static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  @Test
  void aBasketIsPricedExplainedAndTaxedLineByLine() {
    PricedBasket b =
        engine.priceBasket(
            basket().add("MUG", 3).add("4006381333948", 1).add("4006381333931", 1).build(),
            cashier);

    // mugs: 3 x 4.99 = 14.97, "3 for 10.00" saves 4.97 -> 10.00
    PricedLine mugs = b.line(0);
    assertThat(mugs.amount()).isEqualTo(eur("14.97"));
    assertThat(mugs.discounts())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.kind()).isEqualTo(LineDiscount.Kind.PROMOTION);
              assertThat(d.source()).isEqualTo("mugs-3-for-10");
              assertThat(d.label()).isEqualTo("3 mugs for 10.00");
              assertThat(d.amount()).isEqualTo(eur("4.97"));
            });
    assertThat(mugs.total()).isEqualTo(eur("10.00"));
    // coffee scanned by EAN-13, one bag: no second-bag deal; 6.49
    assertThat(b.line(1).sku().value()).isEqualTo("COFFEE");
    assertThat(b.line(1).discounts()).isEmpty();
    // the spend-50 threshold sees 10.00 + 6.49 + 19.99 = 36.48 and stays out
    assertThat(b.subtotal()).isEqualTo(eur("41.45"));
    assertThat(b.discountTotal()).isEqualTo(eur("4.97"));
    assertThat(b.total()).isEqualTo(eur("36.48"));
    // tax extracted per line: mugs 10.00 x 19/119 = 1.5966 -> 1.60; shirt 19.99 x 19/119 = 3.1917
    // -> 3.19; coffee 6.49 x 7/107 = 0.4246 -> 0.42; total 5.21, net 31.27
    assertThat(b.tax()).isEqualTo(eur("5.21"));
    assertThat(b.net()).isEqualTo(eur("31.27"));
    assertThat(b.taxBreakdown())
        .extracting(
            TaxBreakdownEntry::rateCode, TaxBreakdownEntry::taxableBase, TaxBreakdownEntry::tax)
        .containsExactly(
            Tuple.tuple("DE19", eur("25.20"), eur("4.79")),
            Tuple.tuple("DE7", eur("6.07"), eur("0.42")));
  }

  @Test
  void theThresholdBeatsTheSecondCoffeeDealWhenTheyCannotBothApply() {
    PricedBasket b = engine.priceBasket(basket().add("COFFEE", 2).add("TEE-M", 2).build(), cashier);
    // 2nd coffee half price alone: 6.49 / 2 = 3.245 -> 3.25, but then the spend is
    // 9.73 + 39.98 = 49.71 < 50 and the threshold is lost. The threshold alone: 12.98 + 39.98 =
    // 52.96 >= 50 -> 5.00 off. 5.00 beats 3.25, so only the threshold applies.
    assertThat(b.promotions()).extracting(p -> p.id().value()).containsExactly("spend-50");
    assertThat(b.discountTotal()).isEqualTo(eur("5.00"));
    // 500 cents over the units: coffee 500 x 6.49 / 52.96 = 61.27 each, shirt 500 x 19.99 /
    // 52.96 = 188.73 each; floors 61 + 61 + 188 + 188 = 498, the 2 cents left go to the shirts'
    // larger remainders -> coffee line 1.22, shirt line 3.78
    assertThat(b.line(0).discountTotal()).isEqualTo(eur("1.22"));
    assertThat(b.line(1).discountTotal()).isEqualTo(eur("3.78"));
    // 11.76 x 7/107 = 0.7693 -> 0.77; 36.20 x 19/119 = 5.7798 -> 5.78
    assertThat(b.total()).isEqualTo(eur("47.96"));
    assertThat(b.tax()).isEqualTo(eur("6.55"));
  }

  @Test
  void scaleAndMarkdownLabelsCarryTheirWeightAndPrice() {
    PricedBasket b =
        engine.priceBasket(basket().scan("2300042012558").scan("2112345404950").build(), cashier);
    // 1.255 kg x 12.99 = 16.30245 -> 16.30
    assertThat(b.line(0).quantity()).isEqualTo(Quantity.kilograms("1.255"));
    assertThat(b.line(0).amount()).isEqualTo(eur("16.30"));
    // markdown label 21 12345 [4] 0495: the cake at 4.95 instead of 9.90
    assertThat(b.line(1).origin()).isEqualTo(PricedLine.PriceOrigin.EMBEDDED_BARCODE);
    assertThat(b.line(1).amount()).isEqualTo(eur("4.95"));
    assertThat(b.total()).isEqualTo(eur("21.25"));
  }

  @Test
  void aPriceOverrideNeedsThePermissionAndTakesNoPromotion() {
    BasketRequest overridden =
        basket()
            .add(
                BasketLine.of("MUG", Quantity.each(3))
                    .withPriceOverride(UnitPrice.of("3.00", "EUR")))
            .build();
    assertThatThrownBy(() -> engine.priceBasket(overridden, cashier))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("anna needs the PRICE_OVERRIDE permission to override the price of MUG")
        .extracting(e -> ((RetailException) e).code())
        .isEqualTo(ErrorCode.PERMISSION_REQUIRED);

    PricedBasket b = engine.priceBasket(overridden, supervisor);
    // 3 x 3.00 = 9.00; the 3-for-10 deal does not touch a hand-priced line
    assertThat(b.line(0).origin()).isEqualTo(PricedLine.PriceOrigin.MANUAL_OVERRIDE);
    assertThat(b.line(0).discounts()).isEmpty();
    assertThat(b.total()).isEqualTo(eur("9.00"));
  }

  @Test
  void anOverrideBelowCostNeedsItsOwnPermission() {
    Actor overrideOnly = new Actor("olga", Set.of(Permission.PRICE_OVERRIDE));
    BasketRequest belowCost =
        basket()
            .add(
                BasketLine.of("TEE-M", Quantity.each(1))
                    .withPriceOverride(UnitPrice.of("5.00", "EUR")))
            .build();
    // the shirt costs 6.50
    assertThatThrownBy(() -> engine.priceBasket(belowCost, overrideOnly))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessageContaining("SELL_BELOW_COST");
    assertThat(engine.priceBasket(belowCost, supervisor).total()).isEqualTo(eur("5.00"));
  }

  @Test
  void manualLineAndBasketDiscountsAreExplainedAndNeedPermissions() {
    BasketRequest request =
        basket()
            .add(
                BasketLine.of("TEE-M", Quantity.each(1))
                    .withDiscount(ManualDiscount.percent("10", "stain on sleeve")))
            .add("COFFEE", 1)
            .discount(ManualDiscount.amount(eur("5.00"), "complaint"))
            .build();
    assertThatThrownBy(() -> engine.priceBasket(request, cashier))
        .isInstanceOf(PermissionDeniedException.class);

    PricedBasket b = engine.priceBasket(request, supervisor);
    // shirt: 10% of 19.99 = 1.999 -> 2.00, leaving 17.99
    // basket 5.00 over 17.99 and 6.49 (24.48): 500 x 17.99/24.48 = 367.44, 500 x 6.49/24.48 =
    // 132.56; floors 367 + 132 = 499, the cent to the larger remainder .56 -> 3.67 and 1.33
    assertThat(b.line(0).discounts())
        .extracting(LineDiscount::kind, LineDiscount::label, LineDiscount::amount)
        .containsExactly(
            Tuple.tuple(LineDiscount.Kind.MANUAL_LINE, "stain on sleeve", eur("2.00")),
            Tuple.tuple(LineDiscount.Kind.MANUAL_BASKET, "complaint", eur("3.67")));
    assertThat(b.line(1).discounts())
        .extracting(LineDiscount::kind, LineDiscount::amount)
        .containsExactly(Tuple.tuple(LineDiscount.Kind.MANUAL_BASKET, eur("1.33")));
    // 19.99 + 6.49 = 26.48 - 7.00 = 19.48
    assertThat(b.total()).isEqualTo(eur("19.48"));
  }

  @Test
  void aCouponUnlocksItsPromotionAndAnUnknownOneIsReported() {
    PricedBasket b =
        engine.priceBasket(
            basket().add("TEE-M", 1).coupon("welcome10").coupon("BOGUS").build(), cashier);
    // 10% of 19.99 = 1.999 -> 2.00
    assertThat(b.discountTotal()).isEqualTo(eur("2.00"));
    assertThat(b.couponsUsed()).containsExactly("WELCOME10");
    assertThat(b.rejectedCoupons()).containsEntry("BOGUS", ErrorCode.COUPON_INVALID);
  }

  @Test
  void anExemptCustomerPaysNoTax() {
    PricedBasket b =
        engine.priceBasket(
            basket()
                .add("TEE-M", 1)
                .shopper(Shopper.customer("c-1").exemptBy(TaxExemption.all("DIPLO-7")))
                .build(),
            cashier);
    assertThat(b.tax()).isEqualTo(eur("0.00"));
    assertThat(b.total()).isEqualTo(eur("19.99"));
    assertThat(b.taxExemptionCertificate()).contains("DIPLO-7");
  }

  @Test
  void badInputGetsATypedErrorNamingTheProblem() {
    assertThatThrownBy(() -> engine.priceBasket(basket().add("NOPE", 1).build(), cashier))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("no product has the SKU or barcode 'NOPE'");
    assertThatThrownBy(
            () ->
                engine.priceBasket(
                    basket().add("TEE-M", Quantity.kilograms("1.5")).build(), cashier))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("TEE-M is sold in ea, not kg");
    assertThatThrownBy(() -> basket().add("TEE-M", -2).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("quantity must be positive, was -2 ea");
    assertThatThrownBy(() -> basket().add("TEE-M", 1_000_000).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("at most 10000");
    assertThatThrownBy(
            () ->
                engine.priceBasket(
                    BasketRequest.builder(StoreId.of("nowhere")).add("MUG", 1).build(), cashier))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("no store with id nowhere");

    engine
        .catalog()
        .save(
            engine
                .catalog()
                .product(ProductId.of("mug"))
                .orElseThrow()
                .withStatus(ProductStatus.BLOCKED));
    assertThatThrownBy(() -> engine.priceBasket(basket().add("MUG", 1).build(), cashier))
        .isInstanceOf(RuleViolationException.class)
        .extracting(e -> ((RetailException) e).code())
        .isEqualTo(ErrorCode.PRODUCT_BLOCKED);
  }
}
