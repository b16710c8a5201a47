package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.ProductId;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.TestDatabase;
import java.io.BufferedWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export in the shape real ones have, generated here: a catalogue export (product id, category
 * names that are no ids, Unicode names, one product id under two names, a VAT column blank for most
 * rows) and an order-lines export (order and line ids, order dates without a time, four-decimal
 * line totals after a discount rate, an order listing one product twice, 5,000 lines, no unit price
 * and no tax). Both import by {@code --map}, {@code --default} and {@code --create-categories}
 * alone, and the daily-sales report shows, day by day, what this test adds up from the file itself
 * (exact sums, rounded half-up to cents once at the end).
 */
class ImportRealExportIT {

  /** The generator's seed: a failure names it, and the same seed makes the same files. */
  private static final long SEED = 20161108L;

  private static final int LINES = 5_000;

  private static final String[] CATEGORIES = {
    "Office Supplies", "Furniture", "Technology", "Home & Kitchen", "Café & Bar"
  };

  private static final String[] WORDS = {
    "Crème brûlée", "Ølglass", "Tee 茶", "Ñandú", "Smørrebrød", "Çay", "Zürich", "Łódź",
    "Ελιά", "Кофе", "Kaffee", "Desk", "Chair", "Lamp", "Binder", "Cable"
  };

  @TempDir Path dir;

  private PostgresDatabase db;
  private Map<String, String> env;
  private RetailEngine engine;

  @BeforeEach
  void setUp() {
    db = TestDatabase.fresh();
    env = CliRun.env(db);
    engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
    DemoStore.seed(engine);
  }

  /** A product of the generated catalogue. */
  private record Item(String id, String name, String category, String vat, BigDecimal price) {}

  /** A generated order line, as the test reads it back from the file. */
  private record Line(
      String order, LocalDate day, String product, int quantity, BigDecimal total, String rate) {}

  @Test
  void productsAndHistoryImportByMappingAloneAndTheDailyReportMatchesTheFileToTheCent()
      throws Exception {
    Random random = new Random(SEED);
    List<Item> items = catalogue(random);
    Path products = dir.resolve("products.csv");
    String renamed = writeProducts(products, items);
    Path orders = dir.resolve("order-lines.csv");
    writeOrders(orders, items, random);

    // the catalogue: one column fills two fields, a blank VAT column gets the default, the
    // category names become categories
    Path productRejects = dir.resolve("product-rejects.csv");
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
            "Product ID=product_id,Product ID=sku,Product Name=name,VAT=tax_category",
            "--default",
            "tax_category=standard",
            "--create-categories",
            "--rejects",
            productRejects.toString());

    String seed = "seed " + SEED + ": ";
    // the product id under a second name is the one row rejected: exit 1, and the file says why
    assertThat(p.code()).as(seed + p).isEqualTo(Retail.DISCREPANCIES);
    assertThat(p.out())
        .as(seed + p)
        .contains("imported " + items.size() + ", rejected 1, skipped 0")
        .contains(
            "created 5 categories: Furniture, Technology, cafe-bar, home-kitchen,"
                + " office-supplies");
    List<CSVRecord> rejected = records(productRejects);
    assertThat(rejected).hasSize(2);
    assertThat(rejected.get(1).get(0)).isEqualTo(String.valueOf(items.size() + 2));
    assertThat(rejected.get(1).get(1))
        .isEqualTo("duplicate SKU " + renamed + ": already on line " + lineOf(items, renamed));
    assertThat(
            engine.catalog().categories().find(CategoryId.of("home-kitchen")).orElseThrow().name())
        .isEqualTo("Home & Kitchen");
    Item food = items.stream().filter(i -> !i.vat().isEmpty()).findFirst().orElseThrow();
    assertThat(engine.catalog().product(ProductId.of(food.id())).orElseThrow().taxCategory())
        .isEqualTo(TaxCategory.of("reduced"));
    assertThat(engine.catalog().product(ProductId.of(items.get(0).id())).orElseThrow().name())
        .isEqualTo(items.get(0).name());

