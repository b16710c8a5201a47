package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.Barcode;
import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.ProductId;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.customer.CustomerId;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.CashRounding;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.UnitOfMeasure;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.TestDatabase;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.PriceListId;
import io.vruksha.retail.pricing.PricedBasket;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.tax.TaxJurisdiction;
import io.vruksha.retail.tax.TaxRate;
import io.vruksha.retail.tax.TaxRule;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code retail import} against a real PostgreSQL. */
class ImportCommandIT {

  private static final StoreId STORE = StoreId.of("s1");
  private static final Currency EUR = Currency.getInstance("EUR");

  @TempDir Path dir;

  private PostgresDatabase db;
  private RetailEngine engine;
  private Map<String, String> env;

  private record Run(int code, String out, String err) {}

  @BeforeEach
  void setUp() {
    db = TestDatabase.fresh();
    env = CliRun.env(db);
    engine = PostgresAdapters.use(db, RetailEngine.builder()).build();
    engine
        .stores()
        .save(
            new Store(
                STORE, "Import test store", EUR, ZoneId.of("Europe/Berlin"), CashRounding.NONE));
    engine
        .taxRules()
        .assign(
            STORE,
            TaxJurisdiction.builder("DE", "Germany")
                .pricesIncludeTax(true)
                .rule(
                    TaxRule.standard(
                        TaxCategory.of("standard"), TaxRate.of("DE19", "MwSt 19%", "0.19")))
                .rule(
                    TaxRule.standard(
                        TaxCategory.of("reduced"), TaxRate.of("DE7", "MwSt 7%", "0.07")))
                .build());
  }

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of("import"));
    all.addAll(List.of(args));
    all.add("--quiet");
    int code =
        Retail.commandLine(env, new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  private static String resource(String name) throws Exception {
    return Path.of(ImportCommandIT.class.getResource("/import/" + name).toURI()).toString();
  }

  private BigDecimal onHand(String sku) {
    return engine.stock().ledger().level(StockKey.floor(STORE, Sku.of(sku))).onHand();
  }

  private long count(String sql) {
    return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  private List<CSVRecord> rejects(Path file) throws Exception {
    try (CSVParser p =
        CSVParser.parse(file, StandardCharsets.UTF_8, CSVFormat.DEFAULT.builder().get())) {
      return p.getRecords();
    }
  }

  private void importCleanCatalogue() throws Exception {
    assertThat(run("products", "--store", "s1", resource("products.csv")).code()).isZero();
    assertThat(run("prices", "--store", "s1", resource("prices.csv")).code()).isZero();
  }

  @Test
  void cleanFilesImportAndTheProductsAreSellable() throws Exception {
    Run products = run("products", "--store", "s1", resource("products.csv"));
    assertThat(products.code()).as(products.err()).isZero();
    assertThat(products.out()).contains("imported 4, rejected 0, skipped 0 (already imported) in ");
    assertThat(products.out()).containsPattern("in \\d+\\.\\d s \\(\\d+ rows/s\\)");
    Run prices = run("prices", "--store", "s1", resource("prices.csv"));
    assertThat(prices.code()).as(prices.err()).isZero();
    assertThat(prices.out()).contains("imported 4, rejected 0, skipped 0");
    Run stock = run("stock", "--store", "s1", resource("stock.csv"));
    assertThat(stock.code()).as(stock.err()).isZero();
    assertThat(stock.out()).contains("imported 4, rejected 0, skipped 0");

    assertThat(engine.catalog().product(ProductId.of("tee")).orElseThrow().variants())
        .extracting(v -> v.sku().value())
        .containsExactly("TEE-M", "TEE-L");
    assertThat(engine.catalog().itemByBarcode(Barcode.parse("036000291452")).orElseThrow().sku())
        .isEqualTo(Sku.of("TEE-L"));
    assertThat(engine.catalog().item(Sku.of("GOUDA")).orElseThrow().unit())
        .isEqualTo(UnitOfMeasure.KILOGRAM);
    assertThat(engine.priceBook().list(PriceListId.of("retail")).orElseThrow().pricesIncludeTax())
        .isTrue();
    assertThat(onHand("TEE-M")).isEqualByComparingTo("20");
    assertThat(onHand("GOUDA")).isEqualByComparingTo("7.250");

    PricedBasket basket =
        engine.priceBasket(
            BasketRequest.builder(STORE).add("TEE-M", 2).scan("96385074").build(),
            Actor.cashier("anna"));
    assertThat(basket.total()).isEqualTo(Money.of("44.97", "EUR"));
    assertThat(basket.tax()).isEqualTo(Money.of("7.18", "EUR"));
  }

  @Test
  void brokenProductRowsAreRejectedWithLineAndReasonWhileGoodRowsImport() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(Files.readAllBytes(Path.of(resource("broken-products.csv"))));
    bytes.write("cafe,CAFE,Caf".getBytes(StandardCharsets.US_ASCII));
    bytes.write(new byte[] {(byte) 0xE9, (byte) 0x28}); // Latin-1 é, not UTF-8
    bytes.write(",kitchen,standard,ea,,ACTIVE\n".getBytes(StandardCharsets.US_ASCII));
    Path file = dir.resolve("broken-products.csv");
    Files.write(file, bytes.toByteArray());
    Path rejects = dir.resolve("rejects.csv");

    Run r = run("products", "--store", "s1", file.toString(), "--rejects", rejects.toString());

    assertThat(r.code()).as(r.err()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(r.out()).contains("imported 4, rejected 7, skipped 0");
    List<CSVRecord> rows = rejects(rejects);
    assertThat(rows.get(0).toList())
        .containsExactly(
            "line",
            "reason",
            "product_id",
            "sku",
            "name",
            "category",
            "tax_category",
            "unit",
            "barcode",
            "status");
    assertThat(rows.subList(1, rows.size()))
        .extracting(x -> x.get(0))
        .containsExactly("3", "4", "6", "7", "8", "10", "12");
    Map<String, String> reason = new HashMap<>();
    rows.subList(1, rows.size()).forEach(x -> reason.put(x.get(0), x.get(1)));
    assertThat(reason.get("3")).contains("not a valid barcode", "check digit should be 7, was 8");
    assertThat(reason.get("4")).isEqualTo("has 5 columns, the header has 8");
    assertThat(reason.get("6")).startsWith("malformed CSV (stray quote?)");
    assertThat(reason.get("7")).isEqualTo("duplicate SKU CUP: already on line 2");
    assertThat(reason.get("8")).contains("'bushel' is not a unit");
    assertThat(reason.get("10")).contains("never closed");
    assertThat(reason.get("12")).contains("not valid UTF-8");
    // the original columns travel with the reason
    assertThat(rows.get(1).toList())
        .containsExactly(
            "3",
            reason.get("3"),
            "bad",
            "BAD-EAN",
            "Bad barcode",
            "kitchen",
            "standard",
            "ea",
            "4000000001028",
            "ACTIVE");
    assertThat(r.err()).contains("line 3: ", "line 12: ");

    assertThat(count("SELECT count(*) FROM products")).isEqualTo(4);
    assertThat(engine.catalog().product(ProductId.of("plate")).orElseThrow().name())
        .isEqualTo("Plate, large");
    assertThat(engine.catalog().product(ProductId.of("quote")).orElseThrow().name())
        .isEqualTo("Stray \"quote\" here");
    assertThat(engine.catalog().item(Sku.of("BOWL"))).isPresent();
    assertThat(engine.catalog().item(Sku.of("CUP")).orElseThrow().name()).isEqualTo("Espresso cup");
  }

  @Test
  void pricesAndStockRejectUnknownSkusNegativeAmountsAndDuplicates() throws Exception {
    assertThat(run("products", "--store", "s1", resource("products.csv")).code()).isZero();
    Path priceRejects = dir.resolve("price-rejects.csv");
    Run prices =
        run(
            "prices",
            "--store",
            "s1",
            resource("broken-prices.csv"),
            "--rejects",
            priceRejects.toString());
    assertThat(prices.code()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(prices.out()).contains("imported 2, rejected 5, skipped 0");
    Map<String, String> reason = new HashMap<>();
    rejects(priceRejects).stream().skip(1).forEach(x -> reason.put(x.get(0), x.get(1)));
    assertThat(reason).containsOnlyKeys("3", "4", "5", "6", "8");
    assertThat(reason.get("3")).contains("a price must not be negative");
    assertThat(reason.get("4")).contains("unknown SKU GHOST");
    assertThat(reason.get("5")).contains("'XYZ' is not an ISO 4217 currency code");
    assertThat(reason.get("6"))
        .isEqualTo("duplicate price list retail, SKU TEE-M: already on line 2");
    assertThat(reason.get("8")).contains("'abc' is not a decimal amount");
    assertThat(count("SELECT count(*) FROM prices")).isEqualTo(2);
    BigDecimal teePrice =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT unit_price FROM prices WHERE sku = 'TEE-M'")
                        .mapTo(BigDecimal.class)
                        .one());
    assertThat(teePrice).isEqualByComparingTo("19.99");

    Path stockRejects = dir.resolve("stock-rejects.csv");
    Run stock =
        run(
            "stock",
            "--store",
            "s1",
            resource("broken-stock.csv"),
            "--rejects",
            stockRejects.toString());
    assertThat(stock.code()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(stock.out()).contains("imported 2, rejected 3, skipped 0");
    reason.clear();
    rejects(stockRejects).stream().skip(1).forEach(x -> reason.put(x.get(0), x.get(1)));
    assertThat(reason).containsOnlyKeys("3", "4", "5");
    assertThat(reason.get("3")).contains("unknown SKU GHOST");
    assertThat(reason.get("4")).contains("a received quantity must be above zero");
    assertThat(reason.get("5")).contains("more than 0 decimals");
    assertThat(onHand("TEE-M")).isEqualByComparingTo("20");
    assertThat(onHand("TEE-L")).isEqualByComparingTo("10");
    assertThat(onHand("MUG")).isEqualByComparingTo("0");
  }

  @Test
  void aDryRunValidatesEverythingAndChangesNothing() throws Exception {
    long auditRows = count("SELECT count(*) FROM audit_log"); // the store and its taxes
    Run products = run("products", "--store", "s1", resource("products.csv"), "--dry-run");
    assertThat(products.code()).as(products.err()).isZero();
    assertThat(products.out())
        .contains("dry run, nothing changed: would have imported 4, rejected 0, skipped 0");
    assertThat(count("SELECT count(*) FROM products")).isZero();
    assertThat(count("SELECT count(*) FROM audit_log")).isEqualTo(auditRows);

    importCleanCatalogue();
    Run stock = run("stock", "--store", "s1", resource("broken-stock.csv"), "--dry-run");
    assertThat(stock.code()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(stock.out()).contains("would have imported 2, rejected 3");
    assertThat(count("SELECT count(*) FROM stock_movements")).isZero();
    assertThat(count("SELECT count(*) FROM outbox")).isZero();
    // a dry run of a file that must fail inside the database (e-mail taken) rejects it too
    Run customers = run("customers", "--store", "s1", resource("customers.jsonl"), "--dry-run");
    assertThat(customers.out()).contains("would have imported 2, rejected 5");
    assertThat(count("SELECT count(*) FROM customers")).isZero();
  }

  @Test
  void runningTheSameFilesAgainCreatesNoDuplicatesAndDoesNotDoubleStock() throws Exception {
    importCleanCatalogue();
    assertThat(run("stock", "--store", "s1", resource("stock.csv")).code()).isZero();
    long auditRows = count("SELECT count(*) FROM audit_log");
    long history = count("SELECT count(*) FROM price_history");

    Run products = run("products", "--store", "s1", resource("products.csv"));
    assertThat(products.out()).contains("imported 0, rejected 0, skipped 4 (already imported)");
    Run prices = run("prices", "--store", "s1", resource("prices.csv"));
    assertThat(prices.out()).contains("imported 0, rejected 0, skipped 4 (already imported)");
    Run stock = run("stock", "--store", "s1", resource("stock.csv"));
    assertThat(stock.code()).isZero();
    assertThat(stock.out()).contains("imported 0, rejected 0, skipped 4 (already imported)");

    assertThat(count("SELECT count(*) FROM products")).isEqualTo(3);
    assertThat(count("SELECT count(*) FROM product_skus")).isEqualTo(4);
    assertThat(count("SELECT count(*) FROM prices")).isEqualTo(4);
    assertThat(count("SELECT count(*) FROM audit_log")).isEqualTo(auditRows);
    assertThat(count("SELECT count(*) FROM price_history")).isEqualTo(history);
    assertThat(count("SELECT count(*) FROM stock_movements")).isEqualTo(4);
    assertThat(onHand("TEE-M")).isEqualByComparingTo("20");
    assertThat(onHand("MUG")).isEqualByComparingTo("50");

    // a changed price is an update, not a second price
    Path changed = dir.resolve("prices.csv");
    Files.writeString(changed, "price_list,sku,price\nretail,MUG,5.49\n");
    assertThat(run("prices", "--store", "s1", changed.toString()).out()).contains("imported 1");
    assertThat(count("SELECT count(*) FROM prices")).isEqualTo(4);

    // --mode set books the difference as a count, once
    Path counted = dir.resolve("count.csv");
    Files.writeString(
        counted, "sku,quantity,reference\nMUG,47,count-2026-01\nTEE-M,20,count-2026-01\n");
    Run set = run("stock", "--store", "s1", counted.toString(), "--mode", "set");
    assertThat(set.out()).contains("imported 1, rejected 0, skipped 1");
    assertThat(onHand("MUG")).isEqualByComparingTo("47");
    Run again = run("stock", "--store", "s1", counted.toString(), "--mode", "set");
    assertThat(again.out()).contains("imported 0, rejected 0, skipped 2");
    assertThat(onHand("MUG")).isEqualByComparingTo("47");
  }

  @Test
  void anInterruptedImportResumesWhereItStopped() throws Exception {
    assertThat(run("products", "--store", "s1", resource("products.csv")).code()).isZero();
    StringBuilder csv = new StringBuilder("sku,quantity\n");
    for (int i = 0; i < 50; i++) {
      csv.append(i % 2 == 0 ? "TEE-M" : "MUG").append(",").append(i + 1).append("\n");
    }
    Path file = dir.resolve("deliveries.csv");
    Files.writeString(file, csv);
    BigDecimal teeTotal = BigDecimal.ZERO;
    BigDecimal mugTotal = BigDecimal.ZERO;
    for (int i = 0; i < 50; i++) {
      if (i % 2 == 0) {
        teeTotal = teeTotal.add(BigDecimal.valueOf(i + 1));
      } else {
        mugTotal = mugTotal.add(BigDecimal.valueOf(i + 1));
      }
    }

    Run crashed =
        run("stock", "--store", "s1", file.toString(), "--batch-size", "10", "--crash-after", "25");
    assertThat(crashed.code()).as(crashed.err()).isEqualTo(Retail.FAILURE);
    assertThat(crashed.err()).contains("simulated crash after 25 rows");
    // two batches of ten committed; the third died half-written and left nothing
    assertThat(count("SELECT count(*) FROM stock_movements")).isEqualTo(20);

    Run resumed = run("stock", "--store", "s1", file.toString(), "--batch-size", "10");
    assertThat(resumed.code()).as(resumed.err()).isZero();
    assertThat(resumed.out()).contains("imported 30, rejected 0, skipped 20 (already imported)");
    assertThat(count("SELECT count(*) FROM stock_movements")).isEqualTo(50);
    assertThat(onHand("TEE-M")).isEqualByComparingTo(teeTotal);
    assertThat(onHand("MUG")).isEqualByComparingTo(mugTotal);

    Run third = run("stock", "--store", "s1", file.toString());
    assertThat(third.out()).contains("imported 0, rejected 0, skipped 50");
    assertThat(onHand("TEE-M")).isEqualByComparingTo(teeTotal);
  }

  @Test
  void anotherPosExportImportsThroughMapAlone() throws Exception {
    String map =
        "Article No=product_id,PLU=sku,EAN=barcode,Description=name,Group=category,"
            + "VAT Class=tax_category,Pack=unit";
    Run r = run("products", "--store", "s1", resource("other-pos-products.csv"), "--map", map);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("imported 2, rejected 0");
    assertThat(r.err()).contains("ignoring columns Supplier");
    assertThat(engine.catalog().itemByBarcode(Barcode.parse("4000000001058")).orElseThrow().sku())
        .isEqualTo(Sku.of("TEAPOT-1"));
    assertThat(engine.catalog().product(ProductId.of("A-101")).orElseThrow().name())
        .isEqualTo("Tea towel");

    Run again =
        run(
            "products",
            "--store",
            "s1",
            resource("other-pos-products.csv"),
            "--map-file",
            resource("other-pos.map"));
    assertThat(again.out()).contains("imported 0, rejected 0, skipped 2");

    Run unmapped = run("products", "--store", "s1", resource("other-pos-products.csv"));
    assertThat(unmapped.code()).isEqualTo(Retail.USAGE);
    assertThat(unmapped.err()).contains("no column for product_id, sku, name", "--map");
  }

  @Test
  void customersFromJsonLinesAreUpsertedById() throws Exception {
    Path rejects = dir.resolve("customer-rejects.csv");
    Run r =
        run(
            "customers",
            "--store",
            "s1",
            resource("customers.jsonl"),
            "--rejects",
            rejects.toString());
    assertThat(r.code()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(r.out()).contains("imported 2, rejected 5, skipped 0");
    Map<String, String> reason = new HashMap<>();
    rejects(rejects).stream().skip(1).forEach(x -> reason.put(x.get(0), x.get(1)));
    assertThat(reason).containsOnlyKeys("3", "4", "5", "6", "7");
    assertThat(reason.get("3")).contains("name is missing");
    assertThat(reason.get("4")).contains("'not-an-email' is not an e-mail address");
    assertThat(reason.get("5")).contains("not valid JSON");
    assertThat(reason.get("6")).isEqualTo("duplicate customer c-1: already on line 1");
    assertThat(reason.get("7")).contains("alan@example.org belongs to customer c-2");

    var ada = engine.customers().customers().find(CustomerId.of("c-1")).orElseThrow();
    assertThat(ada.email()).contains("ada@example.org");
    assertThat(ada.marketingConsent()).isTrue();
    assertThat(ada.taxId()).contains("DE123456789");

    Run again = run("customers", "--store", "s1", resource("customers.jsonl"));
    assertThat(again.out()).contains("imported 0, rejected 5, skipped 2");
    assertThat(count("SELECT count(*) FROM customers")).isEqualTo(2);

    Path rename = dir.resolve("rename.csv");
    Files.writeString(rename, "customer_id,name\nc-1,Augusta Ada King\n");
    assertThat(run("customers", "--store", "s1", rename.toString()).out()).contains("imported 1");
    var renamed = engine.customers().customers().find(CustomerId.of("c-1")).orElseThrow();
    assertThat(renamed.name()).isEqualTo("Augusta Ada King");
    assertThat(renamed.email()).contains("ada@example.org");
    assertThat(renamed.createdAt()).isEqualTo(ada.createdAt());
  }

  @Test
  void usageErrorsAndUnknownStores() throws Exception {
    assertThat(run("furniture", "--store", "s1", resource("products.csv")).code())
        .isEqualTo(Retail.USAGE);
    assertThat(run("products", resource("products.csv")).code()).isEqualTo(Retail.USAGE);
    Run noStore = run("products", "--store", "nowhere", resource("products.csv"));
    assertThat(noStore.code()).isEqualTo(Retail.USAGE);
    assertThat(noStore.err()).contains("no store nowhere");
    assertThat(run("products", "--store", "s1", dir.resolve("missing.csv").toString()).code())
        .isEqualTo(Retail.FAILURE);
    assertThat(
            run("products", "--store", "s1", resource("products.csv"), "--map", "Foo=nonsense")
                .err())
        .contains("'nonsense' is not a field");
  }

  @Test
  void categoriesImportParentsFirstAndARerunSkipsThem() throws Exception {
    Path file = dir.resolve("categories.csv");
    Files.write(
        file,
        List.of(
            "category_id,name,parent",
            "food,Food,",
            "coffee,Kaffee & Tee,food",
            "bakery,,food",
            "cheese,Cheese,dairy",
            "bad id,Bad,"));

    Run r = run("categories", "--store", "s1", file.toString());
    Run again = run("categories", "--store", "s1", file.toString());

    assertThat(r.code()).as(r.err()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(r.out()).contains("imported 3, rejected 2, skipped 0");
    assertThat(r.err()).contains("line 6: ").contains("line 5: ");
    var tree = engine.catalog().categories();
    assertThat(tree.find(CategoryId.of("coffee")).orElseThrow().name()).isEqualTo("Kaffee & Tee");
    assertThat(tree.find(CategoryId.of("bakery")).orElseThrow().name())
        .isEqualTo("bakery"); // no name: the id
    assertThat(tree.children(CategoryId.of("food")))
        .extracting(Object::toString)
        .containsExactlyInAnyOrder("coffee", "bakery");
    assertThat(again.out()).contains("imported 0, rejected 2, skipped 3");
  }

  @Test
  void productsCreateTheCategoriesTheyNameWhenAskedAndSayWhichAreMissingOtherwise()
      throws Exception {
    Path file = dir.resolve("named.csv");
    Files.write(
        file,
        List.of(
            "product_id,sku,name,category,tax_category",
            "p1,P1,Plate,Home & Garden,standard",
            "p2,P2,Cup,Home & Garden,standard",
            "p3,P3,Crêpe pan,Cuisine Française,standard",
            "p4,P4,Tea,tea,reduced",
            "p5,P5,Kettle,家電,standard"));

    Run without = run("products", "--store", "s1", file.toString(), "--dry-run");
    Run with = run("products", "--store", "s1", file.toString(), "--create-categories");
    Run ports =
        run(
            "products",
            "--store",
            "s1",
            file.toString(),
            "--create-categories",
            "--through-ports",
            "--dry-run");

    // without: a name that is no id is refused as before; the others import, their
    // categories reported missing
    assertThat(without.code()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(without.out()).contains("imported 1, rejected 4");
    assertThat(without.err())
        .contains("'Home & Garden' is not a valid category id")
        .contains("products name categories the catalogue does not have: tea");
    assertThat(with.code()).as(with.err()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(with.out())
        .contains("created 3 categories: cuisine-francaise, home-garden, tea")
        .contains("imported 4, rejected 1, skipped 0");
    assertThat(with.err())
        .contains("line 6: category '家電' has no letters or digits a category id can be made of");
    var tree = engine.catalog().categories();
    assertThat(tree.find(CategoryId.of("cuisine-francaise")).orElseThrow().name())
        .isEqualTo("Cuisine Française");
    assertThat(engine.catalog().product(ProductId.of("p2")).orElseThrow().category().value())
        .isEqualTo("home-garden");
    assertThat(ports.out()).contains("imported 0, rejected 1, skipped 4");
    assertThat(run("sales", "--store", "s1", file.toString(), "--create-categories").code())
        .isEqualTo(Retail.USAGE);
  }

  @Test
  void aStoreWithoutATaxJurisdictionNeedsTheTaxInTheFileOrAsADefault() throws Exception {
    assertThat(run("products", "--store", "s1", resource("products.csv")).code()).isZero();
    engine
        .stores()
        .save(
            new Store(
                StoreId.of("s2"),
                "No jurisdiction",
                EUR,
                ZoneId.of("Europe/Berlin"),
                CashRounding.NONE));
    Path file = dir.resolve("untaxed.csv");
    Files.write(
        file,
        List.of("receipt_id,line,sold_at,sku,quantity,total", "U1,1,2026-05-01,TEE-M,1,19.99"));

    Run without = run("sales", "--store", "s2", file.toString());
    Run with = run("sales", "--store", "s2", file.toString(), "--default", "tax=0");

    assertThat(without.code()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(without.err())
        .contains(
            "line 2: tax is missing and the store has no tax jurisdiction to compute it from:"
                + " give tax, or --default tax=0");
    assertThat(with.code()).as(with.err()).isZero();
    assertThat(with.out()).contains("imported 1, rejected 0");
  }

  @Test
  void aDryRunSaysWhichCategoriesItWouldHaveCreatedAndCreatesNone() throws Exception {
    Path file = dir.resolve("dry.csv");
    Files.write(
        file,
        List.of(
            "product_id,sku,name,category,tax_category", "p1,P1,Plate,Tableware & Co,standard"));

    Run r = run("products", "--store", "s1", file.toString(), "--create-categories", "--dry-run");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("would have created 1 category: tableware-co")
        .contains("dry run, nothing changed: would have imported 1");
    assertThat(engine.catalog().categories().all()).isEmpty();
    assertThat(engine.catalog().product(ProductId.of("p1"))).isEmpty();
  }

  @Test
  void whereTaxIsAddedToPricesTheDerivedTaxIsChargedOnTheNetOrTakenOutOfTheTotal()
      throws Exception {
    assertThat(run("products", "--store", "s1", resource("products.csv")).code()).isZero();
    StoreId ny = StoreId.of("s3");
    engine
        .stores()
        .save(new Store(ny, "New York", EUR, ZoneId.of("America/New_York"), CashRounding.NONE));
    engine
        .taxRules()
        .assign(
            ny,
            TaxJurisdiction.builder("US-NY", "New York")
                .pricesIncludeTax(false)
                .rule(
                    TaxRule.standard(
                        TaxCategory.of("standard"), TaxRate.of("NY", "Sales tax", "0.08875")))
                .build());
    Path file = dir.resolve("net.csv");
    Files.write(
        file,
        List.of(
            "receipt_id,line,sold_at,sku,quantity,unit_price,total,discount_rate",
            // net 2 × 10.00 − 10% = 18.00; tax 18.00 × 0.08875 = 1.5975 = 1.60; total 19.60
            "N1,1,2026-05-01,TEE-M,2,10.00,19.60,10%",
            // no unit price: 21.78 is the total with tax; tax 21.78 / 1.08875 × 0.08875 =
            // 1.7754... = 1.78; unit price (21.78 − 1.78) / 1 = 20.00
            "N2,1,2026-05-01,TEE-M,1,,21.78,",
            // the total must add up where the unit price is given: 18.00 + 1.60 ≠ 19.00
            "N3,1,2026-05-01,TEE-M,2,10.00,19.00,10%"));

    Run r = run("sales", "--store", "s3", file.toString());

    assertThat(r.code()).as(r.err()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(r.out()).contains("imported 2, rejected 1");
    assertThat(r.err())
        .contains("line 4: total 19 is not quantity x unit_price - discount + tax")
        .contains("19.6");
    List<Map<String, Object>> rows =
        db.jdbi()
            .withHandle(
                h -> {
                  h.execute("SELECT set_config('app.store_ids', 's3', false)");
                  return h.createQuery(
                          "SELECT source_receipt_id, unit_price, discount, tax,"
                              + " (sold_at AT TIME ZONE 'UTC')::text AS at"
                              + " FROM sales_history ORDER BY 1")
                      .mapToMap()
                      .list();
                });
    assertThat((BigDecimal) rows.get(0).get("discount")).isEqualByComparingTo("2.00");
    assertThat((BigDecimal) rows.get(0).get("tax")).isEqualByComparingTo("1.60");
    assertThat((BigDecimal) rows.get(1).get("tax")).isEqualByComparingTo("1.78");
    assertThat((BigDecimal) rows.get(1).get("unit_price")).isEqualByComparingTo("20.00");
    // a date alone is midnight in New York (EDT, −04:00)
    assertThat(rows.get(0).get("at")).isEqualTo("2026-05-01 04:00:00");
  }
}
