package io.vruksha.retail.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.store.Actor;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A till on its SQLite file runs the reactions in process: the day's sales report holds a sale as
 * soon as it commits, still holds it after the file is reopened, and a sale whose reactions a crash
 * cut off (committed, events still in the file's outbox) reaches the report when the till starts
 * again, once.
 */
class SqliteReactionsTest {

  @TempDir Path dir;

  private static Sale sell(RetailEngine engine, String key) {
    return engine.checkout(
        CheckoutRequest.of(
            key,
            BasketRequest.builder(DemoStore.ID).add("MUG", 2).add("COFFEE", 1).build(),
            new Tender.Cash(Money.of("50.00", "EUR"))),
        Actor.cashier("anna"));
  }

  private static long salesOn(RetailEngine engine, LocalDate day) {
    return engine.reports().dailySales(DemoStore.ID, day, day).total().sales();
  }

  @Test
  void theDaysReportHoldsEverySaleOnceAcrossAReopenAndAnInterruptedReaction() {
    Path file = dir.resolve("till.db");
    LocalDate day;
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      RetailEngine engine = SqliteAdapters.use(db, DemoStore.engineBuilder()).build();
      DemoStore.seed(engine);
      Sale first = sell(engine, "k1");
      day = first.at().atZone(ZoneId.of("Europe/Berlin")).toLocalDate();
      assertThat(salesOn(engine, day)).isEqualTo(1);
    }
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      // a till whose reactions did not run after its commit: the events wait in the file
      RetailEngine cutOff =
          SqliteAdapters.use(db, DemoStore.engineBuilder()).reactInProcess(false).build();
      sell(cutOff, "k2");
      assertThat(salesOn(cutOff, day)).isEqualTo(1);
    }
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      RetailEngine restarted = SqliteAdapters.use(db, DemoStore.engineBuilder()).build();
      assertThat(salesOn(restarted, day)).isEqualTo(2);
      // 2 mugs in each sale
      assertThat(
              restarted.reports().productPerformance(DemoStore.ID, day, day).products().stream()
                  .filter(p -> p.sku().equals("MUG"))
                  .findFirst()
                  .orElseThrow()
                  .units())
          .isEqualByComparingTo("4");
    }
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      // built again: nothing is handled twice
      RetailEngine again = SqliteAdapters.use(db, DemoStore.engineBuilder()).build();
      assertThat(salesOn(again, day)).isEqualTo(2);
    }
  }
}
