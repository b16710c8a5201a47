package io.vruksha.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.benchmarks.CheckoutStorage.Table;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckoutStorageTest {

  @Test
  void eachTableThatGainedRowsIsShownPerCheckoutAndTheTotalsAddUp() {
    // (inserted, updated, deleted, rows, bytes, disk)
    Map<String, Table> before =
        Map.of(
            "sales", new Table(10, 0, 0, 10, 9_000, 81_920),
            "stock_levels", new Table(3, 30, 0, 3, 300, 16_384),
            "stores", new Table(2, 0, 0, 2, 400, 16_384));
    Map<String, Table> after =
        Map.of(
            "sales", new Table(110, 0, 0, 110, 99_000, 180_224),
            "stock_levels", new Table(3, 330, 0, 3, 300, 16_384),
            "stores", new Table(2, 0, 0, 2, 400, 16_384),
            "outbox", new Table(500, 0, 0, 500, 160_000, 245_760));

    Map<String, String> f = CheckoutStorage.figures(before, after, 100);

    // 100 sales + 500 outbox rows over 100 checkouts; 90,000 + 160,000 bytes
    assertThat(f)
        .containsEntry("checkout_rows_inserted", "6.0")
        .containsEntry("checkout_rows_updated", "3.0")
        .containsEntry("checkout_rows_deleted", "0.0")
        .containsEntry("checkout_bytes", "2500")
        // (98,304 + 245,760) / 100
        .containsEntry("checkout_disk_bytes", "3441")
        .containsEntry("checkout_rows_sales", "1.00")
        .containsEntry("checkout_bytes_sales", "900")
        .containsEntry("checkout_rows_outbox", "5.00")
        .containsEntry("checkout_bytes_outbox", "1600")
        .doesNotContainKeys("checkout_rows_stores", "checkout_rows_stock_levels");
  }
}
