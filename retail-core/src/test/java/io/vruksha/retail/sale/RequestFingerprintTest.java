package io.vruksha.retail.sale;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.money.UnitOfMeasure;
import io.vruksha.retail.pricing.BasketLine;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.ManualDiscount;
import io.vruksha.retail.pricing.Shopper;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Pins the canonical text and the hash an idempotency key is held to. If this test fails, a retry
 * sent across an upgrade would be refused as "another request with the same key": change the
 * fingerprint only on purpose, and say so in the changelog.
 */
class RequestFingerprintTest {

  private static BasketRequest.Builder basket(String quantity) {
    return BasketRequest.builder(StoreId.of("demo"))
        .at(Instant.parse("2026-03-29T01:30:00.123456Z"))
        .shopper(Shopper.customer("c-1"))
        .coupon("SPRING")
        .coupon("WELCOME10")
        .add("MUG", Quantity.of(quantity, UnitOfMeasure.EACH))
        .add(
            new BasketLine(
                "APPLES;1",
                Optional.of(Quantity.kilograms("1.250")),
                Optional.empty(),
                Optional.of(ManualDiscount.percent("10.0", "bruised\nfruit"))));
  }

  private static CheckoutRequest checkout(String quantity) {
    return CheckoutRequest.of(
            "till-1:0001",
            basket(quantity).build(),
            new Tender.Card(Money.of("20.00", "EUR"), "psp-42"),
            new Tender.Cash(Money.of("5", "EUR")))
        .inShift("shift-7");
  }

  @Test
  void aCheckoutsCanonicalTextAndHashArePinned() {
    String text = RequestFingerprint.canonical(checkout("2"));
    assertThat(text)
        .isEqualTo(
            String.join(
                "\n",
                "checkout/1",
                "store=demo",
                "at=2026-03-29T01:30:00.123456Z",
                "customer=c-1",
                "group=",
                "tier=",
                "exemption=",
                "coupons=SPRING,WELCOME10",
                "discount=",
                "line=MUG;2 EACH;;",
                "line=APPLES\\;1;1.25 KILOGRAM;;PERCENT;10;bruised\\nfruit",
                "tender=CARD;20 EUR;psp-42",
                "tender=CASH;5 EUR",
                "shift=shift-7"));
    assertThat(RequestFingerprint.hash(text))
        .isEqualTo(RequestFingerprint.hash(RequestFingerprint.canonical(checkout("2"))))
        .hasSize(64)
        // sha256sum of the text above, computed outside Java
        .isEqualTo("196b1cfdd08f0e2ece4934b7e3f2ed408466d1fc69a27a92a676fdbf2c9db9dc");
  }

  @Test
  void theSameRequestWrittenAnotherWayHashesTheSame() {
    String two = RequestFingerprint.canonical(checkout("2"));
    assertThat(RequestFingerprint.canonical(checkout("2.000"))).isEqualTo(two);
    // coupons in another order
    CheckoutRequest reordered =
        CheckoutRequest.of(
                "till-1:0001",
                BasketRequest.builder(StoreId.of("demo"))
                    .at(Instant.parse("2026-03-29T01:30:00.123456Z"))
                    .shopper(Shopper.customer("c-1"))
                    .coupon("WELCOME10")
                    .coupon("SPRING")
                    .add("MUG", Quantity.each(2))
                    .add(
                        new BasketLine(
                            "APPLES;1",
                            Optional.of(Quantity.kilograms("1.25")),
                            Optional.empty(),
                            Optional.of(ManualDiscount.percent("10", "bruised\nfruit"))))
                    .build(),
                new Tender.Card(Money.of("20", "EUR"), "psp-42"),
                new Tender.Cash(Money.of("5.00", "EUR")))
            .inShift("shift-7");
    assertThat(RequestFingerprint.canonical(reordered)).isEqualTo(two);
  }

  @Test
  void everyFieldThatChangesTheSaleChangesTheHash() {
    String base = RequestFingerprint.hash(RequestFingerprint.canonical(checkout("2")));
    List<CheckoutRequest> others =
        List.of(
            checkout("3"),
            checkout("2").inShift("shift-8"),
            CheckoutRequest.of(
                "till-1:0001",
                basket("2").build(),
                new Tender.Card(Money.of("20.00", "EUR"), "psp-43"),
                new Tender.Cash(Money.of("5", "EUR"))),
            CheckoutRequest.of(
                "till-1:0001",
                basket("2").coupon("EXTRA").build(),
                new Tender.Card(Money.of("20.00", "EUR"), "psp-42"),
                new Tender.Cash(Money.of("5", "EUR"))),
            CheckoutRequest.of(
                "till-1:0001",
                basket("2").build(),
                new Tender.Cash(Money.of("5", "EUR")),
                new Tender.Card(Money.of("20.00", "EUR"), "psp-42")));
    for (CheckoutRequest other : others) {
      assertThat(RequestFingerprint.hash(RequestFingerprint.canonical(other)))
          .as(RequestFingerprint.canonical(other))
          .isNotEqualTo(base);
    }
  }

  @Test
  void aReturnsCanonicalTextIsPinned() {
    ReturnRequest r =
        new ReturnRequest(
            "till-1:r1",
            "sale-1",
            List.of(
                new ReturnRequest.Item(0, new BigDecimal("1.000"), true),
                new ReturnRequest.Item(2, new BigDecimal("0.5"), false)),
            ReturnRequest.RefundTo.STORE_CREDIT,
            Optional.empty(),
            Optional.of("shift-7"));
    assertThat(RequestFingerprint.canonical(r))
        .isEqualTo(
            "return/1\nsale=sale-1\nrefundTo=STORE_CREDIT\nitem=0;1;true\nitem=2;0.5;false\nshift=shift-7");
  }
}
