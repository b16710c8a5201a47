package io.vruksha.retail.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.analytics.DailySales;
import io.vruksha.retail.customer.Customer;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.EngineHost;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.loyalty.LoyaltyEntry;
import io.vruksha.retail.money.ExactAmount;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.reaction.Reaction;
import io.vruksha.retail.reaction.Reactions;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.ReturnRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.store.Actor;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The reactions on PostgreSQL: aggregates and enrolment exactly once per event id. */
class PostgresReactionsIT {

  private static final Instant NOON = Instant.parse("2026-11-24T11:00:00Z");

  /** A cash sale of {@code mugs} mugs and a T-shirt, at noon. */
  private static Sale sell(RetailEngine engine, String key, int mugs) {
    return engine.checkout(
        CheckoutRequest.of(
            key,
            BasketRequest.builder(DemoStore.ID).at(NOON).add("MUG", mugs).add("TEE-M", 1).build(),
            new Tender.Cash(Money.of("100.00", "EUR"))),
        Actor.cashier("anna"));
  }

  @Test
  void twoProcessesHandlingEveryEventTwiceAtOnceCountEachSaleOnce() throws Exception {
    PostgresDatabase db = TestDatabase.fresh();
    RetailEngine engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
    DemoStore.seed(engine);
    List<Sale> sales = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sales.add(sell(engine, "k-" + i, 1));
    }
    List<EventEnvelope> events = EngineHost.outbox(engine).pending(10_000);

