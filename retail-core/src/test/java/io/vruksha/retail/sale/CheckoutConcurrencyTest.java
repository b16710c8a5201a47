package io.vruksha.retail.sale;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RetailException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
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
import org.junit.jupiter.api.Test;

class CheckoutConcurrencyTest {

  @Test
  void thirtyTwoTillsSellTheLastTenUnits() throws Exception {
    RetailEngine engine = DemoStore.inMemory();
    StockKey cake = StockKey.floor(DemoStore.ID, Sku.of("CAKE"));
    engine
        .stock()
        .count(DemoStore.ID, cake.location(), Map.of(Sku.of("CAKE"), BigDecimal.TEN), "count-1");

    ExecutorService pool = Executors.newFixedThreadPool(32);
    CountDownLatch go = new CountDownLatch(1);
    Map<ErrorCode, Integer> refusals = new ConcurrentHashMap<>();
    List<Future<Sale>> tills = new ArrayList<>();
    try {
      for (int t = 0; t < 32; t++) {
        String key = "till-" + t;
        tills.add(
            pool.submit(
                () -> {
                  go.await();
                  try {
                    return engine.checkout(
                        CheckoutRequest.of(
                            key,
                            BasketRequest.builder(DemoStore.ID)
                                .at(Instant.parse("2026-11-24T11:00:00Z"))
                                .add("CAKE", 1)
                                .build(),
                            new Tender.Cash(Money.of("10.00", "EUR"))),
                        Actor.cashier(key));
                  } catch (RetailException e) {
                    refusals.merge(e.code(), 1, Integer::sum);
                    return null;
                  }
                }));
      }
      go.countDown();
      List<Sale> sold = new ArrayList<>();
      for (Future<Sale> f : tills) {
        Sale s = f.get(30, TimeUnit.SECONDS);
        if (s != null) {
          sold.add(s);
        }
      }
      assertThat(sold).hasSize(10);
      assertThat(refusals).containsExactly(Map.entry(ErrorCode.STOCK_INSUFFICIENT, 22));
      assertThat(engine.stock().ledger().level(cake).onHand()).isEqualByComparingTo("0");
      // numbers 1..10, each once
      assertThat(sold.stream().map(Sale::number).sorted().toList())
          .containsExactly(
              "S001-2026-000001",
              "S001-2026-000002",
              "S001-2026-000003",
              "S001-2026-000004",
              "S001-2026-000005",
              "S001-2026-000006",
              "S001-2026-000007",
              "S001-2026-000008",
              "S001-2026-000009",
              "S001-2026-000010");
      assertThat(engine.journal().verify(DemoStore.ID)).isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }
}
