package io.vruksha.retail.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RetailException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.EngineHost;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.Shopper;
import io.vruksha.retail.register.Shift;
import io.vruksha.retail.register.ShiftReport;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.ReturnReceipt;
import io.vruksha.retail.sale.ReturnRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.stock.LocationId;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Actor;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Checkouts on PostgreSQL, end to end, with the demo store. */
class PostgresCheckoutIT {

  private static final Instant NOON = Instant.parse("2026-11-24T11:00:00Z");

  private static RetailEngine engine(PostgresDatabase db, boolean seed) {
    RetailEngine engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
    if (seed) {
      DemoStore.seed(engine);
    }
    // another process on the same database needs nothing but its connection
    return engine;
  }

  private static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  @Test
  void aDayAtTheTillCommitsToPostgres() {
    PostgresDatabase db = TestDatabase.fresh();
    RetailEngine engine = engine(db, true);
    Shift shift =
        engine.registers().open(DemoStore.ID, "till-1", eur("100.00"), Actor.cashier("anna"));
    CheckoutRequest request =
        CheckoutRequest.of(
                "till-1:0001",
                BasketRequest.builder(DemoStore.ID)
                    .at(NOON)
                    .add("COFFEE", 2)
                    .add("TEE-M", 1)
                    .add("MUG", 1)
                    .shopper(Shopper.customer("c-1"))
                    .coupon("WELCOME10")
                    .build(),
                new Tender.Cash(eur("40.00")))
            .inShift(shift.id());
    Sale sale = engine.checkout(request, Actor.cashier("anna"));
    // the same basket as TillDayScenarioTest: 31.24; change 40.00 - 31.24 = 8.76
    assertThat(sale.total()).isEqualTo(eur("31.24"));
    assertThat(sale.change()).isEqualTo(eur("8.76"));
    assertThat(engine.sales().find(sale.id())).contains(sale);
    // a retry with the same key returns the stored sale, read back from the database
    assertThat(engine.checkout(request, Actor.cashier("anna"))).isEqualTo(sale);

    ReturnReceipt back =
        engine.acceptReturn(
            ReturnRequest.of("r-1", sale.id(), new ReturnRequest.Item(2, BigDecimal.ONE, true))
                .at(NOON)
                .inShift(shift.id()),
            Actor.supervisor("sam"));
    assertThat(back.refund()).isEqualTo(eur("4.49"));
    // expected cash: 100.00 float + 31.24 cash taken - 4.49 refunded = 126.75
    ShiftReport z = engine.registers().close(shift.id(), eur("126.75"), Actor.cashier("anna"));
    assertThat(z.overShort()).contains(eur("0.00"));
    assertThat(engine.journal().verify(DemoStore.ID)).isEmpty();
    assertThat(engine.journal().entries(DemoStore.ID)).hasSize(3);
    // the sale's cash payment is a row of its own for reconciliation
    List<String> payments =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT method || ' ' || amount FROM payments WHERE invoice_number = :n")
                        .bind("n", sale.number())
                        .mapTo(String.class)
                        .list());
    assertThat(payments).containsExactly("CASH 31.2400");
    assertThat(EngineHost.outbox(engine).pending(1_000))
        .extracting(e -> e.subject())
        .contains(
            "retail.pos.sale.completed.v1",
            "retail.billing.invoice.created.v1",
            "retail.pos.shift.closed.v1");
  }

  @Test
  void aFailedCheckoutLeavesNothingInTheDatabase() {
    PostgresDatabase db = TestDatabase.fresh();
    RetailEngine engine = engine(db, true);
    int outboxBefore = EngineHost.outbox(engine).pending(10_000).size();
    assertThatThrownBy(
            () ->
                engine.checkout(
                    CheckoutRequest.of(
                        "k-1",
                        BasketRequest.builder(DemoStore.ID)
                            .at(NOON)
                            .add("TEE-M", 1)
                            .add("CAKE", 6)
                            .build(),
                        new Tender.Cash(eur("100.00"))),
                    Actor.cashier("anna")))
        .extracting(e -> ((RetailException) e).code())
        .isEqualTo(ErrorCode.STOCK_INSUFFICIENT);
    assertThat(
            engine.stock().ledger().level(StockKey.floor(DemoStore.ID, Sku.of("TEE-M"))).onHand())
        .isEqualByComparingTo("20");
    assertThat(EngineHost.outbox(engine).pending(10_000)).hasSize(outboxBefore);
    assertThat(engine.journal().entries(DemoStore.ID)).isEmpty();
    assertThat(engine.sales().list(DemoStore.ID)).isEmpty();
  }

  @Test
  void aCheckoutsFiveEventsAreOneOutboxRowRelayedAsFiveEvents() {
    PostgresDatabase db = TestDatabase.fresh();
    RetailEngine engine = engine(db, true);
    db.jdbi().useHandle(h -> h.execute("DELETE FROM outbox"));
    Sale sale =
        engine.checkout(
            CheckoutRequest.of(
                "till-1:0001",
                BasketRequest.builder(DemoStore.ID)
                    .at(NOON)
                    .add("TEE-M", 1)
                    .add("MUG", 1)
                    .add("COFFEE", 1)
                    .build(),
                new Tender.Cash(eur("100.00"))),
            Actor.cashier("anna"));
    Map<String, Object> row =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT count(*) AS rows, sum(event_count) AS events,"
                                + " sum(pg_column_size(o.*)) AS bytes FROM outbox o")
                        .mapToMap()
                        .one());
    assertThat(row).containsEntry("rows", 1L).containsEntry("events", 5L);
    // what the row-per-event outbox stored for the same events: the same values, a row each
    long before =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT sum(pg_column_size(ROW(CAST(e->>'id' AS uuid),"
                                + " o.position, e->>'subject', e->>'store',"
                                + " to_timestamp(CAST(e->>'at' AS numeric) / 1000000),"
                                + " e->>'correlation', CAST(e->>'version' AS int),"
                                + " 'io.vruksha.retail.event.DomainEvent$' || (e->>'type'),"
                                + " e->'payload'))) FROM outbox o, jsonb_array_elements(o.events) e")
                        .mapTo(Long.class)
                        .one());
    System.out.printf(
        "outbox of one 3-line checkout: %s bytes in one row, %d bytes in five rows before%n",
        row.get("bytes"), before);
    assertThat(((Number) row.get("bytes")).longValue()).isLessThan(before);

    List<EventEnvelope> relayed =
        db.unitOfWork().run(() -> EngineHost.outbox(engine).claimAsSent(500));
    assertThat(relayed)
        .extracting(EventEnvelope::subject)
        .containsExactlyInAnyOrder(
            "retail.inventory.stock.updated.v1",
            "retail.inventory.stock.updated.v1",
            "retail.inventory.stock.updated.v1",
            "retail.pos.sale.completed.v1",
            "retail.billing.invoice.created.v1");
    assertThat(relayed.stream().map(EventEnvelope::eventId).distinct()).hasSize(5);
    assertThat(relayed).allMatch(e -> e.correlationId().equals(sale.id()));
    assertThat(EngineHost.outbox(engine).pendingCount()).isZero();
  }

  @Test
  void sixtyFourCheckoutsThroughFourPoolsNeverOversellAndNumberWithoutGaps() throws Exception {
    PostgresDatabase first = TestDatabase.fresh();
    RetailEngine seeded = engine(first, true);
    // 20 cakes on the floor, 64 tills want 1 each
    seeded
        .stock()
        .count(
            DemoStore.ID,
            LocationId.FLOOR,
            Map.of(Sku.of("CAKE"), BigDecimal.valueOf(20)),
            "count");
    List<PostgresDatabase> pools = new ArrayList<>();
    List<RetailEngine> engines = new ArrayList<>();
    engines.add(seeded);
    for (int i = 0; i < 3; i++) {
      PostgresDatabase pool = TestDatabase.anotherPool();
      pools.add(pool);
      engines.add(engine(pool, false));
    }
    ExecutorService tills = Executors.newFixedThreadPool(64);
    CountDownLatch go = new CountDownLatch(1);
    Map<ErrorCode, Integer> refused = new ConcurrentHashMap<>();
    try {
      List<Future<Sale>> results = new ArrayList<>();
      for (int t = 0; t < 64; t++) {
        RetailEngine engine = engines.get(t % 4);
        String key = "till-" + t;
        results.add(
            tills.submit(
                () -> {
                  go.await();
                  try {
                    return engine.checkout(
                        CheckoutRequest.of(
                            key,
                            BasketRequest.builder(DemoStore.ID)
                                .at(NOON)
                                .add("CAKE", 1)
                                .add("MUG", 1)
                                .build(),
                            new Tender.Cash(eur("20.00"))),
                        Actor.cashier(key));
                  } catch (RetailException e) {
                    refused.merge(e.code(), 1, Integer::sum);
                    return null;
                  }
                }));
      }
      go.countDown();
      List<String> numbers = new ArrayList<>();
      for (Future<Sale> f : results) {
        Sale s = f.get(60, TimeUnit.SECONDS);
        if (s != null) {
          numbers.add(s.number());
        }
      }
      assertThat(numbers).hasSize(20);
      assertThat(refused).containsExactly(Map.entry(ErrorCode.STOCK_INSUFFICIENT, 44));
      assertThat(
              seeded.stock().ledger().level(StockKey.floor(DemoStore.ID, Sku.of("CAKE"))).onHand())
          .isEqualByComparingTo("0");
      assertThat(numbers.stream().sorted().toList())
          .isEqualTo(
              IntStream.rangeClosed(1, 20)
                  .mapToObj(n -> String.format("S001-2026-%06d", n))
                  .toList());
      assertThat(seeded.journal().verify(DemoStore.ID)).isEmpty();
    } finally {
      tills.shutdownNow();
      pools.forEach(PostgresDatabase::close);
    }
  }
}
