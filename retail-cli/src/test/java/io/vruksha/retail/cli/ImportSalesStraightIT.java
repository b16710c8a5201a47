package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.analytics.DailySales;
import io.vruksha.retail.analytics.ProductPerformance;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresConfig;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
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
 * {@code retail import sales} the straight way (COPY into {@code sales_history} itself, for a file
 * new to the store's days): what it writes is what the staging way writes, and a row it cannot
 * take, however late in the file, leaves nothing of it behind and is reported as the staging way
 * reports it.
 */
class ImportSalesStraightIT {

  private static final String HEADER = "receipt_id,line,sold_at,sku,quantity,unit_price,tax,total";
  private static final List<String> GOOD =
      List.of(
          "S1,1,2026-04-01T10:00:00Z,MUG,1,4.99,0.80,4.99",
          "S1,2,2026-04-01T10:00:00Z,TEE-M,2,10.00,3.19,20.00",
          "S2,1,2026-04-01T12:30:00.123456Z,MUG,3,4.99,2.39,14.97",
          "S3,1,2026-04-02T09:15:00Z,MUG,1,4.9925,0.7971,4.9925");

  @TempDir Path dir;

  private PostgresDatabase db;
  private RetailEngine engine;
  private Map<String, String> env;

  @BeforeEach
  void setUp() {
    db = TestDatabase.fresh();
    env = CliRun.env(db);
    engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
    DemoStore.seed(engine);
  }

  private CliRun importSales(Path file, String... args) {
    List<String> all =
        new ArrayList<>(List.of("import", "sales", "--store", "demo", "--quiet", file.toString()));
    all.addAll(List.of(args));
    return CliRun.run(env, all.toArray(String[]::new));
  }

  private Path file(String name, List<String> rows) throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    lines.addAll(rows);
    return Files.write(dir.resolve(name), lines);
  }

  private long count(String sql) {
    return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  private Map<String, String> reasons(Path rejects) throws Exception {
    Map<String, String> reason = new TreeMap<>();
    try (CSVParser p = CSVParser.parse(rejects, StandardCharsets.UTF_8, CSVFormat.DEFAULT)) {
      List<CSVRecord> rows = p.getRecords();
      rows.subList(1, rows.size()).forEach(x -> reason.put(x.get(0), x.get(1)));
    }
    return reason;
  }

  private void assertGoodRowsFigures() {
    List<DailySales> days =
        engine
            .analytics()
            .daily(DemoStore.ID, LocalDate.parse("2026-04-01"), LocalDate.parse("2026-04-02"));
    assertThat(days).hasSize(2);
    assertThat(days.get(0).sales()).isEqualTo(2);
    assertThat(days.get(0).gross().amount()).isEqualByComparingTo("39.96");
    assertThat(days.get(1).sales()).isEqualTo(1);
    assertThat(days.get(1).gross().amount()).isEqualByComparingTo("4.9925");
    ProductPerformance mug =
        engine
            .analytics()
            .products(DemoStore.ID, LocalDate.parse("2026-04-01"), LocalDate.parse("2026-04-01"))
            .stream()
            .filter(p -> p.sku().equals("MUG"))
            .findFirst()
            .orElseThrow();
    assertThat(mug.sales()).isEqualTo(2);
    assertThat(mug.units()).isEqualByComparingTo("4");
  }

  @Test
  void aCleanFileNewToItsDaysWritesTheLinesAndTheFiguresAndARerunAddsNothing() throws Exception {
    Path good = file("good.csv", GOOD);

    CliRun first = importSales(good);
    CliRun again = importSales(good);

    assertThat(first.code()).as(first.toString()).isZero();
    assertThat(first.out()).contains("imported 4, rejected 0, skipped 0");
    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(again.out()).contains("imported 0, rejected 0, skipped 4");
    assertThat(count("SELECT count(*) FROM sales_history")).isEqualTo(4);
    String soldAt =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT to_char(sold_at AT TIME ZONE 'UTC',"
                                + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US') FROM sales_history"
                                + " WHERE source_receipt_id = 'S2'")
                        .mapTo(String.class)
                        .one());
    assertThat(soldAt).isEqualTo("2026-04-01T12:30:00.123456");
    assertGoodRowsFigures();
  }

  @Test
  void anUnknownSkuOnTheLastLineLeavesNothingOfTheStraightCopyAndIsRejectedByName()
      throws Exception {
    List<String> rows = new ArrayList<>(GOOD);
    rows.add("S4,1,2026-04-02T10:00:00Z,NOPE,1,1.00,0.16,1.00");
    Path rejects = dir.resolve("rejects.csv");

    CliRun r = importSales(file("unknown.csv", rows), "--rejects", rejects.toString());

    assertThat(r.code()).as(r.toString()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(r.out()).contains("imported 4, rejected 1, skipped 0");
    assertThat(reasons(rejects)).containsExactly(Map.entry("6", "unknown SKU NOPE"));
    assertThat(count("SELECT count(*) FROM sales_history")).isEqualTo(4);
    assertGoodRowsFigures();
  }

  @Test
  void aReceiptLineTwiceLeavesNothingOfTheStraightCopyAndTheLaterOneIsRejected() throws Exception {
    List<String> rows = new ArrayList<>(GOOD);
    rows.add("S1,2,2026-04-02T10:00:00Z,MUG,1,4.99,0.80,4.99");
    Path rejects = dir.resolve("rejects.csv");

    CliRun r = importSales(file("twice.csv", rows), "--rejects", rejects.toString());

    assertThat(r.code()).as(r.toString()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(r.out()).contains("imported 4, rejected 1, skipped 0");
    assertThat(reasons(rejects))
        .containsExactly(Map.entry("6", "duplicate receipt S1 line 2: already on line 3"));
    assertGoodRowsFigures();
  }

  @Test
  void aLineOfAReceiptImportedBeforeUnderAnotherDayIsSkippedAndTheRestImports() throws Exception {
    assertThat(importSales(file("first.csv", GOOD.subList(0, 1))).code()).isZero();
    // days the store has no history on yet; S1's first line again, under another day
    List<String> rows = List.of(GOOD.get(3), "S1,1,2026-04-03T10:00:00Z,MUG,1,4.99,0.80,4.99");

    CliRun r = importSales(file("later.csv", rows));

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("imported 1, rejected 0, skipped 1");
    assertThat(count("SELECT count(*) FROM sales_history")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM sales_history WHERE day = '2026-04-03'")).isZero();
    assertThat(count("SELECT count(*) FROM sales_analytics_daily WHERE day = '2026-04-03'"))
        .isZero();
    List<DailySales> days =
        engine
            .analytics()
            .daily(DemoStore.ID, LocalDate.parse("2026-04-01"), LocalDate.parse("2026-04-02"));
    assertThat(days).extracting(DailySales::sales).containsExactly(1L, 1L);
    assertThat(days.get(1).gross().amount()).isEqualByComparingTo("4.9925");
  }

  /** What an import leaves, every column but the time it was imported, in a fixed order. */
  private List<String> whatTheImportLeft() {
    return db.jdbi()
        .withHandle(
            h -> {
              List<String> rows = new ArrayList<>();
              rows.addAll(
                  h.createQuery(
                          "SELECT concat_ws('|', store_id, source_receipt_id, line,"
                              + " to_char(sold_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'),"
                              + " day, sku, quantity, unit_price, discount, tax, total, currency,"
                              + " customer_id) FROM sales_history ORDER BY source_receipt_id, line")
                      .mapTo(String.class)
                      .list());
              rows.addAll(
                  h.createQuery(
                          "SELECT concat_ws('|', store_id, day, currency, sales_count, units, gross,"
                              + " returns_count, refunds) FROM sales_analytics_daily"
                              + " ORDER BY store_id, day")
                      .mapTo(String.class)
                      .list());
              rows.addAll(
                  h.createQuery(
                          "SELECT concat_ws('|', store_id, day, sku, currency, sales_count, units,"
                              + " revenue) FROM product_performance ORDER BY store_id, day, sku")
                      .mapTo(String.class)
                      .list());
              return rows;
            });
  }

  private static boolean rowSecurityApplies(PostgresDatabase pool) {
    return pool.jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT row_security_active('sales_history')")
                    .mapTo(Boolean.class)
                    .one());
  }

  /**
   * docs/security.md runs store work as a member of vruksha_app, under row-level security: such a
   * role may not COPY into sales_history itself, so its import goes the staging way. It writes
   * exactly what the straight way writes for the owner, line for line and figure for figure.
   */
  @Test
  void theApplicationRoleImportsTheStagingWayAndLeavesWhatTheStraightWayLeaves() throws Exception {
    List<String> rows = new ArrayList<>(GOOD);
    rows.add("S4,1,2026-04-02T23:59:59.999999+02:00,COFFEE,0.25,6.49,0.1062,1.6225");
    rows.add("S4,2,2026-04-02T23:59:59.999999+02:00,MUG,1,4.99,0.80,4.99");
    Path good = file("good.csv", rows);
    PostgresDatabase app = TestDatabase.appPool();
    try {
      assertThat(rowSecurityApplies(db)).as("the owner of the test run").isFalse();
      assertThat(rowSecurityApplies(app)).as("the application role").isTrue();

      CliRun straight = importSales(good);
      List<String> straightLeft = whatTheImportLeft();
      db = TestDatabase.fresh();
      DemoStore.seed(engine);
      Map<String, String> asApp = new HashMap<>(env);
      PostgresConfig role = TestDatabase.appConfig();
      asApp.put("DB_USER", role.user());
      asApp.put("DB_PASSWORD", role.password());
      CliRun staging =
          CliRun.run(asApp, "import", "sales", "--store", "demo", "--quiet", good.toString());

      assertThat(straight.code()).as(straight.toString()).isZero();
      assertThat(staging.code()).as(staging.toString()).isZero();
      // the same counts; the time and rate after "in" differ
      assertThat(staging.out().replaceAll(" in .*", ""))
          .isEqualTo(straight.out().replaceAll(" in .*", ""))
          .contains("imported 6, rejected 0, skipped 0");
      assertThat(straightLeft).hasSize(6 + 2 + 4); // lines, days, SKUs of a day
      assertThat(whatTheImportLeft()).containsExactlyElementsOf(straightLeft);
    } finally {
      app.close();
    }
  }
}
