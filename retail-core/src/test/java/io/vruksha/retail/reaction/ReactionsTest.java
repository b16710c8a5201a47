package io.vruksha.retail.reaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.analytics.DailySales;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.customer.Customer;
import io.vruksha.retail.customer.CustomerId;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.loyalty.LoyaltyEntry;
import io.vruksha.retail.memory.InMemoryCustomers;
import io.vruksha.retail.memory.InMemoryLoyaltyLedger;
import io.vruksha.retail.memory.InMemoryOutbox;
import io.vruksha.retail.money.ExactAmount;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.procurement.PurchaseOrder;
import io.vruksha.retail.procurement.Supplier;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.ReturnRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReactionsTest {

  // 23:30 UTC is 00:30 the next day in Berlin: the sale belongs to the 25th
  private static final Instant LATE = Instant.parse("2026-11-24T23:30:00Z");
  private static final LocalDate DAY = LocalDate.of(2026, 11, 25);

  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final RetailEngine engine =
      DemoStore.engineBuilder()
          .reactInProcess(false)
          .outbox(outbox)
          .clock(Clock.fixed(LATE, ZoneOffset.UTC))
          .build();
  private final Reactions reactions = new Reactions(engine, EnumSet.allOf(Reaction.class));

  private static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  private List<EventEnvelope> drain() {
    List<EventEnvelope> events = outbox.pending(10_000);
    outbox.markSent(events.stream().map(EventEnvelope::eventId).toList());
    return events;
  }

  private Sale sell(String key, BasketRequest basket, String cash) {
    return engine.checkout(
        CheckoutRequest.of(key, basket, new Tender.Cash(eur(cash))), Actor.cashier("anna"));
  }

  @Test
  void aSaleAndAReturnFeedTheStoresBusinessDayOnceHoweverOftenDelivered() {
    DemoStore.seed(engine);
    drain();
    // 3 mugs for 10.00 and a coffee
    Sale sale =
        sell(
            "k-1",
            BasketRequest.builder(DemoStore.ID).at(LATE).add("MUG", 3).add("COFFEE", 1).build(),
            "50.00");
    List<EventEnvelope> events = drain();
    for (int delivery = 0; delivery < 3; delivery++) {
      for (EventEnvelope e : events) {
        reactions.handle(e);
      }
    }

    DailySales day =
        engine.analytics().daily(DemoStore.ID, DAY, DAY).stream().findFirst().orElseThrow();
    assertThat(day.sales()).isEqualTo(1);
    assertThat(day.units()).isEqualByComparingTo("4");
    assertThat(day.gross()).isEqualTo(ExactAmount.of(sale.total()));
    assertThat(engine.analytics().daily(DemoStore.ID, DAY.minusDays(1), DAY.minusDays(1)))
        .isEmpty();
    assertThat(engine.analytics().products(DemoStore.ID, DAY, DAY))
        .extracting(
            p -> p.sku() + " " + p.units().stripTrailingZeros().toPlainString() + " " + p.revenue())
        .containsExactly("COFFEE 1 " + sale.total().minus(eur("10.00")), "MUG 3 10.00 EUR");

    // one mug back: round(10.00 / 3) = 3.33 refunded
    engine.acceptReturn(
        ReturnRequest.of("r-1", sale.id(), new ReturnRequest.Item(0, BigDecimal.ONE, true))
            .at(LATE),
        Actor.supervisor("sam"));
    List<EventEnvelope> returned = drain();
    returned.forEach(reactions::handle);
    returned.forEach(reactions::handle);
    DailySales after = engine.analytics().daily(DemoStore.ID, DAY, DAY).get(0);
    assertThat(after.returns()).isEqualTo(1);
    assertThat(after.refunds()).isEqualTo(ExactAmount.of(eur("3.33")));
    assertThat(after.net()).isEqualTo(ExactAmount.of(sale.total().minus(eur("3.33"))));
  }

  @Test
  void aBatchOfEventsHasTheEffectsOfEachEventOnceWhateverItRepeats() {
    DemoStore.seed(engine);
    drain();
    // 3 mugs for 10.00 and a coffee; then 1 mug 4.99
    Sale first =
        sell(
            "k-1",
            BasketRequest.builder(DemoStore.ID).at(LATE).add("MUG", 3).add("COFFEE", 1).build(),
            "50.00");
    List<EventEnvelope> firstEvents = drain();
    firstEvents.forEach(reactions::handle); // handled before the batch comes
    Sale second =
        sell("k-2", BasketRequest.builder(DemoStore.ID).at(LATE).add("MUG", 1).build(), "5.00");
    List<EventEnvelope> secondEvents = drain();
    assertThat(secondEvents)
        .extracting(EventEnvelope::payload)
        .hasAtLeastOneElementOfType(DomainEvent.SaleCompleted.class);

    // the batch: both sales' events (the first again), the second's twice
    List<EventEnvelope> batch = new ArrayList<>(firstEvents);
    batch.addAll(secondEvents);
    batch.addAll(secondEvents);
    assertThat(reactions.handleAll(batch))
        .as("effects: the second sale, counted once")
        .isEqualTo(1);
    assertThat(reactions.handleAll(batch)).as("all handled already").isZero();
    assertThat(reactions.handleAll(List.of())).isZero();

    DailySales day = engine.analytics().daily(DemoStore.ID, DAY, DAY).get(0);
    assertThat(day.sales()).isEqualTo(2);
    assertThat(day.units()).isEqualByComparingTo("5");
    assertThat(day.gross()).isEqualTo(ExactAmount.of(first.total().plus(second.total())));
    assertThat(engine.analytics().products(DemoStore.ID, DAY, DAY))
        .extracting(
            p ->
                p.sku()
                    + " "
                    + p.sales()
                    + " "
                    + p.units().stripTrailingZeros().toPlainString()
                    + " "
                    + p.revenue())
        .containsExactly(
            "COFFEE 1 1 " + first.total().minus(eur("10.00")),
            "MUG 2 4 " + eur("10.00").plus(second.total()));
  }

  @Test
  void aBatchWithAnEventOfAnUnknownStoreFailsWhole() {
    DemoStore.seed(engine);
    drain();
    Sale sale =
        sell("k-1", BasketRequest.builder(DemoStore.ID).at(LATE).add("MUG", 1).build(), "5.00");
    List<EventEnvelope> events = new ArrayList<>(drain());
    // a return of the demo store, written before the stray event fails the batch
    events.add(
        EventEnvelope.of(
            new DomainEvent.ReturnCompleted(DemoStore.ID, "r-1", sale.id(), "C-1", eur("4.99")),
            LATE,
            "r-1"));
    events.add(
        EventEnvelope.of(
            new DomainEvent.SaleCompleted(
                StoreId.of("nowhere"), "s-x", "R-x", "", eur("1.00"), List.of()),
            LATE,
            "s-x"));
    assertThatThrownBy(() -> reactions.handleAll(events)).isInstanceOf(NotFoundException.class);
    assertThat(engine.analytics().daily(DemoStore.ID, DAY, DAY))
        .as("nothing added, the return undone")
        .isEmpty();
    // without the stray event the same batch goes through: the sale and the return, once each
    assertThat(reactions.handleAll(events.subList(0, events.size() - 1))).isEqualTo(2);
    DailySales day = engine.analytics().daily(DemoStore.ID, DAY, DAY).get(0);
    assertThat(day.sales()).isEqualTo(1);
    assertThat(day.returns()).isEqualTo(1);
    assertThat(day.refunds()).isEqualTo(ExactAmount.of(eur("4.99")));
  }

  @Test
  void lowStockDraftsOnePurchaseOrderLineHoweverOftenDelivered() {
    DemoStore.seed(engine);
    engine
        .purchasing()
        .procurement()
        .saveSupplier(
            new Supplier(
                "kiln", "Kiln & Co", Map.of(Sku.of("MUG"), new Supplier.Item(eur("1.70"), 5))));
    drain();
    // 50 mugs, reorder 40 below 10: 41 sold leaves 9
    sell("k-1", BasketRequest.builder(DemoStore.ID).at(LATE).add("MUG", 41).build(), "1000.00");
    List<EventEnvelope> low =
        drain().stream().filter(e -> e.payload() instanceof DomainEvent.StockLow).toList();
    assertThat(low).hasSize(1);

    assertThat(reactions.handle(Reaction.REORDER, low.get(0))).isTrue();
    assertThat(reactions.handle(Reaction.REORDER, low.get(0))).isFalse();
    assertThat(reactions.handle(Reaction.ANALYTICS, low.get(0))).isFalse();

    assertThat(engine.purchasing().procurement().orders(DemoStore.ID))
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.status()).isEqualTo(PurchaseOrder.Status.DRAFTED);
              assertThat(o.lines())
                  .singleElement()
                  .satisfies(l -> assertThat(l.ordered()).isEqualByComparingTo("40"));
            });
    assertThat(drain())
        .extracting(EventEnvelope::subject)
        .containsExactly("retail.procurement.purchase_order.drafted.v1");
  }

  @Test
  void aCustomerCreatedWhereNoProgrammeRanIsEnrolledOnce() {
    InMemoryCustomers customers = new InMemoryCustomers();
    InMemoryLoyaltyLedger ledger = new InMemoryLoyaltyLedger();
    InMemoryOutbox shared = new InMemoryOutbox();
    // another process, without a loyalty programme, creates the customer
    RetailEngine noProgramme =
        RetailEngine.builder()
            .reactInProcess(false)
            .customers(customers)
            .loyaltyLedger(ledger)
            .outbox(shared)
            .build();
    noProgramme.customers().create(DemoStore.ID, Customer.of("c-9", "Nine", LATE));
    RetailEngine withProgramme =
        DemoStore.engineBuilder()
            .reactInProcess(false)
            .customers(customers)
            .loyaltyLedger(ledger)
            .outbox(shared)
            .build();
    Reactions enrolment = new Reactions(withProgramme, Set.of(Reaction.LOYALTY_ENROLMENT));

    EventEnvelope created = shared.pending(10).get(0);
    shared.markSent(List.of(created.eventId()));
    assertThat(created.payload()).isInstanceOf(DomainEvent.CustomerCreated.class);
    assertThat(enrolment.handle(created)).isEqualTo(1);
    assertThat(enrolment.handle(created)).isZero();

    assertThat(ledger.entries("c-9"))
        .extracting(LoyaltyEntry::kind)
        .containsExactly(LoyaltyEntry.Kind.ENROL);
    assertThat(shared.pending(10))
        .extracting(EventEnvelope::subject)
        .containsExactly("retail.customer.loyalty.enrolled.v1");

    // where the engine enrolled at creation, the reaction adds nothing
    withProgramme.customers().create(DemoStore.ID, Customer.of("c-10", "Ten", LATE));
    EventEnvelope created10 =
        shared.pending(10).stream()
            .filter(e -> e.payload() instanceof DomainEvent.CustomerCreated)
            .findFirst()
            .orElseThrow();
    assertThat(enrolment.handle(created10)).isEqualTo(1); // handled, but no second enrolment
    assertThat(ledger.entries("c-10")).hasSize(1);
    assertThat(withProgramme.customers().enrol(DemoStore.ID, CustomerId.of("c-10"))).isFalse();
  }

  @Test
  void aDisabledReactionDoesNothing() {
    DemoStore.seed(engine);
    drain();
    sell("k-1", BasketRequest.builder(DemoStore.ID).at(LATE).add("MUG", 1).build(), "10.00");
    Reactions none =
        new Reactions(engine, Reaction.enabled(Map.of("ENABLE_ANALYTICS_EVENTS", "false")));
    assertThat(none.enabled())
        .containsExactlyInAnyOrder(
            Reaction.REORDER, Reaction.LOYALTY_ENROLMENT, Reaction.NOTIFICATIONS);
    drain().forEach(none::handle);
    assertThat(engine.analytics().daily(DemoStore.ID, DAY, DAY)).isEmpty();
  }

  @Test
  void aSaleOfAnUnknownStoreFailsAndIsNotMarked() {
    EventEnvelope stray =
        EventEnvelope.of(
            new DomainEvent.SaleCompleted(
                StoreId.of("nowhere"), "s", "R", "", eur("1.00"), List.of()),
            LATE,
            "s");
    assertThatThrownBy(() -> reactions.handle(Reaction.ANALYTICS, stray))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no store nowhere");
    assertThat(engine.handledEvents().handled("reaction-analytics", stray.eventId())).isFalse();
  }

  @Test
  void flagsAreReadStrictly() {
    assertThat(Reaction.enabled(Map.of())).containsExactlyInAnyOrder(Reaction.values());
    assertThat(
            Reaction.enabled(
                Map.of(
                    "ENABLE_LOYALTY",
                    "off",
                    "ENABLE_AUTO_REORDER",
                    "0",
                    "ENABLE_ANALYTICS_EVENTS",
                    "yes",
                    "ENABLE_NOTIFICATIONS",
                    "no")))
        .containsExactly(Reaction.ANALYTICS);
    assertThatThrownBy(() -> Reaction.enabled(Map.of("ENABLE_LOYALTY", "maybe")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("ENABLE_LOYALTY=maybe is not a flag: use true or false");
    assertThat(Reaction.LOYALTY_ENROLMENT.consumerName()).isEqualTo("reaction-loyalty-enrolment");
  }
}
