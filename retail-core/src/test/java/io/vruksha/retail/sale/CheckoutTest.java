package io.vruksha.retail.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RetailException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.loyalty.LoyaltyEntry;
import io.vruksha.retail.loyalty.LoyaltyProgram;
import io.vruksha.retail.memory.InMemoryJournal;
import io.vruksha.retail.memory.InMemoryOutbox;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.Shopper;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Actor;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CheckoutTest {

  private static final Instant NOON = Instant.parse("2026-11-24T11:00:00Z");
  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final InMemoryJournal journal = new InMemoryJournal();
  private final RetailEngine engine = demo();
  private final Actor anna = Actor.cashier("anna");

  private RetailEngine demo() {
    RetailEngine e =
        DemoStore.engineBuilder().reactInProcess(false).outbox(outbox).journal(journal).build();
    DemoStore.seed(e);
    outbox.markSent(outbox.pending(1_000).stream().map(EventEnvelope::eventId).toList());
    return e;
  }

  private static BasketRequest.Builder basket() {
    return BasketRequest.builder(DemoStore.ID).at(NOON);
  }

  private static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  private BigDecimal onHand(String sku) {
    return engine.stock().ledger().level(StockKey.floor(DemoStore.ID, Sku.of(sku))).onHand();
  }

  private List<String> pendingSubjects() {
    return outbox.pending(1_000).stream().map(EventEnvelope::subject).toList();
  }

  @Test
  void aCashSaleGivesChangeBooksStockInvoicesAndPublishes() {
    Sale sale =
        engine.checkout(
            CheckoutRequest.of(
                "k-1", basket().add("TEE-M", 1).build(), new Tender.Cash(eur("50.00"))),
            anna);
    // 50.00 - 19.99 = 30.01 change
    assertThat(sale.change()).isEqualTo(eur("30.01"));
    assertThat(sale.tenders())
        .containsExactly(new AppliedTender(TenderKind.CASH, eur("19.99"), ""));
    assertThat(sale.number()).isEqualTo("S001-2026-000001");
    assertThat(onHand("TEE-M")).isEqualByComparingTo("19");
    assertThat(pendingSubjects())
        .containsExactly(
            "retail.inventory.stock.updated.v1",
            "retail.pos.sale.completed.v1",
            "retail.billing.invoice.created.v1");
    assertThat(engine.journal().verify(DemoStore.ID)).isEmpty();
    assertThat(engine.sales().find(sale.id())).contains(sale);
  }

  @Test
  void aKnownCustomerEarnsPointsOnTheNetOfEachLine() {
    Sale sale =
        engine.checkout(
            CheckoutRequest.of(
                "k-1",
                basket().add("TEE-M", 1).add("COFFEE", 1).shopper(Shopper.customer("c-1")).build(),
                new Tender.Card(eur("26.48"), "auth-77")),
            anna);
    // shirt 19.99 incl. 19% -> net 16.80 -> 16 points; coffee 6.49 incl. 7% -> net 6.07, double
    // points on coffee -> 12.14 -> 12 points; 28 in all
    assertThat(sale.pointsPerLine()).containsExactly(16L, 12L);
    assertThat(engine.loyalty().orElseThrow().balance("c-1")).isEqualTo(28);
    assertThat(pendingSubjects()).contains("retail.customer.loyalty.points.earned.v1");
  }

  @Test
  void aPromotionalBonusMultipliesThePointsInItsWindow() {
    LoyaltyProgram base = DemoStore.LOYALTY;
    RetailEngine bonusEngine =
        DemoStore.engineBuilder()
            .reactInProcess(false)
            .loyaltyProgram(
                new LoyaltyProgram(
                    base.pointsPerUnit(),
                    base.categoryMultipliers(),
                    base.tiers(),
                    base.pointValue(),
                    base.minRedeem(),
                    base.expiryDays(),
                    List.of(
                        new LoyaltyProgram.Bonus(
                            "shirt-week",
                            Set.of(Sku.of("TEE-M")),
                            Set.of(),
                            new BigDecimal("3"),
                            NOON.minusSeconds(3600),
                            NOON.plusSeconds(3600)))))
            .build();
    DemoStore.seed(bonusEngine);
    Sale sale =
        bonusEngine.checkout(
            CheckoutRequest.of(
                "k-1",
                basket().add("TEE-M", 1).shopper(Shopper.customer("c-1")).build(),
                new Tender.Cash(eur("20.00"))),
            anna);
    // net 16.80 x 1 point x triple = 50.4 -> 50
    assertThat(sale.pointsPerLine()).containsExactly(50L);
  }

  @Test
  void pointsPayPartAndCashTheRestWithChange() {
    engine
        .loyalty()
        .orElseThrow()
        .ledger()
        .append(new LoyaltyEntry("c-1", LoyaltyEntry.Kind.EARN, 500, 0, "seed", NOON));
    Sale sale =
        engine.checkout(
            CheckoutRequest.of(
                "k-1",
                basket().add("TEE-M", 1).shopper(Shopper.customer("c-1")).build(),
                new Tender.Points(300),
                new Tender.Cash(eur("20.00"))),
            anna);
    // 300 points x 0.01 = 3.00; cash due 19.99 - 3.00 = 16.99; change 20.00 - 16.99 = 3.01
    assertThat(sale.change()).isEqualTo(eur("3.01"));
    assertThat(sale.tendered()).isEqualTo(eur("23.00"));
    // tenders equal total plus change: 23.00 = 19.99 + 3.01
    assertThat(sale.tendered())
        .isEqualTo(sale.total().plus(sale.change()).plus(sale.cashRounding()));
    // 500 - 300 + 16 earned = 216
    assertThat(engine.loyalty().orElseThrow().balance("c-1")).isEqualTo(216);
  }

  @Test
  void onlyCashMayOverpayAndShortPaymentIsRefused() {
    assertThatThrownBy(
            () ->
                engine.checkout(
                    CheckoutRequest.of(
                        "k-1",
                        basket().add("TEE-M", 1).build(),
                        new Tender.Card(eur("25.00"), "a")),
                    anna))
        .isInstanceOf(RetailException.class)
        .hasMessageContaining("only cash may overpay")
        .extracting(e -> ((RetailException) e).code())
        .isEqualTo(ErrorCode.TENDER_INVALID);
    assertThatThrownBy(
            () ->
                engine.checkout(
                    CheckoutRequest.of(
                        "k-2", basket().add("TEE-M", 1).build(), new Tender.Cash(eur("10.00"))),
                    anna))
        .hasMessage("9.99 EUR is still due in cash");
    assertThat(onHand("TEE-M")).isEqualByComparingTo("20");
    assertThat(engine.sales().list(DemoStore.ID)).isEmpty();
  }

  @Test
  void theSameKeyReturnsTheOriginalSaleAndADifferentBasketIsRefused() {
    CheckoutRequest request =
        CheckoutRequest.of(
            "till-1:0042", basket().add("MUG", 2).build(), new Tender.Cash(eur("10.00")));
    Sale first = engine.checkout(request, anna);
    Sale retried = engine.checkout(request, anna);
    assertThat(retried).isEqualTo(first);
    assertThat(engine.sales().list(DemoStore.ID)).hasSize(1);
    assertThat(onHand("MUG")).isEqualByComparingTo("48");

    CheckoutRequest other =
        CheckoutRequest.of(
            "till-1:0042", basket().add("MUG", 3).build(), new Tender.Cash(eur("20.00")));
    assertThatThrownBy(() -> engine.checkout(other, anna))
        .extracting(e -> ((RetailException) e).code())
        .isEqualTo(ErrorCode.IDEMPOTENCY_MISMATCH);
  }

  @Test
  void aFailedCheckoutLeavesNoTraceAndTakesNoNumber() {
    // 6 cakes asked, 5 on hand: the shirt line booked first is undone too
    assertThatThrownBy(
            () ->
                engine.checkout(
                    CheckoutRequest.of(
                        "k-1",
                        basket().add("TEE-M", 1).add("CAKE", 6).build(),
                        new Tender.Cash(eur("100.00"))),
                    anna))
        .hasMessage("SKU CAKE has 5 available at floor, 6 requested")
        .extracting(e -> ((RetailException) e).code())
        .isEqualTo(ErrorCode.STOCK_INSUFFICIENT);
    assertThat(onHand("TEE-M")).isEqualByComparingTo("20");
    assertThat(engine.stock().ledger().movements(StockKey.floor(DemoStore.ID, Sku.of("TEE-M"))))
        .hasSize(1);
    assertThat(pendingSubjects()).isEmpty();
    assertThat(journal.entries(DemoStore.ID)).isEmpty();

    Sale next =
        engine.checkout(
            CheckoutRequest.of(
                "k-2", basket().add("TEE-M", 1).build(), new Tender.Cash(eur("20.00"))),
            anna);
    assertThat(next.number()).isEqualTo("S001-2026-000001");
  }

  @Test
  void lowStockIsRaisedOncePerCrossing() {
    // mugs: 50 on hand, reorder point 10. Selling 41 leaves 9: one low-stock event
    engine.checkout(
        CheckoutRequest.of("k-1", basket().add("MUG", 41).build(), new Tender.Cash(eur("200.00"))),
        anna);
    engine.checkout(
        CheckoutRequest.of("k-2", basket().add("MUG", 1).build(), new Tender.Cash(eur("5.00"))),
        anna);
    assertThat(pendingSubjects()).filteredOn("retail.inventory.stock.low.v1"::equals).hasSize(1);
    // back above the point, then below again: a second event
    engine
        .stock()
        .receive(StockKey.floor(DemoStore.ID, Sku.of("MUG")), new BigDecimal("40"), "po-1");
    engine.checkout(
        CheckoutRequest.of("k-3", basket().add("MUG", 40).build(), new Tender.Cash(eur("200.00"))),
        anna);
    List<DomainEvent.StockLow> lows =
        outbox.pending(1_000).stream()
            .map(EventEnvelope::payload)
            .filter(DomainEvent.StockLow.class::isInstance)
            .map(DomainEvent.StockLow.class::cast)
            .toList();
    assertThat(lows)
        .extracting(DomainEvent.StockLow::available)
        .containsExactly(new BigDecimal("9"), new BigDecimal("8"));
  }

  @Test
  void theJournalNamesAnAlteredOrRemovedDocument() {
    for (int i = 1; i <= 3; i++) {
      engine.checkout(
          CheckoutRequest.of(
              "k-" + i, basket().add("MUG", 1).build(), new Tender.Cash(eur("5.00"))),
          anna);
    }
    assertThat(engine.journal().verify(DemoStore.ID)).isEmpty();
    FiscalDocument second = journal.entries(DemoStore.ID).get(1);
    journal.tamper(
        DemoStore.ID,
        1,
        new FiscalDocument(
            second.sequence(),
            second.store(),
            second.kind(),
            second.number(),
            second.issuedAt(),
            eur("0.99"),
            second.tax(),
            second.content(),
            second.previousHash(),
            second.hash()));
    assertThat(engine.journal().verify(DemoStore.ID))
        .singleElement()
        .asString()
        .contains("entry 2 (S001-2026-000002) was altered");
    journal.tamper(DemoStore.ID, 1, second);
    journal.tamperRemove(DemoStore.ID, 1);
    assertThat(engine.journal().verify(DemoStore.ID))
        .anySatisfy(p -> assertThat(p).contains("entry 3 (S001-2026-000003) does not follow"));
  }
}