    RetailEngine other;
    try (PostgresDatabase second = TestDatabase.anotherPool()) {
      other = PostgresAdapters.use(second, DemoStore.engineBuilder()).build();
      List<Reactions> processes =
          List.of(
              new Reactions(engine, EnumSet.allOf(Reaction.class)),
              new Reactions(other, EnumSet.allOf(Reaction.class)));
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Callable<Integer>> deliveries = new ArrayList<>();
        for (int copy = 0; copy < 4; copy++) {
          Reactions r = processes.get(copy % 2);
          deliveries.add(
              () -> {
                int effects = 0;
                for (EventEnvelope e : events) {
                  try {
                    effects += r.handle(e);
                  } catch (RuntimeException raced) {
                    // a concurrent duplicate may be refused outright; it changed nothing
                  }
                }
                return effects;
              });
        }
        int effects = 0;
        for (Future<Integer> f : pool.invokeAll(deliveries)) {
          effects += f.get();
        }
        assertThat(effects).isEqualTo(5); // one analytics effect per sale, nothing else reacts
      } finally {
        pool.shutdownNow();
      }
    }

    LocalDate day = LocalDate.of(2026, 11, 24);
    DailySales daily = engine.analytics().daily(DemoStore.ID, day, day).get(0);
    Money gross = sales.stream().map(Sale::total).reduce(Money::plus).orElseThrow();
    assertThat(daily.sales()).isEqualTo(5);
    assertThat(daily.gross()).isEqualTo(ExactAmount.of(gross));
    assertThat(daily.units()).isEqualByComparingTo("10");
    assertThat(engine.analytics().products(DemoStore.ID, day, day))
        .extracting(p -> p.sku() + " " + p.sales())
        .containsExactly("MUG 5", "TEE-M 5");
  }

  @Test
  void batchesOfTwoProcessesAtOnceCountEachSaleAndReturnOnce() throws Exception {
    PostgresDatabase db = TestDatabase.fresh();
    RetailEngine engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
    DemoStore.seed(engine);
    List<Sale> sales = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sales.add(sell(engine, "k-" + i, 1 + i % 2));
    }
    // one mug of the first sale back
    Money refund =
        engine
            .acceptReturn(
                ReturnRequest.of(
                        "r-1", sales.get(0).id(), new ReturnRequest.Item(0, BigDecimal.ONE, true))
                    .at(NOON),
                Actor.supervisor("sam"))
            .refund();
    List<EventEnvelope> events = EngineHost.outbox(engine).pending(10_000);
    List<EventEnvelope> reversed = new ArrayList<>(events);
    Collections.reverse(reversed);

    try (PostgresDatabase second = TestDatabase.anotherPool()) {
      RetailEngine other = PostgresAdapters.use(second, DemoStore.engineBuilder()).build();
      List<Reactions> processes =
          List.of(
              new Reactions(engine, EnumSet.allOf(Reaction.class)),
              new Reactions(other, EnumSet.allOf(Reaction.class)));
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Callable<Void>> deliveries = new ArrayList<>();
        for (int copy = 0; copy < 4; copy++) {
          Reactions r = processes.get(copy % 2);
          // batches of 4 and of 7, forwards and backwards: every event in several batches at once
          List<EventEnvelope> order = copy < 2 ? events : reversed;
          int size = copy % 2 == 0 ? 4 : 7;
          deliveries.add(
              () -> {
                for (int from = 0; from < order.size(); from += size) {
                  List<EventEnvelope> batch =
                      order.subList(from, Math.min(order.size(), from + size));
                  for (int attempt = 1; ; attempt++) {
                    try {
                      r.handleAll(batch);
                      break;
                    } catch (RuntimeException raced) {
                      // a deadlock with the other process is undone whole: delivered again
                      if (attempt == 5) {
                        throw raced;
                      }
                    }
                  }
                }
                return null;
              });
        }
        for (Future<Void> f : pool.invokeAll(deliveries)) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
    }

    LocalDate day = LocalDate.of(2026, 11, 24);
    DailySales daily = engine.analytics().daily(DemoStore.ID, day, day).get(0);
    Money gross = sales.stream().map(Sale::total).reduce(Money::plus).orElseThrow();
    assertThat(daily.sales()).isEqualTo(5);
    assertThat(daily.gross()).isEqualTo(ExactAmount.of(gross));
    assertThat(daily.units()).isEqualByComparingTo("12"); // mugs 1+2+1+2+1, five tees
    assertThat(daily.returns()).isEqualTo(1);
    assertThat(daily.refunds())
        .isEqualTo(ExactAmount.of(refund.isNegative() ? refund.negate() : refund));
    assertThat(engine.analytics().products(DemoStore.ID, day, day))
        .extracting(p -> p.sku() + " " + p.sales() + " " + p.units().stripTrailingZeros())
        .containsExactly("MUG 5 7", "TEE-M 5 5");
    long marked =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT count(*) FROM handled_events"
                                + " WHERE consumer = 'reaction-analytics'")
                        .mapTo(Long.class)
                        .one());
    assertThat(marked).as("five sales and a return marked, once each").isEqualTo(6);
  }

  @Test
  void aCustomerImportedWithoutAProgrammeIsEnrolledByTheReaction() {
    PostgresDatabase db = TestDatabase.fresh();
    RetailEngine noProgramme = PostgresAdapters.use(db, RetailEngine.builder()).build();
    DemoStore.seed(PostgresAdapters.use(db, DemoStore.engineBuilder()).build());
    noProgramme.customers().create(DemoStore.ID, Customer.of("c-7", "Seven", NOON));
    RetailEngine engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
    EventEnvelope created =
        EngineHost.outbox(engine).pending(10_000).stream()
            .filter(e -> e.subject().equals("retail.customer.customer.created.v1"))
            .findFirst()
            .orElseThrow();
    Reactions reactions = new Reactions(engine, EnumSet.of(Reaction.LOYALTY_ENROLMENT));
    assertThat(reactions.handle(created)).isEqualTo(1);
    assertThat(reactions.handle(created)).isZero();
    assertThat(engine.loyalty().orElseThrow().ledger().entries("c-7"))
        .extracting(LoyaltyEntry::kind)
        .containsExactly(LoyaltyEntry.Kind.ENROL);
  }
}
