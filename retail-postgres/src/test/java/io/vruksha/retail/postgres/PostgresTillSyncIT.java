package io.vruksha.retail.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RetailException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.sync.TillDocument;
import io.vruksha.retail.sync.TillDocumentsOf;
import io.vruksha.retail.sync.TillFlag;
import io.vruksha.retail.sync.TillReceipt;
import io.vruksha.retail.sync.TillScenarios;
import io.vruksha.retail.sync.TillSync;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The centre on PostgreSQL, connected as the application role under row-level security as the
 * server runs: a till's documents taken exactly once however its batches arrive, also when the same
 * batch arrives twice at the same moment.
 */
class PostgresTillSyncIT {

  private static PostgresDatabase app;
  private RetailEngine centre;

  @BeforeEach
  void setUp() {
    TestDatabase.fresh();
    if (app == null) {
      app = TestDatabase.appPool();
    }
    centre =
        PostgresAdapters.use(
                app,
                DemoStore.engineBuilder().clock(Clock.fixed(TillScenarios.NOON, ZoneOffset.UTC)))
            .build();
    centre.useStore(TillScenarios.DEMO, () -> DemoStore.seed(centre));
  }

  @Test
  void batchesSentTwiceOrOverlappingReachTheCentreExactlyOnce() {
    RetailEngine till = TillScenarios.thirtySalesTwoReturnsAndAShift();
    List<TillDocument> docs = TillDocumentsOf.of(till, TillScenarios.DEMO);
    TillSync sync = centre.tillSync();
    int received = 0;
    for (int[] b : new int[][] {{1, 7}, {8, 14}, {8, 14}, {12, 18}, {19, 25}, {26, 33}}) {
      received +=
          sync.accept(TillScenarios.DEMO, "T01", TillScenarios.slice(docs, b[0], b[1])).received();
    }
    assertThat(received).isEqualTo(33);
    assertThat(sync.position(TillScenarios.DEMO, "T01").acceptedUpTo()).isEqualTo(33);
    List<Sale> sales =
        centre.inStore(TillScenarios.DEMO, () -> centre.sales().list(TillScenarios.DEMO));
    assertThat(sales).hasSize(30);
    assertThat(
            sales.stream().map(Sale::total).reduce(TillScenarios.eur("0.00"), (a, c) -> a.plus(c)))
        .isEqualTo(TillScenarios.eur("722.21"));
    assertThat(sync.verify(TillScenarios.DEMO)).isEmpty();
    assertThat(
            centre.inStore(TillScenarios.DEMO, () -> centre.journal().verify(TillScenarios.DEMO)))
        .isEmpty();
    assertThat(
            centre.inStore(
                TillScenarios.DEMO, () -> sync.ledger().entries(TillScenarios.DEMO, "T01")))
        .isEqualTo(till.journal().entries(TillScenarios.DEMO));
    for (String sku : TillScenarios.SKUS) {
      StockKey key = StockKey.floor(TillScenarios.DEMO, Sku.of(sku));
      assertThat(
              centre.inStore(TillScenarios.DEMO, () -> centre.stock().ledger().level(key).onHand()))
          .as(sku)
          .isEqualByComparingTo(till.stock().ledger().level(key).onHand());
    }
  }

  @Test
  void theSameBatchSentTwiceAtOnceIsTakenOnce() throws Exception {
    RetailEngine till = TillScenarios.till("T01");
    for (int i = 1; i <= 12; i++) {
      TillScenarios.sell(till, "s-" + i, "COFFEE", 1, Optional.empty());
    }
    List<TillDocument> docs = TillDocumentsOf.of(till, TillScenarios.DEMO);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<TillReceipt>> sends = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        sends.add(() -> centre.tillSync().accept(TillScenarios.DEMO, "T01", docs));
      }
      int received = 0;
      for (Future<TillReceipt> f : pool.invokeAll(sends)) {
        received += f.get().received();
      }
      assertThat(received).isEqualTo(12);
    } finally {
      pool.shutdown();
    }
    assertThat(centre.inStore(TillScenarios.DEMO, () -> centre.sales().list(TillScenarios.DEMO)))
        .hasSize(12);
    assertThat(
            centre.inStore(
                TillScenarios.DEMO,
                () ->
                    centre.journal().entries(TillScenarios.DEMO).stream()
                        .map(FiscalDocument::number)
                        .distinct()
                        .count()))
        .isEqualTo(12L);
  }

  @Test
  void twoTillsSellingTheLastUnitsTakeTheCentreBelowZeroAndAGapOrATamperedEntryIsRefused() {
    StockKey mug = StockKey.floor(TillScenarios.DEMO, Sku.of("MUG"));
    centre.useStore(
        TillScenarios.DEMO, () -> centre.stock().adjust(mug, new BigDecimal("-47"), "breakage"));
    RetailEngine t1 = TillScenarios.till("T01");
    RetailEngine t2 = TillScenarios.till("T02");
    TillScenarios.sell(t1, "a", "MUG", 3, Optional.empty());
    TillScenarios.sell(t2, "b", "MUG", 2, Optional.empty());
    TillScenarios.sell(t2, "c", "MUG", 1, Optional.empty());
    List<TillDocument> docs2 = TillDocumentsOf.of(t2, TillScenarios.DEMO);

    centre.tillSync().accept(TillScenarios.DEMO, "T01", TillDocumentsOf.of(t1, TillScenarios.DEMO));
    assertThatThrownBy(
            () -> centre.tillSync().accept(TillScenarios.DEMO, "T02", docs2.subList(1, 2)))
        .isInstanceOfSatisfying(
            RetailException.class, x -> assertThat(x.code()).isEqualTo(ErrorCode.TILL_SEQUENCE_GAP))
        .hasMessageContaining("expects sequence 1");
    FiscalDocument e = docs2.get(1).entry();
    TillDocument tampered =
        new TillDocument(
            "T02",
            2,
            new FiscalDocument(
                e.sequence(),
                e.store(),
                e.kind(),
                e.number(),
                e.issuedAt(),
                e.total(),
                e.tax(),
                e.content().replace("|1|", "|0|"),
                e.previousHash(),
                e.hash()),
            docs2.get(1).sale(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    assertThatThrownBy(
            () ->
                centre
                    .tillSync()
                    .accept(TillScenarios.DEMO, "T02", List.of(docs2.get(0), tampered)))
        .isInstanceOfSatisfying(
            RetailException.class,
            x -> assertThat(x.code()).isEqualTo(ErrorCode.TILL_CHAIN_BROKEN));
    // the first document of the batch stays applied: 3 − 3 − 2 = −2
    assertThat(centre.tillSync().position(TillScenarios.DEMO, "T02").acceptedUpTo()).isEqualTo(1);
    assertThat(
            centre.inStore(TillScenarios.DEMO, () -> centre.stock().ledger().level(mug).onHand()))
        .isEqualByComparingTo("-2");
    assertThat(centre.tillSync().flags(TillScenarios.DEMO))
        .extracting(TillFlag::describe)
        .containsExactly("oversold offline by till T02: MUG -2 (S001-T02-2026-000001)");
    centre.tillSync().accept(TillScenarios.DEMO, "T02", docs2);
    assertThat(
            centre.inStore(TillScenarios.DEMO, () -> centre.stock().ledger().level(mug).onHand()))
        .isEqualByComparingTo("-3");
    assertThat(centre.tillSync().flags(TillScenarios.DEMO)).hasSize(2);
    // listed by till id, as the in-memory ledger lists them
    assertThat(centre.tillSync().tills(TillScenarios.DEMO)).containsExactly("T01", "T02");
  }
}
