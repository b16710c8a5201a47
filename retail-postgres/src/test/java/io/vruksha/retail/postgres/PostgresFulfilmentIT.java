package io.vruksha.retail.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.RetailException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.order.FulfilmentScenarios;
import io.vruksha.retail.order.Order;
import io.vruksha.retail.order.PlaceOrder;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Actor;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The fulfilment scenarios on PostgreSQL (each test on a database of its own), plus two engines on
 * one database reserving the last units at once.
 */
class PostgresFulfilmentIT extends FulfilmentScenarios {

  private PostgresDatabase db;

  @Override
  protected RetailEngine.Builder adapters() {
    db = TestDatabase.fresh();
    return PostgresAdapters.use(db, DemoStore.engineBuilder());
  }

  @Test
  void twoProcessesReservingTheLastUnitsNeverMakeAvailableToSellNegative() throws Exception {
    // a second engine on the same database stands for another server process
    RetailEngine other = PostgresAdapters.use(db, DemoStore.engineBuilder()).clock(clock).build();
    StockKey mugs = StockKey.floor(DemoStore.ID, Sku.of("MUG"));
    engine.stock().setSafetyBuffer(DemoStore.ID, Sku.of("MUG"), new BigDecimal("5"));
    // 50 on hand, 5 held back: 45 to sell, ordered 2 at a time by 40 web orders
    AtomicInteger placed = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> all = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        int n = i;
        RetailEngine e = n % 2 == 0 ? engine : other;
        all.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    e.orders()
                        .place(
                            new PlaceOrder(
                                "race-" + n,
                                DemoStore.ID,
                                Order.Channel.WEB,
                                Optional.empty(),
                                "race@example.com",
                                Map.of(Sku.of("MUG"), new BigDecimal("2")),
                                Optional.empty(),
                                PlaceOrder.DEFAULT_HOLD),
                            Actor.cashier("web"));
                    placed.incrementAndGet();
                  } catch (RetailException ex) {
                    refused.incrementAndGet();
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : all) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    // 22 orders of 2 fit in 45; the 23rd would leave -1
    assertThat(placed.get()).isEqualTo(22);
    assertThat(refused.get()).isEqualTo(18);
    var toSell = engine.stock().ledger().availableToSell(mugs);
    assertThat(toSell.reserved()).isEqualByComparingTo("44");
    assertThat(toSell.quantity()).isEqualByComparingTo("1");
    assertThat(engine.orders().orders().list(DemoStore.ID)).hasSize(22);
  }
}