    // the history: no unit price, no tax, a date alone, a discount rate
    String map =
        "Order ID=receipt_id,Row ID=line,Order Date=sold_at,Product ID=sku,Sales=total,"
            + "Discount=discount_rate,Customer ID=customer_id";
    Path historyRejects = dir.resolve("history-rejects.csv");
    long started = System.nanoTime();
    CliRun h =
        CliRun.run(
            env,
            "import",
            "sales",
            "--store",
            "demo",
            "--quiet",
            orders.toString(),
            "--map",
            map,
            "--rejects",
            historyRejects.toString());
    System.out.printf(
        Locale.ROOT,
        "import sales of a generated export: %d lines in %.2f s (%s)%n",
        LINES,
        (System.nanoTime() - started) / 1e9,
        h.out().strip());
    assertThat(h.code()).as(seed + h).isZero();
    assertThat(h.out()).contains("imported " + LINES + ", rejected 0, skipped 0");
    assertThat(h.err()).contains("ignoring columns Ship Date, Product Name");

    List<Line> lines = read(orders);
    Map<LocalDate, Set<String>> ordersByDay = new TreeMap<>();
    Map<LocalDate, BigDecimal> grossByDay = new TreeMap<>();
    Map<LocalDate, Long> unitsByDay = new TreeMap<>();
    for (Line l : lines) {
      ordersByDay.computeIfAbsent(l.day(), d -> new HashSet<>()).add(l.order());
      grossByDay.merge(l.day(), l.total(), BigDecimal::add);
      unitsByDay.merge(l.day(), (long) l.quantity(), Long::sum);
    }
    assertThat(lines.stream().anyMatch(l -> l.total().scale() == 4)).isTrue();
    assertThat(lines.stream().filter(l -> l.order().equals(lines.get(0).order())).count())
        .isGreaterThanOrEqualTo(1);
    Map<String, Long> linesOfOrderAndProduct = new HashMap<>();
    lines.forEach(l -> linesOfOrderAndProduct.merge(l.order() + " " + l.product(), 1L, Long::sum));
    assertThat(linesOfOrderAndProduct.values()).contains(2L); // an order lists a product twice

