package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vruksha.retail.analytics.DailySales;
import io.vruksha.retail.analytics.ProductPerformance;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.TestDatabase;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.StoreId;
import java.io.BufferedWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code retail import sales}: sales history through COPY, against a real PostgreSQL. */
class ImportSalesIT {

  private static final StoreId STORE = DemoStore.ID;
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final String GERMAN_MAP =
      "Bon-Nr=receipt_id,Pos=line,Datum=sold_at,Artikel=sku,Menge=quantity,"
          + "Einzelpreis=unit_price,Rabatt=discount,MwSt=tax,Summe=total,Waehrung=currency";

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

  private CliRun importSales(String... args) {
    List<String> all = new ArrayList<>(List.of("import", "sales", "--store", "demo", "--quiet"));
    all.addAll(List.of(args));
    return CliRun.run(env, all.toArray(String[]::new));
  }

  private static String resource(String name) throws Exception {
    return Path.of(ImportSalesIT.class.getResource("/import/" + name).toURI()).toString();
  }

  private long count(String sql) {
    return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  /** The day totals of a file, computed here from its rows: sales (distinct receipts), gross. */
  private record Day(Set<String> receipts, BigDecimal gross, BigDecimal units) {}

  private static Map<LocalDate, Day> expectedDays(Path file, char delimiter) throws Exception {
    Map<LocalDate, Day> days = new TreeMap<>();
    try (CSVParser p =
        CSVParser.parse(
            file,
            StandardCharsets.UTF_8,
            CSVFormat.DEFAULT
                .builder()
                .setDelimiter(delimiter)
                .setHeader()
                .setSkipHeaderRecord(true)
                .get())) {
      for (CSVRecord r : p) {
        String when = r.get("Datum");
        LocalDate day =
            when.endsWith("Z")
                ? LocalDate.ofInstant(Instant.parse(when), BERLIN)
                : LocalDateTime.parse(when.replace(' ', 'T')).toLocalDate();
        Day d =
            days.computeIfAbsent(
                day, k -> new Day(new HashSet<>(), BigDecimal.ZERO, BigDecimal.ZERO));
        d.receipts().add(r.get("Bon-Nr"));
        days.put(
            day,
            new Day(
                d.receipts(),
                d.gross().add(new BigDecimal(r.get("Summe"))),
                d.units().add(new BigDecimal(r.get("Menge")))));
      }
    }
    return days;
  }

  private List<DailySales> daily(LocalDate from, LocalDate to) {
    return engine.analytics().daily(STORE, from, to);
  }

  private void assertReportMatches(Map<LocalDate, Day> expected) throws Exception {
    LocalDate from = expected.keySet().iterator().next();
    LocalDate to = ((TreeMap<LocalDate, Day>) expected).lastKey();
    CliRun report =
        CliRun.run(
            env,
            "report",
            "daily-sales",
            "--store",
            "demo",
            "--from",
            from.toString(),
            "--to",
            to.toString(),
            "--format",
            "json");
    assertThat(report.code()).as(report.toString()).isZero();
    JsonNode rows = new ObjectMapper().readTree(report.out());
    Map<String, JsonNode> byDay = new HashMap<>();
    rows.forEach(r -> byDay.put(r.get("day").asText(), r));
    BigDecimal allGross = BigDecimal.ZERO;
    long allSales = 0;
    for (Map.Entry<LocalDate, Day> e : expected.entrySet()) {
      JsonNode row = byDay.get(e.getKey().toString());
      assertThat(row).as("report row for " + e.getKey() + " in " + report.out()).isNotNull();
      assertThat(row.get("sales").asLong()).isEqualTo(e.getValue().receipts().size());
      assertThat(new BigDecimal(row.get("gross").asText()))
          .isEqualByComparingTo(e.getValue().gross());
      assertThat(new BigDecimal(row.get("units").asText()))
          .isEqualByComparingTo(e.getValue().units());
      assertThat(row.get("currency").asText()).isEqualTo("EUR");
      allGross = allGross.add(e.getValue().gross());
      allSales += e.getValue().receipts().size();
    }
    assertThat(new BigDecimal(byDay.get("TOTAL").get("gross").asText()))
        .isEqualByComparingTo(allGross);
    assertThat(byDay.get("TOTAL").get("sales").asLong()).isEqualTo(allSales);
  }

  private BigDecimal decimal(String sql) {
    return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(BigDecimal.class).one());
  }

  /** A file of the other POS's layout: its header and {@code lines}. */
  private Path otherPosFile(String name, List<String> lines) throws Exception {
    Path file = dir.resolve(name);
    List<String> all = new ArrayList<>();
    all.add("Bon-Nr;Pos;Datum;Artikel;Menge;Einzelpreis;Rabatt;MwSt;Summe;Waehrung;Kasse");
    all.addAll(lines);
    Files.write(file, all);
    return file;
  }

