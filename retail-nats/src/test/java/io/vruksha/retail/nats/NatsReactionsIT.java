package io.vruksha.retail.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.analytics.DailySales;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.customer.Customer;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.loyalty.LoyaltyEntry;
import io.vruksha.retail.memory.InMemoryCustomers;
import io.vruksha.retail.memory.InMemoryLoyaltyLedger;
import io.vruksha.retail.memory.InMemoryOutbox;
import io.vruksha.retail.memory.InMemoryUnitOfWork;
import io.vruksha.retail.money.ExactAmount;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.procurement.PurchaseOrder;
import io.vruksha.retail.procurement.Supplier;
import io.vruksha.retail.reaction.Reaction;
import io.vruksha.retail.reaction.Reactions;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.store.Actor;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reference's reactions over the real nats-server: events go from the outbox through the relay
 * to each reaction's durable consumer, and the effects happen once, even when the stream is
 * replayed into them.
 */
class NatsReactionsIT {

  private static final Instant NOON = Instant.parse("2026-11-24T11:00:00Z");

  private NatsEvents nats;

  @BeforeEach
  void ownStream() {
    nats = PrivateStream.open();
  }

  @AfterEach
  void dropStream() {
    PrivateStream.dropAndClose(nats);
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(50);
    }
  }

  @Test
  void aSaleDraftsAnOrderAndFeedsAnalyticsAndANewCustomerIsEnrolledOnceEvenWhenReplayed()
      throws Exception {
    InMemoryOutbox outbox = new InMemoryOutbox();
    InMemoryUnitOfWork work = new InMemoryUnitOfWork();
    InMemoryCustomers customers = new InMemoryCustomers();
    InMemoryLoyaltyLedger ledger = new InMemoryLoyaltyLedger();
    RetailEngine engine =
        DemoStore.engineBuilder()
            .reactInProcess(false)
            .outbox(outbox)
            .unitOfWork(work)
            .customers(customers)
            .loyaltyLedger(ledger)
            .build();
    DemoStore.seed(engine);
    engine
        .purchasing()
        .procurement()
        .saveSupplier(
            new Supplier(
                "kiln",
                "Kiln & Co",
                Map.of(Sku.of("MUG"), new Supplier.Item(Money.of("1.70", "EUR"), 5))));
    // a process without the loyalty programme (an import, say) creates a customer
    RetailEngine importer =
        RetailEngine.builder()
            .reactInProcess(false)
            .outbox(outbox)
            .unitOfWork(work)
            .customers(customers)
            .loyaltyLedger(ledger)
            .build();

    Reactions reactions = new Reactions(engine, EnumSet.allOf(Reaction.class));
    Money total;
    try (NatsOutboxRelay relay = new NatsOutboxRelay(nats, outbox, work, 50);
        NatsReactions running = NatsReactions.start(nats, reactions, 3, Duration.ofMillis(100))) {
      relay.start();
      assertThat(running.reactions()).containsExactlyInAnyOrder(Reaction.values());

      // 50 mugs, reorder 40 below 10: 41 sold leaves 9
      Sale sale =
          engine.checkout(
              CheckoutRequest.of(
                  "k-1",
                  BasketRequest.builder(DemoStore.ID).at(NOON).add("MUG", 41).build(),
                  new Tender.Cash(Money.of("1000.00", "EUR"))),
              Actor.cashier("anna"));
      total = sale.total();
      importer.customers().create(DemoStore.ID, Customer.of("c-42", "Forty-Two", NOON));

      await(
          () -> !engine.purchasing().procurement().orders(DemoStore.ID).isEmpty(),
          "a purchase order is drafted");
      await(() -> !analytics(engine).isEmpty(), "the sale is counted");
      await(() -> !ledger.entries("c-42").isEmpty(), "the customer is enrolled");
      await(() -> running.lag().values().stream().allMatch(l -> l == 0), "every event is consumed");

      // the whole stream again, into every reaction: nothing changes
      AtomicInteger effects = new AtomicInteger();
      long replayed =
          new NatsReplay(nats)
              .fromSequence("retail.>", 1, e -> effects.addAndGet(reactions.handle(e)));
      assertThat(replayed).isGreaterThanOrEqualTo(5);
      assertThat(effects).hasValue(0);
    }

    assertThat(engine.purchasing().procurement().orders(DemoStore.ID))
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.status()).isEqualTo(PurchaseOrder.Status.DRAFTED);
              assertThat(o.lines())
                  .singleElement()
                  .satisfies(l -> assertThat(l.ordered()).isEqualByComparingTo("40"));
            });
    List<DailySales> days = analytics(engine);
    assertThat(days)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.sales()).isEqualTo(1);
              assertThat(d.units()).isEqualByComparingTo("41");
              assertThat(d.gross()).isEqualTo(ExactAmount.of(total));
            });
    assertThat(ledger.entries("c-42"))
        .extracting(LoyaltyEntry::kind)
        .containsExactly(LoyaltyEntry.Kind.ENROL);
  }

  private static List<DailySales> analytics(RetailEngine engine) {
    return engine
        .analytics()
        .daily(DemoStore.ID, LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31));
  }
}
