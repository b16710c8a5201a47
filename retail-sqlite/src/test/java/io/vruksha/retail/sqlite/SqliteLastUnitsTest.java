package io.vruksha.retail.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RetailException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.stock.MovementReason;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.stock.StockMovement;
import io.vruksha.retail.store.Actor;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sixteen tills of one store selling the last ten T-shirts at once through an engine on one SQLite
 * file: the store's one writer makes "enough in stock?" and the sale one step, so exactly ten sell,
 * six are refused, stock ends at zero and the ten receipts are numbered 1 to 10 without a gap.
 */
class SqliteLastUnitsTest {

  private static final StockKey TEE = StockKey.floor(DemoStore.ID, Sku.of("TEE-M"));

  @TempDir Path dir;

  @Test
  void sixteenTillsSellingTheLastTenUnitsSellExactlyTen() throws Exception {
    Path file = dir.resolve("till.db");
    List<Sale> sold = new ArrayList<>();
    List<ErrorCode> refused = new ArrayList<>();
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      RetailEngine engine = SqliteAdapters.use(db, DemoStore.engineBuilder()).build();
      DemoStore.seed(engine);
      engine.stock().adjust(TEE, new BigDecimal("-10"), "damaged in the back room"); // 20 - 10
      assertThat(engine.stock().ledger().level(TEE).available()).isEqualByComparingTo("10");

      ExecutorService pool = Executors.newFixedThreadPool(16);
      CountDownLatch go = new CountDownLatch(1);
      try {
        List<Future<Optional<Sale>>> tills = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          String till = "till-" + i;
          tills.add(
              pool.submit(
                  () -> {
                    go.await();
                    try {
                      return Optional.of(
                          engine.checkout(
                              CheckoutRequest.of(
                                  till,
                                  BasketRequest.builder(DemoStore.ID).add("TEE-M", 1).build(),
                                  new Tender.Cash(Money.of("20.00", "EUR"))),
                              Actor.cashier(till)));
                    } catch (RetailException e) {
                      synchronized (refused) {
                        refused.add(e.code());
                      }
                      return Optional.empty();
                    }
                  }));
        }
        go.countDown();
        for (Future<Optional<Sale>> f : tills) {
          f.get(60, TimeUnit.SECONDS).ifPresent(sold::add);
        }
      } finally {
        pool.shutdownNow();
      }
    }

    // 20 received, 10 written off, 10 sold: none left, and never fewer than none
    assertThat(sold).hasSize(10);
    assertThat(refused).hasSize(6).containsOnly(ErrorCode.STOCK_INSUFFICIENT);
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      SqliteStockLedger stock = new SqliteStockLedger(db);
      assertThat(stock.level(TEE).onHand()).isEqualByComparingTo("0");
      assertThat(stock.movements(TEE))
          .extracting(StockMovement::reason)
          .containsExactly(
              MovementReason.RECEIPT,
              MovementReason.ADJUSTMENT,
              MovementReason.SALE,
              MovementReason.SALE,
              MovementReason.SALE,
              MovementReason.SALE,
              MovementReason.SALE,
              MovementReason.SALE,
              MovementReason.SALE,
              MovementReason.SALE,
              MovementReason.SALE,
              MovementReason.SALE);
      List<Sale> stored = new SqliteSales(db).list(DemoStore.ID);
      assertThat(stored).containsExactlyInAnyOrderElementsOf(sold);
      // the receipts are 1 to 10 of the year's series, each once
      assertThat(stored)
          .extracting(s -> Integer.parseInt(s.number().substring(s.number().lastIndexOf('-') + 1)))
          .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }
  }
}
