package io.vruksha.retail.cli;

import static io.vruksha.retail.cli.SeededDay.DAY;
import static io.vruksha.retail.cli.SeededDay.eur;
import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.sale.Sale;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReconcileCommandIT {

  private static String today() {
    return LocalDate.now(ZoneId.of("Europe/Berlin")).toString();
  }

  private static CliRun sales(SeededDay day, String... more) {
    String[] base = {"reconcile", "sales", "--store", "demo", "--from", DAY, "--to", today()};
    String[] args = Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return CliRun.run(day.env(), args);
  }

  @Test
  void aCleanDayReconciles() {
    SeededDay day = new SeededDay();
    CliRun stock =
        CliRun.run(day.env(), "reconcile", "stock", "--store", "demo", "--format", "csv");
    assertThat(stock.code()).as(stock.toString()).isZero();
    assertThat(stock.csv()).hasSize(6).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("OK"));
    // 20 on the floor, one sold
    assertThat(stock.row("sku", "TEE-L"))
        .containsEntry("on_hand", "19")
        .containsEntry("movements", "19");
    // 50 mugs, one sold and one back on the shelf
    assertThat(stock.row("sku", "MUG"))
        .containsEntry("on_hand", "50")
        .containsEntry("difference", "0");

    CliRun sales = sales(day, "--format", "csv");
    assertThat(sales.code()).as(sales.toString()).isZero();
    assertThat(sales.row("scope", "day"))
        .containsEntry("reference", DAY)
        .containsEntry("sales", "3")
        .containsEntry("sales_total", "61.13")
        .containsEntry("invoices_total", "61.13")
        .containsEntry("payments_total", "61.13")
        .containsEntry("status", "OK");
    assertThat(sales.row("scope", "z"))
        .containsEntry("reference", day.z.number().orElseThrow())
        .containsEntry("sales_total", "61.13")
        .containsEntry("z_gross", "61.13")
        .containsEntry("z_returns", "4.49")
        .containsEntry("status", "OK");

    CliRun shift = CliRun.run(day.env(), "reconcile", "shift", "--store", "demo");
    assertThat(shift.code()).as(shift.toString()).isZero();
    assertThat(shift.out()).contains(day.shift.id(), "136.65", "shifts of demo: no discrepancies");
  }

  @Test
  void aStrayStockMovementIsADiscrepancyNamingItsSku() {
    SeededDay day = new SeededDay();
    day.db
        .jdbi()
        .useHandle(
            h ->
                h.execute(
                    "INSERT INTO stock_movements (store_id, location_id, sku, change, reason,"
                        + " reference, moved_at) VALUES ('demo', 'floor', 'MUG', 3, 'ADJUSTMENT',"
                        + " 'stray', now())"));
    CliRun table = CliRun.run(day.env(), "reconcile", "stock", "--store", "demo");
    assertThat(table.code()).as(table.toString()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(table.out())
        .contains("stock of demo: 1 discrepancy")
        .contains("discrepancy: SKU MUG at floor: on hand 50 but its movements sum to 53");
    CliRun csv = CliRun.run(day.env(), "reconcile", "stock", "--store", "demo", "--format", "csv");
    assertThat(csv.code()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(csv.row("sku", "MUG"))
        .containsEntry("status", "DISCREPANCY")
        .containsEntry("difference", "-3");
    assertThat(csv.row("sku", "TEE-L")).containsEntry("status", "OK");
    assertThat(csv.err()).contains("discrepancy: SKU MUG");
    CliRun json =
        CliRun.run(day.env(), "reconcile", "stock", "--store", "demo", "--format", "json");
    assertThat(json.out()).contains("\"sku\": \"MUG\"", "\"status\": \"DISCREPANCY\"");
  }

  @Test
  void aChangedPaymentIsADiscrepancyNamingItsInvoice() {
    SeededDay day = new SeededDay();
    Sale card = day.sales.get(1);
    day.db
        .jdbi()
        .useHandle(
            h ->
                h.createUpdate(
                        "UPDATE payments SET amount = amount - 0.50 WHERE store_id = 'demo'"
                            + " AND invoice_number = :n")
                    .bind("n", card.number())
                    .execute());
    CliRun r = sales(day, "--format", "csv");
    assertThat(r.code()).as(r.toString()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(r.row("scope", "day"))
        .containsEntry("sales_total", "61.13")
        .containsEntry("payments_total", "60.63")
        .containsEntry("status", "DISCREPANCY");
    assertThat(r.row("reference", card.number()))
        .containsEntry("scope", "sale")
        .containsEntry("payments_total", "19.49")
        .containsEntry("status", "DISCREPANCY");
    assertThat(r.err())
        .contains(
            "discrepancy: payments of invoice "
                + card.number()
                + " total 19.49 EUR but the sale's tenders total 19.99 EUR");
    // the other sales are not named
    assertThat(r.err()).doesNotContain(day.sales.get(0).number(), day.sales.get(2).number());
  }

  @Test
  void aShortDrawerIsADiscrepancyOfItsShift() {
    SeededDay day = new SeededDay(eur("-1.00"));
    CliRun all = CliRun.run(day.env(), "reconcile", "shift", "--store", "demo");
    assertThat(all.code()).as(all.toString()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(all.out())
        .contains(
            "discrepancy: shift "
                + day.shift.id()
                + " (Z "
                + day.z.number().orElseThrow()
                + ") counted 135.65 EUR against 136.65 EUR expected: short by 1.00 EUR");
    CliRun one =
        CliRun.run(
            day.env(),
            "reconcile",
            "shift",
            "--store",
            "demo",
            "--shift",
            day.shift.id(),
            "--format",
            "json");
    assertThat(one.code()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(one.out()).contains("\"over_short\": \"-1.00\"", "\"recomputed\": \"136.65\"");
    assertThat(
            CliRun.run(day.env(), "reconcile", "shift", "--store", "demo", "--shift", "nope")
                .code())
        .isEqualTo(Retail.USAGE);
  }
}