  private ProductPerformance product(String day, String sku) {
    return engine.analytics().products(STORE, LocalDate.parse(day), LocalDate.parse(day)).stream()
        .filter(p -> p.sku().equals(sku))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no figures for " + sku + " on " + day));
  }

  @Test
  void aLaterFileOnDaysThatHaveSalesAddsOnlyReceiptsAndSkusNewToTheirDay() throws Exception {
    Path file = Path.of(resource("other-pos-sales.csv"));
    assertThat(
            importSales(file.toString(), "--delimiter", ";", "--map", GERMAN_MAP, "--move-stock")
                .code())
        .isZero();
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.remove(0);
    // a known receipt with a SKU it did not have, the same receipt with one it had, a new
    // receipt on a day with sales, a new day
    lines.add("B-1005;4;2026-03-03 10:00:00;CAKE;1;9.90;0;0.65;9.90;EUR;K2");
    lines.add("B-1005;5;2026-03-03 10:00:00;MUG;1;4.99;0;0.80;4.99;EUR;K2");
    lines.add("B-2001;1;2026-03-03 12:00:00;MUG;1;4.99;0;0.80;4.99;EUR;K1");
    lines.add("B-2002;1;2026-03-05 12:00:00;TEE-M;1;19.99;0;3.19;19.99;EUR;K1");
    Path more = otherPosFile("more.csv", lines);

    CliRun r =
        importSales(more.toString(), "--delimiter", ";", "--map", GERMAN_MAP, "--move-stock");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("imported 4, rejected 0, skipped 9");
    assertReportMatches(expectedDays(more, ';'));
    ProductPerformance mug = product("2026-03-03", "MUG");
    assertThat(mug.sales()).isEqualTo(2); // B-1005 and B-2001
    assertThat(mug.units()).isEqualByComparingTo("8");
    assertThat(mug.revenue().amount()).isEqualByComparingTo("39.92");
    ProductPerformance cake = product("2026-03-03", "CAKE");
    assertThat(cake.sales()).isEqualTo(1);
    assertThat(cake.revenue().amount()).isEqualByComparingTo("9.90");
    assertThat(product("2026-03-05", "TEE-M").sales()).isEqualTo(1);
    // the new lines only move stock, in file order
    StockKey mugKey = StockKey.floor(STORE, Sku.of("MUG"));
    assertThat(engine.stock().ledger().level(mugKey).onHand()).isEqualByComparingTo("41");
    assertThat(engine.stock().ledger().movements(mugKey))
        .filteredOn(m -> m.reference().startsWith("history:"))
        .extracting(m -> m.reference() + " " + m.change().stripTrailingZeros().toPlainString())
        .containsExactly(
            "history:B-1001:2 -1",
            "history:B-1005:1 -4",
            "history:B-1005:3 -2",
            "history:B-1005:5 -1",
            "history:B-2001:1 -1");
    assertThat(count("SELECT count(*) FROM stock_movements WHERE reference LIKE 'history:%'"))
        .isEqualTo(13);
  }

  @Test
  void aLineImportedBeforeUnderAnotherDayIsSkippedAndTheRestImports() throws Exception {
    Path file = Path.of(resource("other-pos-sales.csv"));
    assertThat(importSales(file.toString(), "--delimiter", ";", "--map", GERMAN_MAP).code())
        .isZero();
    // a day without sales yet, but B-1001 line 1 is there already (under 2 March)
    Path later =
        otherPosFile(
            "later.csv",
            List.of(
                "B-3001;1;2026-03-10 09:00:00;MUG;1;4.99;0;0.80;4.99;EUR;K1",
                "B-1001;1;2026-03-10 09:15:00;TEE-M;2;19.99;0.00;6.38;39.98;EUR;K1",
                "B-3002;1;2026-03-10 10:00:00;TEE-M;1;19.99;0;3.19;19.99;EUR;K1"));

    CliRun r = importSales(later.toString(), "--delimiter", ";", "--map", GERMAN_MAP);

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("imported 2, rejected 0, skipped 1");
    assertThat(count("SELECT count(*) FROM sales_history")).isEqualTo(11);
    DailySales day = daily(LocalDate.parse("2026-03-10"), LocalDate.parse("2026-03-10")).get(0);
    assertThat(day.sales()).isEqualTo(2);
    assertThat(day.gross().amount()).isEqualByComparingTo("24.98");
    assertThat(product("2026-03-10", "TEE-M").units()).isEqualByComparingTo("1");
    assertThat(product("2026-03-10", "MUG").sales()).isEqualTo(1);
    // 2 March is as the first file left it
    assertReportMatches(expectedDays(file, ';'));
  }

