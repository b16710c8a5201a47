package io.vruksha.retail.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.PermissionDeniedException;
import io.vruksha.retail.RetailException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.loyalty.LoyaltyEntry;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.Shopper;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Actor;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReturnsTest {

  private static final Instant NOON = Instant.parse("2026-11-24T11:00:00Z");
  private final RetailEngine engine = DemoStore.inMemory();
  private final Actor sam = Actor.supervisor("sam");
  private Sale sale;

  private static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  @BeforeEach
  void sellThreeMugsForTen() {
    // 3 mugs: "3 for 10.00" -> the line costs 10.00 (VAT 10.00 x 19/119 = 1.60, net 8.40 -> 8
    // points)
    sale =
        engine.checkout(
            CheckoutRequest.of(
                "k-1",
                BasketRequest.builder(DemoStore.ID)
                    .at(NOON)
                    .add("MUG", 3)
                    .shopper(Shopper.customer("c-1"))
                    .build(),
                new Tender.Cash(eur("10.00"))),
            Actor.cashier("anna"));
    assertThat(sale.total()).isEqualTo(eur("10.00"));
    assertThat(sale.pointsPerLine()).containsExactly(8L);
  }

  private BigDecimal mugsOnHand() {
    return engine.stock().ledger().level(StockKey.floor(DemoStore.ID, Sku.of("MUG"))).onHand();
  }

  private static ReturnRequest.Item mugs(int n, boolean restock) {
    return new ReturnRequest.Item(0, BigDecimal.valueOf(n), restock);
  }

  @Test
  void returningUnitsRefundsExactlyWhatWasPaidForThem() {
    // one mug of three: round(10.00 x 1/3) = 3.33, VAT round(1.60 x 1/3) = 0.53, points round(8/3)
    // = 3
    ReturnReceipt first =
        engine.acceptReturn(ReturnRequest.of("r-1", sale.id(), mugs(1, true)).at(NOON), sam);
    assertThat(first.refund()).isEqualTo(eur("3.33"));
    assertThat(first.tax()).isEqualTo(eur("0.53"));
    assertThat(first.lines().get(0).pointsTakenBack()).isEqualTo(3);
    assertThat(first.refundTo()).isEqualTo("CASH");
    assertThat(first.creditNoteNumber()).isEqualTo("C001-2026-000001");
    assertThat(mugsOnHand()).isEqualByComparingTo("48"); // 50 - 3 + 1

    // the other two: 10.00 - 3.33 = 6.67, VAT 1.60 - 0.53 = 1.07, points 8 - 3 = 5; written off
    ReturnReceipt rest =
        engine.acceptReturn(ReturnRequest.of("r-2", sale.id(), mugs(2, false)).at(NOON), sam);
    assertThat(rest.refund()).isEqualTo(eur("6.67"));
    assertThat(rest.tax()).isEqualTo(eur("1.07"));
    assertThat(mugsOnHand()).isEqualByComparingTo("48");
    assertThat(engine.loyalty().orElseThrow().balance("c-1")).isZero();
    assertThat(engine.journal().verify(DemoStore.ID)).isEmpty();
    assertThat(engine.journal().entries(DemoStore.ID)).hasSize(3);
  }

  @Test
  void pointsAlreadyRedeemedAreNotTakenBackBelowZero() {
    // 100 bonus points and the mugs' 8: the customer redeems 105 before the mugs come back
    var ledger = engine.loyalty().orElseThrow().ledger();
    ledger.append(new LoyaltyEntry("c-1", LoyaltyEntry.Kind.EARN, 100, 0, "bonus", NOON));
    ledger.append(new LoyaltyEntry("c-1", LoyaltyEntry.Kind.REDEEM, -105, 0, "sale-2", NOON));
    assertThat(engine.loyalty().orElseThrow().balance("c-1")).isEqualTo(3);

    ReturnReceipt all =
        engine.acceptReturn(ReturnRequest.of("r-1", sale.id(), mugs(3, true)).at(NOON), sam);

    assertThat(all.lines().get(0).pointsTakenBack()).isEqualTo(8); // what the units had earned
    assertThat(engine.loyalty().orElseThrow().balance("c-1")).isZero(); // only the 3 left
  }

  @Test
  void moreThanWasSoldCannotComeBack() {
    engine.acceptReturn(ReturnRequest.of("r-1", sale.id(), mugs(1, true)).at(NOON), sam);
    assertThatThrownBy(
            () ->
                engine.acceptReturn(
                    ReturnRequest.of("r-2", sale.id(), mugs(3, true)).at(NOON), sam))
        .hasMessageContaining("2 can still be returned, 3 asked")
        .extracting(e -> ((RetailException) e).code())
        .isEqualTo(ErrorCode.RETURN_INVALID);
  }

  @Test
  void aReturnAfterTheWindowIsRefused() {
    assertThatThrownBy(
            () ->
                engine.acceptReturn(
                    ReturnRequest.of("r-1", sale.id(), mugs(1, true))
                        .at(NOON.plus(Duration.ofDays(31))),
                    sam))
        .hasMessageContaining("30-day return window");
  }

  @Test
  void aRefundNeedsThePermissionAndStoreCreditNeedsACustomer() {
    assertThatThrownBy(
            () ->
                engine.acceptReturn(
                    ReturnRequest.of("r-1", sale.id(), mugs(1, true)), Actor.cashier("anna")))
        .isInstanceOf(PermissionDeniedException.class);
    ReturnReceipt credit =
        engine.acceptReturn(
            ReturnRequest.of("r-1", sale.id(), mugs(1, true))
                .at(NOON)
                .refundTo(ReturnRequest.RefundTo.STORE_CREDIT),
            sam);
    assertThat(credit.refundTo()).isEqualTo("STORE_CREDIT");
    assertThat(engine.storeCredits().balance("c-1", DemoStore.EUR)).isEqualTo(eur("3.33"));
  }

  @Test
  void aSalePaidWithStoreCreditIsRefundedToStoreCreditByDefault() {
    engine.storeCredits().change("c-1", eur("10.00"), "goodwill");
    Sale paidWithCredit =
        engine.checkout(
            CheckoutRequest.of(
                "k-credit",
                BasketRequest.builder(DemoStore.ID)
                    .at(NOON)
                    .add("MUG", 3)
                    .shopper(Shopper.customer("c-1"))
                    .build(),
                new Tender.StoreCredit(eur("10.00"))),
            Actor.cashier("anna"));
    assertThat(engine.storeCredits().balance("c-1", DemoStore.EUR)).isEqualTo(eur("0.00"));

    // ORIGINAL (the default): back to what paid, here the customer's store credit, 3.33 of 10.00
    ReturnReceipt r =
        engine.acceptReturn(
            ReturnRequest.of("r-credit", paidWithCredit.id(), mugs(1, true)).at(NOON), sam);

    assertThat(r.refundTo()).isEqualTo("STORE_CREDIT");
    assertThat(engine.storeCredits().balance("c-1", DemoStore.EUR)).isEqualTo(eur("3.33"));
  }

  @Test
  void retryingAReturnWithTheSameKeyDoesNotRefundTwice() {
    ReturnRequest request = ReturnRequest.of("r-1", sale.id(), mugs(1, true)).at(NOON);
    ReturnReceipt first = engine.acceptReturn(request, sam);
    assertThat(engine.acceptReturn(request, sam)).isEqualTo(first);
    assertThat(engine.sales().returnsOf(sale.id())).hasSize(1);
  }
}