    // what the import stored: each day's exact sums, and a line's derived figures
    db.jdbi()
        .useHandle(
            x -> {
              x.execute("SELECT set_config('app.store_ids', 'demo', false)");
              Map<LocalDate, BigDecimal> stored = new TreeMap<>();
              Map<LocalDate, Long> receipts = new TreeMap<>();
              x.createQuery(
                      "SELECT day, sum(total), count(DISTINCT source_receipt_id) FROM sales_history"
                          + " GROUP BY day")
                  .map(
                      (rs, ctx) -> {
                        LocalDate d = rs.getObject(1, LocalDate.class);
                        stored.put(d, rs.getBigDecimal(2));
                        receipts.put(d, rs.getLong(3));
                        return d;
                      })
                  .list();
              assertThat(stored.keySet()).isEqualTo(grossByDay.keySet());
              grossByDay.forEach(
                  (d, g) -> assertThat(stored.get(d)).as(seed + d).isEqualByComparingTo(g));
              ordersByDay.forEach(
                  (d, o) -> assertThat(receipts.get(d)).as(seed + d).isEqualTo(o.size()));
            });
    Line discounted =
        lines.stream()
            .filter(l -> !l.rate().equals("0") && l.total().scale() == 4)
            .findFirst()
            .orElseThrow();
    BigDecimal rate = new BigDecimal(discounted.rate());
    // discount = total × r / (1 − r), unit price = (total + discount) / quantity, each to four
    // decimals half-up; tax = the gross total at cents, 19% or 7% of it extracted
    BigDecimal discount =
        discounted
            .total()
            .multiply(rate)
            .divide(BigDecimal.ONE.subtract(rate), 4, RoundingMode.HALF_UP);
    BigDecimal unitPrice =
        discounted
            .total()
            .add(discount)
            .divide(BigDecimal.valueOf(discounted.quantity()), 4, RoundingMode.HALF_UP);
    Item item =
        items.stream().filter(i -> i.id().equals(discounted.product())).findFirst().orElseThrow();
    BigDecimal vat = new BigDecimal(item.vat().isEmpty() ? "0.19" : "0.07");
    BigDecimal cents = discounted.total().setScale(2, RoundingMode.HALF_UP);
    BigDecimal tax =
        cents
            .subtract(cents.divide(BigDecimal.ONE.add(vat), 20, RoundingMode.HALF_UP))
            .setScale(2, RoundingMode.HALF_UP);
    Map<String, Object> row =
        db.jdbi()
            .withHandle(
                x -> {
                  x.execute("SELECT set_config('app.store_ids', 'demo', false)");
                  return x.createQuery(
                          "SELECT unit_price, discount, tax, sold_at::text AS at FROM sales_history"
                              + " WHERE source_receipt_id = :o AND sku = :s LIMIT 1")
                      .bind("o", discounted.order())
                      .bind("s", discounted.product())
                      .mapToMap()
                      .one();
                });
    assertThat((BigDecimal) row.get("discount")).isEqualByComparingTo(discount);
    assertThat((BigDecimal) row.get("unit_price")).isEqualByComparingTo(unitPrice);
    assertThat((BigDecimal) row.get("tax")).as(seed + discounted).isEqualByComparingTo(tax);

    // a second run adds nothing
    CliRun again =
        CliRun.run(
            env, "import", "sales", "--store", "demo", "--quiet", orders.toString(), "--map", map);
    assertThat(again.out()).contains("imported 0, rejected 0, skipped " + LINES);

