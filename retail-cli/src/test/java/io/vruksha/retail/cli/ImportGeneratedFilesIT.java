package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.ProductId;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.TestDatabase;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Generated files through the whole import, against PostgreSQL: product names in any script (with
 * the commas, quotes and line breaks CSV must quote) come back as written; sales lines with amounts
 * of up to four decimals, dates in a pattern of their own and discount rates as fractions or
 * percentages are stored with exactly the file's day sums and the derived unit prices the rule
 * gives. One database for all tries; each try uses ids of its own.
 */
class ImportGeneratedFilesIT {

  private static PostgresDatabase db;
  private static Map<String, String> env;
  private static RetailEngine engine;
  private static final AtomicInteger TRY = new AtomicInteger();

  private static synchronized void database() {
    if (db == null) {
      db = TestDatabase.fresh();
      env = CliRun.env(db);
      engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
      DemoStore.seed(engine);
    }
  }

  /** A generated sales line. */
  record Sale(LocalDate day, String sku, int quantity, BigDecimal total, String rate) {}

  @Property(tries = 8)
  void namesInAnyScriptAndAmountsWithUpToFourDecimalsImportExactly(
      @ForAll @Size(min = 1, max = 6) List<@From("names") String> names,
      @ForAll @Size(min = 1, max = 25) List<@From("sales") Sale> sales)
      throws Exception {
    database();
    int n = TRY.incrementAndGet();
    Path dir = Files.createTempDirectory("import-generated");

    Path products = dir.resolve("products.csv");
    try (CSVPrinter out =
        new CSVPrinter(
            Files.newBufferedWriter(products, StandardCharsets.UTF_8), CSVFormat.DEFAULT)) {
      out.printRecord("Item", "Title", "Group");
      for (int i = 0; i < names.size(); i++) {
        out.printRecord("T" + n + "-P" + i, names.get(i), "Groceries & More");
      }
    }
    CliRun p =
        CliRun.run(
            env,
            "import",
            "products",
            "--store",
            "demo",
            "--quiet",
            products.toString(),
            "--map",
            "Item=product_id,Item=sku,Title=name,Group=category",
            "--default",
            "tax_category=reduced",
            "--create-categories");
    assertThat(p.code()).as(p.toString()).isZero();
    for (int i = 0; i < names.size(); i++) {
      assertThat(engine.catalog().product(ProductId.of("T" + n + "-P" + i)).orElseThrow().name())
          .isEqualTo(names.get(i).strip());
    }

    Path file = dir.resolve("sales.csv");
    DateTimeFormatter dotted = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    Map<LocalDate, BigDecimal> byDay = new TreeMap<>();
    try (CSVPrinter out =
        new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), CSVFormat.DEFAULT)) {
      out.printRecord("receipt", "pos", "date", "item", "qty", "amount", "off");
      for (int i = 0; i < sales.size(); i++) {
        Sale s = sales.get(i);
        String sku = "T" + n + "-P" + (Math.abs(s.sku().hashCode()) % names.size());
        out.printRecord(
            "T" + n + "-R" + (i / 3),
            i % 3 + 1,
            dotted.format(s.day()),
            sku,
            s.quantity(),
            s.total().toPlainString(),
            s.rate());
        byDay.merge(s.day(), s.total(), BigDecimal::add);
      }
    }
    CliRun h =
        CliRun.run(
            env,
            "import",
            "sales",
            "--store",
            "demo",
            "--quiet",
            file.toString(),
            "--map",
            "receipt=receipt_id,pos=line,date=sold_at,item=sku,qty=quantity,amount=total,"
                + "off=discount_rate",
            "--date-format",
            "dd.MM.yyyy");
    assertThat(h.code()).as(h.toString()).isZero();
    assertThat(h.out()).contains("imported " + sales.size() + ", rejected 0");

    db.jdbi()
        .useHandle(
            x -> {
              x.execute("SELECT set_config('app.store_ids', 'demo', false)");
              Map<LocalDate, BigDecimal> stored = new TreeMap<>();
              x.createQuery(
                      "SELECT day, sum(total) FROM sales_history WHERE source_receipt_id LIKE :r"
                          + " GROUP BY day")
                  .bind("r", "T" + n + "-R%")
                  .map(
                      (rs, ctx) ->
                          stored.put(rs.getObject(1, LocalDate.class), rs.getBigDecimal(2)))
                  .list();
              assertThat(stored.keySet()).isEqualTo(byDay.keySet());
              byDay.forEach(
                  (d, g) -> assertThat(stored.get(d)).as(d.toString()).isEqualByComparingTo(g));
              List<BigDecimal> prices =
                  x.createQuery(
                          "SELECT unit_price FROM sales_history WHERE source_receipt_id LIKE :r"
                              + " ORDER BY source_receipt_id, line")
                      .bind("r", "T" + n + "-R%")
                      .mapTo(BigDecimal.class)
                      .list();
              List<BigDecimal> expected = new ArrayList<>();
              List<Integer> order = new ArrayList<>();
              for (int i = 0; i < sales.size(); i++) {
                order.add(i);
              }
              // the database orders receipt ids as text: T1-R10 before T1-R2
              order.sort(
                  (a, b) -> {
                    int c = ("T" + n + "-R" + (a / 3)).compareTo("T" + n + "-R" + (b / 3));
                    return c != 0 ? c : Integer.compare(a % 3, b % 3);
                  });
              for (int i : order) {
                Sale s = sales.get(i);
                BigDecimal rate =
                    s.rate().endsWith("%")
                        ? new BigDecimal(s.rate().substring(0, s.rate().length() - 1))
                            .movePointLeft(2)
                        : new BigDecimal(s.rate());
                // discount = total × r / (1 − r), unit price = (total + discount) / quantity
                BigDecimal discount =
                    s.total()
                        .multiply(rate)
                        .divide(BigDecimal.ONE.subtract(rate), 4, RoundingMode.HALF_UP);
                expected.add(
                    s.total()
                        .add(discount)
                        .divide(BigDecimal.valueOf(s.quantity()), 4, RoundingMode.HALF_UP));
              }
              assertThat(prices).usingElementComparator(BigDecimal::compareTo).isEqualTo(expected);
            });
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withCharRange('\u00C0', '\u024F') // Latin with accents
        .withCharRange('\u0391', '\u03C9') // Greek
        .withCharRange('\u0410', '\u044F') // Cyrillic
        .withCharRange('\u0600', '\u06FF') // Arabic
        .withCharRange('\u0900', '\u097F') // Devanagari
        .withCharRange('\u4E00', '\u4FFF') // CJK
        .withChars(' ', ',', '"', ';', '\n', '\'', '\\', '\t')
        .ofMinLength(1)
        .ofMaxLength(40)
        .filter(s -> !s.isBlank());
  }

  @Provide
  Arbitrary<Sale> sales() {
    Arbitrary<LocalDate> days =
        Arbitraries.integers().between(0, 364).map(d -> LocalDate.parse("2026-01-01").plusDays(d));
    Arbitrary<Integer> quantities = Arbitraries.integers().between(1, 50);
    Arbitrary<BigDecimal> totals =
        Arbitraries.longs()
            .between(0, 9_999_999)
            .flatMap(v -> Arbitraries.integers().between(0, 4).map(s -> BigDecimal.valueOf(v, s)));
    Arbitrary<String> rates =
        Arbitraries.oneOf(
            Arbitraries.just("0"),
            Arbitraries.integers()
                .between(0, 9999)
                .map(r -> BigDecimal.valueOf(r, 4).toPlainString()),
            Arbitraries.integers().between(0, 99).map(r -> r + "%"));
    Arbitrary<String> skus = Arbitraries.strings().alpha().ofLength(3);
    return Combinators.combine(days, skus, quantities, totals, rates).as(Sale::new);
  }
}