  @Test
  void figuresAlreadyThereForADayAreAddedTo() throws Exception {
    // live sales of 2 March the analytics counted (no imported history that day)
    db.jdbi()
        .useHandle(
            h -> {
              h.execute(
                  "INSERT INTO sales_analytics_daily (store_id, day, currency, sales_count,"
                      + " units, gross) VALUES ('demo', '2026-03-02', 'EUR', 5, 5, 24.95)");
              h.execute(
                  "INSERT INTO product_performance (store_id, day, sku, currency, sales_count,"
                      + " units, revenue) VALUES ('demo', '2026-03-02', 'MUG', 'EUR', 5, 5, 24.95)");
            });

    CliRun r =
        importSales(resource("other-pos-sales.csv"), "--delimiter", ";", "--map", GERMAN_MAP);

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("imported 9, rejected 0, skipped 0");
    ProductPerformance mug = product("2026-03-02", "MUG");
    assertThat(mug.sales()).isEqualTo(6);
    assertThat(mug.units()).isEqualByComparingTo("6");
    assertThat(mug.revenue().amount()).isEqualByComparingTo("29.44");
    assertThat(product("2026-03-02", "COFFEE").sales()).isEqualTo(1);
    DailySales day = daily(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-02")).get(0);
    assertThat(day.sales()).isEqualTo(8);
  }

  @Test
  void aDaysFiguresWrittenMeanwhileByAnotherTransactionAreAddedToNotAFailure() throws Exception {
    try (var other = db.jdbi().open()) {
      other.begin();
      // CAKE on B-1003, 22:30 UTC: 2 March in Berlin
      other.execute(
          "INSERT INTO product_performance (store_id, day, sku, currency, sales_count, units,"
              + " revenue) VALUES ('demo', '2026-03-02', 'CAKE', 'EUR', 1, 1, 9.90)");
      String file = resource("other-pos-sales.csv");
      AtomicReference<CliRun> result = new AtomicReference<>();
      Thread importing =
          new Thread(() -> result.set(importSales(file, "--delimiter", ";", "--map", GERMAN_MAP)));
      importing.start();
      // the import's insert waits for the row the other transaction has not committed yet
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (count(
                  "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                      + " AND query LIKE '%INSERT INTO product_performance%'")
              == 0
          && importing.isAlive()) {
        assertThat(System.nanoTime()).as("the import never waited").isLessThan(deadline);
        Thread.sleep(20);
      }
      other.commit();
      importing.join(TimeUnit.SECONDS.toMillis(60));
      assertThat(result.get().code()).as(result.get().toString()).isZero();
      assertThat(result.get().out()).contains("imported 9, rejected 0, skipped 0");
    }
    ProductPerformance cake = product("2026-03-02", "CAKE");
    assertThat(cake.sales()).isEqualTo(2);
    assertThat(cake.units()).isEqualByComparingTo("2");
    assertThat(cake.revenue().amount()).isEqualByComparingTo("19.80");
    assertThat(count("SELECT count(*) FROM product_performance WHERE day = '2026-03-03'"))
        .isEqualTo(3);
  }

  @Test
  void amountsWithMoreThanFourDecimalsAreRejectedNamedNotRoundedByTheDatabase() throws Exception {
    // sales_history holds amounts as numeric(19,4): 1.00005 would be stored as 1.0001, and the
    // day's figures would then disagree with the file's
    Path file = dir.resolve("fine.csv");
    Files.write(
        file,
        List.of(
            "receipt_id,line,sold_at,sku,quantity,unit_price,tax,total",
            "X1,1,2026-04-01T10:00:00,MUG,1,1.00005,0,1.00005",
            "X2,1,2026-04-01T11:00:00,MUG,1,1.0001,0,1.0001"));
    Path rejects = dir.resolve("rejects.csv");

    CliRun r = importSales(file.toString(), "--rejects", rejects.toString());

    assertThat(r.code()).as(r.toString()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(r.out()).contains("imported 1, rejected 1");
    try (CSVParser p = CSVParser.parse(rejects, StandardCharsets.UTF_8, CSVFormat.DEFAULT)) {
      List<CSVRecord> rows = p.getRecords();
      assertThat(rows).hasSize(2);
      assertThat(rows.get(1).get(0)).isEqualTo("2");
      assertThat(rows.get(1).get(1))
          .isEqualTo(
              "total '1.00005' has 5 decimals: sales history keeps amounts exactly to 4 and"
                  + " never rounds them");
    }
    assertThat(decimal("SELECT sum(total) FROM sales_history")).isEqualByComparingTo("1.0001");
    assertThat(decimal("SELECT gross FROM sales_analytics_daily WHERE day = '2026-04-01'"))
        .isEqualByComparingTo("1.0001");
    assertThat(decimal("SELECT revenue FROM product_performance WHERE day = '2026-04-01'"))
        .isEqualByComparingTo("1.0001");
  }

  @Test
  void thousandsOfUnreadableRowsComeOutInFileOrderAndThoseTheDatabaseRejectsAfterThem()
      throws Exception {
    Path file = dir.resolve("many-bad.csv");
    List<String> lines = new ArrayList<>();
    lines.add("receipt_id,line,sold_at,sku,quantity,unit_price,tax,total");
    List<Long> unreadable = new ArrayList<>();
    List<Long> unknown = new ArrayList<>();
    int good = 0;
    for (int i = 0; i < 6_000; i++) {
      long lineNo = i + 2;
      if (i % 3 == 0) {
        lines.add("U" + i + ",1,2026-05-01T10:00:00,MUG,x,4.99,0.80,4.99");
        unreadable.add(lineNo);
      } else if (i % 7 == 0) {
        lines.add("U" + i + ",1,2026-05-01T10:00:00,NOPE,1,4.99,0.80,4.99");
        unknown.add(lineNo);
      } else {
        lines.add("U" + i + ",1,2026-05-01T10:00:00,MUG,1,4.99,0.80,4.99");
        good++;
      }
    }
    Files.write(file, lines);
    Path rejects = dir.resolve("rejects.csv");

    CliRun r = importSales(file.toString(), "--rejects", rejects.toString());

    assertThat(r.code()).as(r.toString()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(r.out())
        .contains(
            "imported "
                + good
                + ", rejected "
                + (unreadable.size() + unknown.size())
                + ", skipped 0");
    List<CSVRecord> rows;
    try (CSVParser p = CSVParser.parse(rejects, StandardCharsets.UTF_8, CSVFormat.DEFAULT)) {
      rows = p.getRecords().subList(1, unreadable.size() + unknown.size() + 1);
    }
    List<Long> expected = new ArrayList<>(unreadable);
    expected.addAll(unknown);
    assertThat(rows).extracting(x -> Long.parseLong(x.get(0))).containsExactlyElementsOf(expected);
    assertThat(rows.subList(0, unreadable.size()))
        .allSatisfy(x -> assertThat(x.get(1)).isEqualTo("quantity 'x' is not a number"));
    assertThat(rows.subList(unreadable.size(), rows.size()))
        .allSatisfy(
            x -> {
              assertThat(x.get(1)).isEqualTo("unknown SKU NOPE");
              assertThat(x.get(2)).isEqualTo("U" + (Long.parseLong(x.get(0)) - 2));
            });
    assertThat(r.err()).contains("line 2: quantity 'x' is not a number");
    assertThat(count("SELECT count(*) FROM sales_history")).isEqualTo(good);
  }

  @Test
  void anotherPosLayoutImportsThroughMapAloneAndTheDailyReportShowsItsTotals() throws Exception {
    Path file = Path.of(resource("other-pos-sales.csv"));
    CliRun r = importSales(file.toString(), "--delimiter", ";", "--map", GERMAN_MAP);

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("imported 9, rejected 0, skipped 0 (already imported) in ");
    assertThat(r.err()).contains("ignoring columns Kasse");
    Map<LocalDate, Day> expected = expectedDays(file, ';');
    assertThat(expected.keySet())
        .containsExactly(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-03"));
    assertReportMatches(expected);

    // the same through the engine, and the products: MUG twice on B-1005 is one sale of MUG
    List<DailySales> days = daily(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-03"));
    assertThat(days).extracting(DailySales::sales).containsExactly(3L, 2L);
    assertThat(days.get(0).gross().amount()).isEqualByComparingTo("79.76");
    List<ProductPerformance> products =
        engine
            .analytics()
            .products(STORE, LocalDate.parse("2026-03-03"), LocalDate.parse("2026-03-03"));
    ProductPerformance mug =
        products.stream().filter(p -> p.sku().equals("MUG")).findFirst().orElseThrow();
    assertThat(mug.sales()).isEqualTo(1);
    assertThat(mug.units()).isEqualByComparingTo("6");
    assertThat(mug.revenue().amount()).isEqualByComparingTo("29.94");

    // kept as recorded: the discount, the tax, the instant; no fiscal documents, stock untouched
    db.jdbi()
        .useHandle(
            h -> {
              Map<String, Object> row =
                  h.createQuery(
                          "SELECT * FROM sales_history WHERE source_receipt_id = 'B-1004'"
                              + " AND line = 1")
                      .mapToMap()
                      .one();
              assertThat((BigDecimal) row.get("discount")).isEqualByComparingTo("2.00");
              assertThat((BigDecimal) row.get("tax")).isEqualByComparingTo("2.87");
              assertThat(row.get("day").toString()).isEqualTo("2026-03-03");
            });
    assertThat(count("SELECT count(*) FROM sales_history")).isEqualTo(9);
    assertThat(count("SELECT count(*) FROM fiscal_journal")).isZero();
    assertThat(count("SELECT count(*) FROM invoices")).isZero();
    assertThat(engine.stock().ledger().level(StockKey.floor(STORE, Sku.of("MUG"))).onHand())
        .isEqualByComparingTo(DemoStore.OPENING_STOCK.get("MUG"));

    // --map-file works the same; a re-run adds nothing: all skipped, report unchanged
    CliRun again =
        importSales(
            file.toString(), "--delimiter", ";", "--map-file", resource("other-pos-sales.map"));
    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(again.out()).contains("imported 0, rejected 0, skipped 9 (already imported)");
    assertReportMatches(expected);
    assertThat(count("SELECT count(*) FROM sales_history")).isEqualTo(9);
  }

  @Test
  void aLaterFileWithMoreLinesOfAKnownReceiptAddsTheLinesButNoSecondSale() throws Exception {
    Path file = Path.of(resource("other-pos-sales.csv"));
    assertThat(importSales(file.toString(), "--delimiter", ";", "--map", GERMAN_MAP).code())
        .isZero();
    Path more = dir.resolve("more.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.add("B-1005;4;2026-03-03 10:00:00;CAKE;1;9.90;0;0.65;9.90;EUR;K2");
    Files.write(more, lines);

    CliRun r = importSales(more.toString(), "--delimiter", ";", "--map", GERMAN_MAP);

    assertThat(r.out()).as(r.toString()).contains("imported 1, rejected 0, skipped 9");
    DailySales day = daily(LocalDate.parse("2026-03-03"), LocalDate.parse("2026-03-03")).get(0);
    assertThat(day.sales()).isEqualTo(2);
    assertThat(day.gross().amount()).isEqualByComparingTo("77.82");
    assertReportMatches(expectedDays(more, ';'));
  }

  @Test
  void brokenRowsAreRejectedWithLineAndReasonWhileGoodRowsImport() throws Exception {
    Path rejects = dir.resolve("rejects.csv");
    CliRun r = importSales(resource("broken-sales.csv"), "--rejects", rejects.toString());

    assertThat(r.code()).as(r.toString()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(r.out()).contains("imported 2, rejected 8, skipped 0");
    List<CSVRecord> rows;
    try (CSVParser p = CSVParser.parse(rejects, StandardCharsets.UTF_8, CSVFormat.DEFAULT)) {
      rows = p.getRecords();
    }
    assertThat(rows.get(0).toList())
        .containsExactly(
            "line",
            "reason",
            "receipt_id",
            "line",
            "sold_at",
            "sku",
            "quantity",
            "unit_price",
            "discount",
            "tax",
            "total",
            "currency");
    Map<String, String> reason = new TreeMap<>();
    rows.subList(1, rows.size()).forEach(x -> reason.put(x.get(0), x.get(1)));
    assertThat(reason.keySet()).containsExactlyInAnyOrder("3", "4", "5", "6", "7", "8", "9", "10");
    assertThat(reason.get("3")).isEqualTo("unknown SKU NOPE");
    assertThat(reason.get("4")).isEqualTo("quantity must be positive, was -1");
    assertThat(reason.get("5"))
        .startsWith("total 18.99 is not quantity x unit_price - discount")
        .contains("19.99");
    assertThat(reason.get("6")).isEqualTo("has 8 columns, the header has 10");
    assertThat(reason.get("7")).startsWith("sold_at '2026-13-45T10:10:00' is not a date-time");
    assertThat(reason.get("8")).isEqualTo("duplicate receipt R1 line 1: already on line 2");
    assertThat(reason.get("9")).isEqualTo("currency USD is not the store's (EUR)");
    assertThat(reason.get("10")).isEqualTo("quantity 'two' is not a number");
    // the original columns come along
    CSVRecord unknown = rows.stream().filter(x -> x.get(0).equals("3")).findFirst().orElseThrow();
    assertThat(unknown.get(5)).isEqualTo("NOPE");
    assertThat(r.err()).contains("line 3: unknown SKU NOPE");

    assertThat(count("SELECT count(*) FROM sales_history")).isEqualTo(2);
    DailySales day = daily(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-02")).get(0);
    assertThat(day.sales()).isEqualTo(2);
    assertThat(day.gross().amount()).isEqualByComparingTo("15.98");
  }

  @Test
  void aDryRunChangesNothing() throws Exception {
    CliRun r =
        importSales(
            resource("other-pos-sales.csv"),
            "--delimiter",
            ";",
            "--map",
            GERMAN_MAP,
            "--move-stock",
            "--dry-run");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("dry run, nothing changed: would have imported 9, rejected 0, skipped 0");
    assertThat(count("SELECT count(*) FROM sales_history")).isZero();
    assertThat(count("SELECT count(*) FROM sales_analytics_daily")).isZero();
    assertThat(count("SELECT count(*) FROM product_performance")).isZero();
    assertThat(count("SELECT count(*) FROM stock_movements WHERE reason = 'SALE'")).isZero();
    assertThat(daily(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"))).isEmpty();
  }

  @Test
  void moveStockBooksEachLineOnceAsASale() throws Exception {
    String file = resource("other-pos-sales.csv");
    CliRun r = importSales(file, "--delimiter", ";", "--map", GERMAN_MAP, "--move-stock");
    assertThat(r.code()).as(r.toString()).isZero();

    StockKey mug = StockKey.floor(STORE, Sku.of("MUG"));
    StockKey gouda = StockKey.floor(STORE, Sku.of("GOUDA"));
    assertThat(engine.stock().ledger().level(mug).onHand()).isEqualByComparingTo("43"); // 50-7
    assertThat(engine.stock().ledger().level(gouda).onHand()).isEqualByComparingTo("9.544");
    assertThat(engine.stock().ledger().movements(mug))
        .filteredOn(m -> m.reference().startsWith("history:"))
        .extracting(m -> m.reference() + " " + m.change().stripTrailingZeros().toPlainString())
        .containsExactly("history:B-1001:2 -1", "history:B-1005:1 -4", "history:B-1005:3 -2");

    CliRun again = importSales(file, "--delimiter", ";", "--map", GERMAN_MAP, "--move-stock");
    assertThat(again.out()).contains("imported 0, rejected 0, skipped 9");
    assertThat(engine.stock().ledger().level(mug).onHand()).isEqualByComparingTo("43");
    assertThat(count("SELECT count(*) FROM stock_movements WHERE reference LIKE 'history:%'"))
        .isEqualTo(9);
  }

  @Test
  void twoHundredThousandRowsStreamThroughCopy() throws Exception {
    Path file = dir.resolve("big.csv");
    String[] skus = {"TEE-M", "TEE-L", "MUG", "COFFEE", "GOUDA", "CAKE"};
    String[] prices = {"19.99", "19.99", "4.99", "6.49", "12.99", "9.90"};
    int rows = 200_000;
    int linesPerReceipt = 4;
    BigDecimal gross = BigDecimal.ZERO;
    Map<LocalDate, BigDecimal> grossByDay = new TreeMap<>();
    LocalDateTime start = LocalDateTime.parse("2025-01-01T08:00:00");
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("Bon-Nr;Pos;Datum;Artikel;Menge;Einzelpreis;Rabatt;MwSt;Summe;Waehrung\n");
      for (int i = 0; i < rows; i++) {
        int receipt = i / linesPerReceipt;
        int k = i % skus.length;
        int qty = 1 + i % 3;
        BigDecimal total = new BigDecimal(prices[k]).multiply(BigDecimal.valueOf(qty));
        BigDecimal tax =
            total
                .multiply(new BigDecimal("19"))
                .divide(new BigDecimal("119"), 2, RoundingMode.HALF_UP);
        // 500 receipts a day, 100 days
        LocalDateTime at = start.plusDays(receipt / 500).plusSeconds(60L * (receipt % 500));
        w.write(
            String.format(
                Locale.ROOT,
                "R%07d;%d;%s;%s;%d;%s;0;%s;%s;EUR\n",
                receipt,
                i % linesPerReceipt + 1,
                at,
                skus[k],
                qty,
                prices[k],
                tax.toPlainString(),
                total.toPlainString()));
        gross = gross.add(total);
        grossByDay.merge(at.toLocalDate(), total, BigDecimal::add);
      }
    }

    long t0 = System.nanoTime();
    CliRun r = importSales(file.toString(), "--delimiter", ";", "--map", GERMAN_MAP);
    double seconds = (System.nanoTime() - t0) / 1e9;

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("imported 200000, rejected 0, skipped 0");
    System.out.printf(
        Locale.ROOT,
        "import sales: %d rows in %.2f s = %.0f rows/s (command said: %s)%n",
        rows,
        seconds,
        rows / seconds,
        r.out().strip());
    List<DailySales> days = daily(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-12-31"));
    assertThat(days).hasSize(100).allSatisfy(d -> assertThat(d.sales()).isEqualTo(500));
    assertThat(days.stream().map(d -> d.gross().amount()).reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo(gross);
    assertThat(days.get(0).gross().amount())
        .isEqualByComparingTo(grossByDay.get(LocalDate.parse("2025-01-01")));

    long t1 = System.nanoTime();
    CliRun again = importSales(file.toString(), "--delimiter", ";", "--map", GERMAN_MAP);
    System.out.printf(
        Locale.ROOT, "import sales again (all skipped): %.2f s%n", (System.nanoTime() - t1) / 1e9);
    assertThat(again.out()).contains("imported 0, rejected 0, skipped 200000");
    assertThat(count("SELECT sum(sales_count) FROM sales_analytics_daily")).isEqualTo(50_000);
  }

  private Map<String, Object> historyRow(String receipt, int line) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT unit_price, discount, tax, total, day::text AS day,"
                            + " to_char(sold_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US')"
                            + " AS at FROM sales_history WHERE source_receipt_id = :r AND line = :l")
                    .bind("r", receipt)
                    .bind("l", line)
                    .mapToMap()
                    .one());
  }

  @Test
  void aLineWithoutUnitPriceOrTaxGetsThemDerivedAndATaxFromItsSkusRate() throws Exception {
    Path file = dir.resolve("derived.csv");
    Files.write(
        file,
        List.of(
            "receipt_id,line,sold_at,sku,quantity,total,discount_rate",
            "D1,1,2026-04-01,MUG,3,12.7245,15%",
            "D1,2,2026-04-01,COFFEE,2,11.6820,0.1",
            "D2,1,2026-04-02,TEE-M,1,19.99,",
            "D3,1,2026-04-02,MUG,1,4.99,15",
            "D4,1,2026-04-02,MUG,1,4.99,120%",
            "D5,1,2026-04-02,MUG,1,0.00,100%"));
    Path rejects = dir.resolve("rejects.csv");

    CliRun r = importSales(file.toString(), "--rejects", rejects.toString());

    assertThat(r.code()).as(r.toString()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(r.out()).contains("imported 3, rejected 3, skipped 0");
    // 12.7245 after 15% off: discount 12.7245 × 0.15 / 0.85 = 2.2455, unit price
    // (12.7245 + 2.2455) / 3 = 4.99; tax of 12.72 gross at 19%: 12.72 − 12.72 / 1.19 = 2.03
    Map<String, Object> mug = historyRow("D1", 1);
    assertThat((BigDecimal) mug.get("discount")).isEqualByComparingTo("2.2455");
    assertThat((BigDecimal) mug.get("unit_price")).isEqualByComparingTo("4.99");
    assertThat((BigDecimal) mug.get("tax")).isEqualByComparingTo("2.03");
    assertThat(mug.get("day")).isEqualTo("2026-04-01");
    assertThat(mug.get("at")).isEqualTo("2026-03-31T22:00:00.000000"); // midnight in Berlin
    // coffee at 7%: 11.682 / 0.9 = 12.98, discount 1.298 → 1.2980, unit price 6.49;
    // tax of 11.68: 11.68 − 11.68 / 1.07 = 0.7641... = 0.76
    Map<String, Object> coffee = historyRow("D1", 2);
    assertThat((BigDecimal) coffee.get("discount")).isEqualByComparingTo("1.298");
    assertThat((BigDecimal) coffee.get("unit_price")).isEqualByComparingTo("6.49");
    assertThat((BigDecimal) coffee.get("tax")).isEqualByComparingTo("0.76");
    // no rate: no discount; 19.99 − 19.99 / 1.19 = 3.1916... = 3.19
    Map<String, Object> tee = historyRow("D2", 1);
    assertThat((BigDecimal) tee.get("discount")).isEqualByComparingTo("0");
    assertThat((BigDecimal) tee.get("unit_price")).isEqualByComparingTo("19.99");
    assertThat((BigDecimal) tee.get("tax")).isEqualByComparingTo("3.19");

    List<CSVRecord> rows;
    try (CSVParser p = CSVParser.parse(rejects, StandardCharsets.UTF_8, CSVFormat.DEFAULT)) {
      rows = p.getRecords();
    }
    assertThat(rows.subList(1, rows.size()))
        .extracting(x -> x.get(0) + " " + x.get(1))
        .containsExactly(
            "5 discount_rate '15' is more than 1: write a fraction (0.15) or a percentage (15%)",
            "6 discount_rate '120%' is not between 0 and 100%",
            "7 a discount_rate of 100% leaves no price to derive unit_price from: give unit_price");
  }

  @Test
  void aRateWithAUnitPriceDiscountsThePriceAndBothADiscountAndARateAreRefused() throws Exception {
    Path file = dir.resolve("rate.csv");
    Files.write(
        file,
        List.of(
            "receipt_id,line,sold_at,sku,quantity,unit_price,total,discount,discount_rate",
            // 2 × 4.99 = 9.98, 15% of it 1.497, total 8.483; tax of 8.48 at 19% = 1.35
            "E1,1,2026-04-03T10:00:00,MUG,2,4.99,8.483,,0.15",
            "E2,1,2026-04-03T10:00:00,MUG,2,4.99,8.483,1.497,0.15"));

    CliRun r = importSales(file.toString());

    assertThat(r.code()).as(r.toString()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(r.err()).contains("line 3: discount and discount_rate are both given: give one");
    Map<String, Object> row = historyRow("E1", 1);
    assertThat((BigDecimal) row.get("discount")).isEqualByComparingTo("1.497");
    assertThat((BigDecimal) row.get("tax")).isEqualByComparingTo("1.35");
  }

  @Test
  void aDefaultFillsAFieldTheFileLacksAndTaxZeroIsKeptAsZero() throws Exception {
    Path file = dir.resolve("no-tax.csv");
    Files.write(
        file,
        List.of(
            "Order,Row,Date,Item,Qty,Amount", "F1,1,2026-04-04,MUG,1,4.99", "F1,2,,MUG,1,4.99"));

    CliRun r =
        importSales(
            file.toString(),
            "--map",
            "Order=receipt_id,Row=line,Date=sold_at,Item=sku,Qty=quantity,Amount=total",
            "--default",
            "tax=0",
            "--default",
            "sold_at=2026-04-05");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat((BigDecimal) historyRow("F1", 1).get("tax")).isEqualByComparingTo("0");
    assertThat(historyRow("F1", 2).get("day")).isEqualTo("2026-04-05"); // blank: the default
  }

  @Test
  void aDateFormatOfItsOwnReadsLocalTimesInTheStoresZoneAndGapsMoveForward() throws Exception {
    Path file = dir.resolve("pattern.csv");
    Files.write(
        file,
        List.of(
            "receipt_id,line,sold_at,sku,quantity,unit_price,tax,total",
            "G1,1,29.03.2026 02:30,MUG,1,4.99,0.80,4.99",
            "G2,1,25.10.2026 02:30,MUG,1,4.99,0.80,4.99",
            "G3,1,01.04.2026,MUG,1,4.99,0.80,4.99",
            "G4,1,2026-04-01T10:00:00,MUG,1,4.99,0.80,4.99"));

    CliRun r = importSales(file.toString(), "--date-format", "dd.MM.yyyy[ HH:mm]");

    assertThat(r.code()).as(r.toString()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(historyRow("G1", 1).get("at")).isEqualTo("2026-03-29T01:30:00.000000");
    assertThat(historyRow("G2", 1).get("at")).isEqualTo("2026-10-25T00:30:00.000000");
    assertThat(historyRow("G3", 1).get("at")).isEqualTo("2026-03-31T22:00:00.000000");
    assertThat(r.err())
        .contains(
            "line 5: sold_at '2026-04-01T10:00:00' is not a date as --date-format"
                + " 'dd.MM.yyyy[ HH:mm]' writes it");
  }

  @Test
  void nanosecondsInTheFileAreStoredTruncatedToMicroseconds() throws Exception {
    Path file = dir.resolve("nanos.csv");
    Files.write(
        file,
        List.of(
            "receipt_id,line,sold_at,sku,quantity,unit_price,tax,total",
            // PostgreSQL would round .1234567 up to .123457; the engine truncates
            "H1,1,2026-04-01T10:00:00.1234567Z,MUG,1,4.99,0.80,4.99"));

    CliRun r = importSales(file.toString());

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(historyRow("H1", 1).get("at")).isEqualTo("2026-04-01T10:00:00.123456");
  }

  @Test
  void aDefaultForAFieldOfNoSuchNameOrAMissingColumnIsAUsageErrorThatSaysWhatToDo()
      throws Exception {
    Path file = dir.resolve("short.csv");
    Files.write(file, List.of("receipt_id,line,sold_at,sku,quantity", "A,1,2026-04-01,MUG,1"));

    CliRun unknown = importSales(file.toString(), "--default", "price=1");
    CliRun missing = importSales(file.toString());
    CliRun badPattern = importSales(file.toString(), "--date-format", "dd.MM.yyyy {");

    assertThat(unknown.code()).isEqualTo(Retail.USAGE);
    assertThat(unknown.err()).contains("--default price: not a field of this import");
    assertThat(missing.code()).isEqualTo(Retail.USAGE);
    assertThat(missing.err())
        .contains("the file has no column for total")
        .contains("or give a value with --default total=VALUE");
    assertThat(badPattern.code()).isEqualTo(Retail.USAGE);
    assertThat(badPattern.err()).contains("--date-format 'dd.MM.yyyy {' is not a date pattern");
    assertThat(count("SELECT count(*) FROM sales_history")).isZero();
  }
}