    // the report, day by day, to the cent
    LocalDate from = grossByDay.keySet().iterator().next();
    LocalDate to = ((TreeMap<LocalDate, BigDecimal>) grossByDay).lastKey();
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
    assertThat(report.code()).as(seed + report).isZero();
    JsonNode rows = new ObjectMapper().readTree(report.out());
    Map<String, JsonNode> byDay = new HashMap<>();
    rows.forEach(r -> byDay.put(r.get("day").asText(), r));
    BigDecimal all = BigDecimal.ZERO;
    for (Map.Entry<LocalDate, BigDecimal> e : grossByDay.entrySet()) {
      JsonNode r = byDay.get(e.getKey().toString());
      assertThat(r).as(seed + "no row for " + e.getKey() + " in " + report.out()).isNotNull();
      assertThat(new BigDecimal(r.get("gross").asText()))
          .as(seed + e.getKey())
          .isEqualByComparingTo(e.getValue().setScale(2, RoundingMode.HALF_UP));
      assertThat(r.get("sales").asLong()).isEqualTo(ordersByDay.get(e.getKey()).size());
      assertThat(new BigDecimal(r.get("units").asText()))
          .isEqualByComparingTo(BigDecimal.valueOf(unitsByDay.get(e.getKey())));
      all = all.add(e.getValue());
    }
    assertThat(new BigDecimal(byDay.get("TOTAL").get("gross").asText()))
        .isEqualByComparingTo(all.setScale(2, RoundingMode.HALF_UP));
  }

  /** 40 products over the categories, Unicode names, a tenth of them food at the reduced rate. */
  private static List<Item> catalogue(Random random) {
    String[] prefixes = {"OFF-PA", "FUR-CH", "TEC-AC", "HOM-KI", "CAF-BA"};
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      int c = i % CATEGORIES.length;
      String name =
          WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)] + " " + i;
      BigDecimal price = BigDecimal.valueOf(99 + random.nextInt(40_000), 2);
      String vat = c == 4 && i % 2 == 0 ? "reduced" : "";
      items.add(
          new Item(prefixes[c] + "-" + (10_001_000 + i * 37), name, CATEGORIES[c], vat, price));
    }
    return items;
  }

  /** Writes the catalogue export, then one product id again under another name; returns that id. */
  private static String writeProducts(Path file, List<Item> items) throws Exception {
    try (CSVPrinter out =
        new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), CSVFormat.DEFAULT)) {
      out.printRecord(
          "Product ID", "Category", "Sub-Category", "Product Name", "VAT", "List Price");
      for (Item i : items) {
        out.printRecord(i.id(), i.category(), "Misc", i.name(), i.vat(), i.price());
      }
      Item twice = items.get(7);
      out.printRecord(twice.id(), twice.category(), "Misc", "Renamed: " + twice.name(), "", "1.00");
      return twice.id();
    }
  }

  private static long lineOf(List<Item> items, String id) {
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).id().equals(id)) {
        return i + 2;
      }
    }
    throw new AssertionError(id);
  }

  /**
   * Writes {@link #LINES} order lines: orders of 1 to 6 lines on days from October to December 2016
   * (across the end of summer time), totals = price × quantity × (1 − rate) to four decimals, one
   * order with one product on two lines.
   */
  private static void writeOrders(Path file, List<Item> items, Random random) throws Exception {
    String[] rates = {"0", "0", "0", "0.1", "0.15", "0.2", "0.3", "0.45"};
    LocalDate first = LocalDate.parse("2016-10-01");
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter out = new CSVPrinter(w, CSVFormat.DEFAULT)) {
      out.printRecord(
          "Row ID",
          "Order ID",
          "Order Date",
          "Ship Date",
          "Customer ID",
          "Product ID",
          "Product Name",
          "Quantity",
          "Sales",
          "Discount");
      int row = 0;
      int order = 0;
      while (row < LINES) {
        order++;
        LocalDate day = first.plusDays(random.nextInt(92));
        String orderId = "CA-2016-" + (100_000 + order * 7);
        int size =
            Math.min(order == 3 ? 2 + random.nextInt(5) : 1 + random.nextInt(6), LINES - row);
        for (int k = 0; k < size; k++) {
          Item item = items.get(random.nextInt(items.size()));
          if (order == 3 && k == 1) {
            item = items.get(0); // the order lists the first product on two lines
          }
          if (order == 3 && k == 0) {
            item = items.get(0);
          }
          int quantity = 1 + random.nextInt(9);
          String rate = rates[random.nextInt(rates.length)];
          BigDecimal total =
              item.price()
                  .multiply(BigDecimal.valueOf(quantity))
                  .multiply(BigDecimal.ONE.subtract(new BigDecimal(rate)))
                  .setScale(4, RoundingMode.HALF_UP);
          row++;
          out.printRecord(
              String.valueOf(row),
              orderId,
              day.toString(),
              day.plusDays(3).toString(),
              "CU-" + (1000 + random.nextInt(500)),
              item.id(),
              item.name(),
              String.valueOf(quantity),
              total.toPlainString(),
              rate);
        }
      }
    }
  }

  private static List<Line> read(Path file) throws Exception {
    List<Line> lines = new ArrayList<>();
    try (CSVParser p =
        CSVParser.parse(
            file,
            StandardCharsets.UTF_8,
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
      for (CSVRecord r : p) {
        lines.add(
            new Line(
                r.get("Order ID"),
                LocalDate.parse(r.get("Order Date")),
                r.get("Product ID"),
                Integer.parseInt(r.get("Quantity")),
                new BigDecimal(r.get("Sales")),
                r.get("Discount")));
      }
    }
    return lines;
  }

  private static List<CSVRecord> records(Path file) throws Exception {
    try (CSVParser p = CSVParser.parse(file, StandardCharsets.UTF_8, CSVFormat.DEFAULT)) {
      return p.getRecords();
    }
  }
}
