package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.analytics.DailySales;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.TestDatabase;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every amount an import takes is stored exactly as written or rejected with a reason naming the
 * field, never rounded by a column that holds fewer decimals: sales history to four decimals
 * ({@code numeric(19,4)}), product costs to six (kept in the product's document), stock quantities
 * to three ({@code numeric(19,3)}).
 */
class ImportExactAmountsIT {

  @TempDir Path dir;

  private PostgresDatabase db;
  private Map<String, String> env;

  @BeforeEach
  void setUp() {
    db = TestDatabase.fresh();
    env = CliRun.env(db);
    RetailEngine engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
    DemoStore.seed(engine);
  }

  private CliRun run(String kind, Path file, Path rejects, String... more) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "import",
                kind,
                "--store",
                "demo",
                "--quiet",
                file.toString(),
                "--rejects",
                rejects.toString()));
    all.addAll(List.of(more));
    return CliRun.run(env, all.toArray(String[]::new));
  }

  private BigDecimal decimal(String sql) {
    return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(BigDecimal.class).one());
  }

  private String text(String sql) {
    return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
  }

  /** Reason by file line, from a rejects file. */
  private static Map<String, String> reasons(Path rejects) throws Exception {
    Map<String, String> reasons = new TreeMap<>();
    try (CSVParser p = CSVParser.parse(rejects, StandardCharsets.UTF_8, CSVFormat.DEFAULT)) {
      List<CSVRecord> rows = p.getRecords();
      for (CSVRecord r : rows.subList(1, rows.size())) {
        reasons.put(r.get(0), r.get(1));
      }
    }
    return reasons;
  }

  @Test
  void salesAmountsFinerThanTheHistoryHoldsAreRejectedNamedAndTheRestIsExactInEveryReport()
      throws Exception {
    Path file = dir.resolve("sales.csv");
    Files.write(
        file,
        List.of(
            "receipt_id,line,sold_at,sku,quantity,unit_price,discount,tax,total",
            // 1.25 x 13.1584 = 16.448: four decimals, kept as written
            "E-1,1,2026-03-02T10:15:00Z,GOUDA,1.25,13.1584,0,1.0761,16.448",
            // numeric(19,4) would store 16.4480 and 0.0005
            "E-2,1,2026-03-02T11:00:00Z,GOUDA,1.25,13.1584,0,1.0761,16.44801",
            "E-3,1,2026-03-02T12:00:00Z,COFFEE,1,0.00049,0,0,0.00049",
            "E-4,1,2026-03-02T13:00:00Z,MUG,1,9.99001,0,1.595,9.99",
            "E-5,1,2026-03-02T14:00:00Z,MUG,2,5.00,0.00001,1.5966,10.00",
            "E-6,1,2026-03-02T15:00:00Z,MUG,1,9.99,0,1.59503,9.99",
            // trailing zeros are no decimals of their own: 4.9900000 is 4.99
            "E-7,1,2026-03-02T16:00:00Z,MUG,1,4.9900000,0,0.7967,4.990000"));
    Path rejects = dir.resolve("rejects.csv");

    CliRun r = run("sales", file, rejects);

    assertThat(r.code()).as(r.toString()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(r.out()).contains("imported 2, rejected 5");
    assertThat(reasons(rejects))
        .containsExactly(
            Map.entry(
                "3",
                "total '16.44801' has 5 decimals: sales history keeps amounts exactly to 4 and"
                    + " never rounds them"),
            Map.entry(
                "4",
                "total '0.00049' has 5 decimals: sales history keeps amounts exactly to 4 and"
                    + " never rounds them"),
            Map.entry(
                "5",
                "unit_price '9.99001' has 5 decimals: sales history keeps amounts exactly to 4 and"
                    + " never rounds them"),
            Map.entry(
                "6",
                "discount '0.00001' has 5 decimals: sales history keeps amounts exactly to 4 and"
                    + " never rounds them"),
            Map.entry(
                "7",
                "tax '1.59503' has 5 decimals: sales history keeps amounts exactly to 4 and"
                    + " never rounds them"));

    // stored exactly: 16.448 + 4.99 = 21.438 on the day, 16.448 of gouda
    assertThat(text("SELECT trim_scale(total)::text FROM sales_history WHERE sku = 'GOUDA'"))
        .isEqualTo("16.448");
    assertThat(decimal("SELECT gross FROM sales_analytics_daily WHERE day = '2026-03-02'"))
        .isEqualByComparingTo("21.438");
    assertThat(
            decimal(
                "SELECT revenue FROM product_performance WHERE day = '2026-03-02'"
                    + " AND sku = 'GOUDA'"))
        .isEqualByComparingTo("16.448");
    RetailEngine fresh = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
    LocalDate day = LocalDate.parse("2026-03-02");
    List<DailySales> days = fresh.analytics().daily(DemoStore.ID, day, day);
    assertThat(days).hasSize(1);
    assertThat(days.get(0).gross().amount()).isEqualByComparingTo("21.438");

    // each report shows the exact sum rounded half-up once: 21.438 -> 21.44, 16.448 -> 16.45
    CliRun daily =
        CliRun.run(
            env,
            "report",
            "daily-sales",
            "--store",
            "demo",
            "--from",
            "2026-03-02",
            "--to",
            "2026-03-02",
            "--format",
            "csv");
    assertThat(daily.code()).as(daily.toString()).isZero();
    assertThat(daily.row("day", "2026-03-02")).containsEntry("gross", "21.44");
    CliRun products =
        CliRun.run(
            env,
            "report",
            "product-performance",
            "--store",
            "demo",
            "--from",
            "2026-03-02",
            "--to",
            "2026-03-02",
            "--format",
            "csv");
    assertThat(products.code()).as(products.toString()).isZero();
    assertThat(products.row("sku", "GOUDA")).containsEntry("revenue", "16.45");
    assertThat(products.row("sku", "MUG")).containsEntry("revenue", "4.99");
  }

  @Test
  void aQuantityFinerThanTheStockLedgerHoldsIsKeptInHistoryButRejectedWithMoveStock()
      throws Exception {
    Path file = dir.resolve("weighed.csv");
    Files.write(
        file,
        List.of(
            "receipt_id,line,sold_at,sku,quantity,unit_price,discount,tax,total",
            // 0.1234 kg x 12.50 = 1.5425
            "W-1,1,2026-03-02T10:15:00Z,GOUDA,0.1234,12.50,0,0.1009,1.5425"));

    CliRun moved = run("sales", file, dir.resolve("moved.csv"), "--move-stock");
    assertThat(moved.code()).as(moved.toString()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(reasons(dir.resolve("moved.csv")))
        .containsExactly(
            Map.entry(
                "2",
                "quantity '0.1234' has 4 decimals: with --move-stock the stock ledger keeps"
                    + " quantities exactly to 3 and never rounds them"));

    CliRun kept = run("sales", file, dir.resolve("kept.csv"));
    assertThat(kept.code()).as(kept.toString()).isZero();
    assertThat(text("SELECT trim_scale(quantity)::text FROM sales_history WHERE sku = 'GOUDA'"))
        .isEqualTo("0.1234");
  }

  @Test
  void productCostsFinerThanTheCentImportExactlyAndCostsThatCannotBeKeptAreRejectedNamed()
      throws Exception {
    Path file = dir.resolve("products.csv");
    Files.write(
        file,
        List.of(
            "product_id,sku,name,category,tax_category,unit,barcode,status,cost",
            "bolt,BOLT,Bolt M8,kitchen,standard,ea,,ACTIVE,2.7812",
            "screw,SCREW,Screw 3x16,kitchen,standard,ea,,ACTIVE,0.0049",
            "nut,NUT,Nut M8,kitchen,standard,ea,,ACTIVE,0.0000001",
            "washer,WASHER,Washer,kitchen,standard,ea,,ACTIVE,-0.01"));
    Path rejects = dir.resolve("rejects.csv");

    CliRun r = run("products", file, rejects);

    assertThat(r.code()).as(r.toString()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(r.out()).contains("imported 2, rejected 2");
    Map<String, String> reasons = reasons(rejects);
    assertThat(reasons).containsOnlyKeys("4", "5");
    assertThat(reasons.get("4"))
        .contains("cost 0.0000001 has 7 decimals: a cost is kept exactly to 6 and never rounded");
    assertThat(reasons.get("5")).contains("cost -0.01 must not be negative");

    RetailEngine fresh = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
    assertThat(fresh.catalog().item(Sku.of("BOLT")).orElseThrow().cost())
        .contains(UnitPrice.of("2.7812", "EUR"));
    assertThat(fresh.catalog().item(Sku.of("SCREW")).orElseThrow().cost())
        .contains(UnitPrice.of("0.0049", "EUR"));
    assertThat(
            text(
                "SELECT document->'variants'->0->'cost'->>'amount' FROM products"
                    + " WHERE product_id = 'screw'"))
        .isEqualTo("0.0049");

    // a later row without a cost keeps the exact one
    Path again = dir.resolve("again.csv");
    Files.write(
        again,
        List.of(
            "product_id,sku,name,category,tax_category",
            "bolt,BOLT,Bolt M8 zinc,kitchen,standard"));
    CliRun second = run("products", again, dir.resolve("rejects2.csv"));
    assertThat(second.code()).as(second.toString()).isZero();
    RetailEngine after = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
    assertThat(after.catalog().item(Sku.of("BOLT")).orElseThrow().cost())
        .contains(UnitPrice.of("2.7812", "EUR"));
  }

  @Test
  void stockQuantitiesFinerThanTheLedgerHoldsAreRejectedNamed() throws Exception {
    Path file = dir.resolve("stock.csv");
    Files.write(file, List.of("sku,quantity", "GOUDA,1.0005", "GOUDA,1.250", "MUG,3"));
    Path rejects = dir.resolve("rejects.csv");

    CliRun r = run("stock", file, rejects);

    assertThat(r.code()).as(r.toString()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(r.out()).contains("imported 2, rejected 1");
    assertThat(reasons(rejects).get("2"))
        .contains("quantity 1.0005 has 4 decimals: stock keeps quantities exactly to 3");
    // 10.000 kg seeded + 1.250
    assertThat(
            decimal(
                "SELECT on_hand FROM stock_levels WHERE sku = 'GOUDA' AND location_id = 'floor'"))
        .isEqualByComparingTo("11.25");
  }
}
