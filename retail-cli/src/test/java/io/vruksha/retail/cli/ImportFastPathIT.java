package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.money.CashRounding;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.PostgresOutbox;
import io.vruksha.retail.postgres.TestDatabase;
import io.vruksha.retail.pricing.PriceList;
import io.vruksha.retail.pricing.PriceListId;
import io.vruksha.retail.stock.ReorderRule;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.tax.TaxJurisdiction;
import io.vruksha.retail.tax.TaxRate;
import io.vruksha.retail.tax.TaxRule;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-based import of products, prices, stock and customers against a real PostgreSQL: it
 * writes the rows the engine's ports write (compared with {@code --through-ports}, the row-by-row
 * path it replaced), its events decode with the engine's own outbox, and chunks change nothing.
 */
class ImportFastPathIT {

  private static final StoreId STORE = StoreId.of("s1");

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
                STORE,
                "Import test store",
                Currency.getInstance("EUR"),
                ZoneId.of("Europe/Berlin"),
                CashRounding.NONE));
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
    // MUG is reordered below 60 on the floor: receiving 50 leaves it below, one stock-low event
    engine
        .stock()
        .ledger()
        .setReorderRule(
            new ReorderRule(
                StockKey.floor(STORE, Sku.of("MUG")), new BigDecimal("60"), new BigDecimal("100")));
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
    return Path.of(ImportFastPathIT.class.getResource("/import/" + name).toURI()).toString();
  }

  private Path file(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  private List<String> rows(String sql) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(sql)
                    .map(
                        (rs, ctx) -> {
                          StringBuilder b = new StringBuilder();
                          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            b.append(i > 1 ? " | " : "").append(rs.getString(i));
                          }
                          return b.toString();
                        })
                    .list());
  }

  private long count(String sql) {
    return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  /** A back office's first day: catalogue, prices, stock and customers, then changes to each. */
  private List<String> scenario(String... extra) throws Exception {
    List<String> results = new ArrayList<>();
    Path productUpdate =
        file(
            "products-2.csv",
            "product_id,sku,name,category,tax_category,unit,barcode,status,cost,variant_name\n"
                + "tee,TEE-M,Organic tee,shirts,standard,ea,4006381333931,ACTIVE,7.00,\n"
                + "tee,TEE-XL,Organic tee,shirts,standard,ea,4000000001065,ACTIVE,,Tee XL\n"
                + "mug,MUG,Stoneware mug,kitchen,standard,ea,96385074,DISCONTINUED,,\n"
                + "gouda,GOUDA,Gouda,cheese,reduced,kg,4000000001010,ACTIVE,,\n");
    Path priceUpdate =
        file(
            "prices-2.csv",
            "price_list,sku,price,currency\n"
                + "retail,TEE-M,17.99,EUR\n"
                + "retail,MUG,4.99,EUR\n"
                + "outlet,TEE-XL,15,EUR\n");
    Path counted = file("count.csv", "sku,quantity,reference\nMUG,47,count-1\nTEE-M,20,count-1\n");
    Path customerUpdate =
        file(
            "customers-2.csv",
            "customer_id,name,marketing_consent,phone\n"
                + "c-1,Augusta Ada King,no,\n"
                + "c-2,Alan Turing,no,+44 20 7946 0000\n"
                + "c-9,New Customer,yes,\n");
    String[][] steps = {
      {"products", resource("products.csv")},
      {"products", productUpdate.toString()},
      {"prices", resource("prices.csv")},
      {"prices", priceUpdate.toString()},
      {"stock", resource("stock.csv")},
      {"stock", counted.toString(), "--mode", "set"},
      {"customers", resource("customers.jsonl")},
      {"customers", customerUpdate.toString()},
      {"products", productUpdate.toString()},
      {"stock", resource("stock.csv")},
    };
    for (String[] step : steps) {
      List<String> args = new ArrayList<>(List.of(step[0], "--store", "s1"));
      args.addAll(List.of(step).subList(1, step.length));
      args.addAll(List.of(extra));
      Run r = run(args.toArray(String[]::new));
      results.add(
          r.code() + " " + r.out().replaceAll(" in [0-9.]+ s \\(\\d+ rows/s\\)", "") + r.err());
    }
    return results;
  }

  /** What the import left in the tables it writes, without ids and clock times. */
  private List<String> tables() {
    List<String> all = new ArrayList<>();
    all.addAll(rows("SELECT product_id, document::text FROM products ORDER BY 1"));
    all.addAll(rows("SELECT sku, product_id FROM product_skus ORDER BY 1"));
    all.addAll(rows("SELECT gtin13, sku FROM product_barcodes ORDER BY 1"));
    all.addAll(rows("SELECT * FROM price_lists ORDER BY 1"));
    all.addAll(rows("SELECT * FROM prices ORDER BY 1, 2"));
    all.addAll(
        rows(
            "SELECT price_list_id, sku, before_price, after_price, currency, changed_by"
                + " FROM price_history ORDER BY id"));
    all.addAll(
        rows(
            "SELECT customer_id, email, group_id, anonymised,"
                + " (document - 'createdAt' - 'consentAt')::text,"
                + " jsonb_typeof(document->'consentAt') FROM customers ORDER BY 1"));
    all.addAll(rows("SELECT * FROM stock_levels ORDER BY 1, 2, 3"));
    all.addAll(
        rows(
            "SELECT store_id, location_id, sku, change, reason, reference, note"
                + " FROM stock_movements ORDER BY sequence"));
    all.addAll(
        rows(
            "SELECT e->>'subject', e->>'store', e->>'correlation', e->>'version', e->>'type',"
                + " (e->'payload')::text FROM outbox o,"
                + " jsonb_array_elements(o.events) WITH ORDINALITY a(e, i) ORDER BY o.position, i"));
    // the latest audit row of each record (the set-based path writes one per product and chunk,
    // the ports one per row)
    all.addAll(
        rows(
            "SELECT DISTINCT ON (entity, entity_id) entity, entity_id, changed_by,"
                + " (after - 'createdAt' - 'consentAt')::text FROM audit_log"
                + " ORDER BY entity, entity_id, id DESC"));
    return all;
  }

  @Test
  void theSetBasedPathWritesWhatTheEnginesPortsWrote() throws Exception {
    List<String> portResults = scenario("--through-ports");
    List<String> portTables = tables();
    setUp();
    List<String> bulkResults = scenario();
    List<String> bulkTables = tables();

    assertThat(bulkResults).isEqualTo(portResults);
    assertThat(bulkTables).isEqualTo(portTables);
    // and the scenario did what it says: a sample of the rows
    assertThat(bulkResults.get(1))
        .isEqualTo(
            "0 imported 3, rejected 0, skipped 1 (already imported)\n"
                + "retail import: products name categories the catalogue does not have:"
                + " kitchen, shirts (import categories, or use --create-categories)\n");
    assertThat(bulkResults.get(8))
        .isEqualTo("0 imported 0, rejected 0, skipped 4 (already imported)\n");
    assertThat(bulkResults.get(9))
        .isEqualTo("0 imported 0, rejected 0, skipped 4 (already imported)\n");
    assertThat(bulkTables)
        .contains("s1 | floor | MUG | 47.000 | 0.000 | t | null") // no safety buffer
        .contains("s1 | floor | MUG | -3.000 | COUNT | count-1 | cycle count")
        .contains("retail | TEE-M | 19.990000 | 17.990000 | EUR | import");
  }

  @Test
  void eventsWrittenInBulkDecodeWithTheEnginesOwnOutbox() throws Exception {
    assertThat(run("products", "--store", "s1", resource("products.csv")).code()).isZero();
    assertThat(run("stock", "--store", "s1", resource("stock.csv")).code()).isZero();
    Run customers = run("customers", "--store", "s1", resource("customers.jsonl"));
    assertThat(customers.out()).contains("imported 2, rejected 5");

    List<EventEnvelope> events = new PostgresOutbox(db).pending(100);

    // four receipts, MUG's 50 below its reorder point of 60, then two new customers; quantities in
    // their canonical form (no trailing zeros), as the engine's own events carry them
    assertThat(events)
        .extracting(e -> e.payload().getClass().getSimpleName())
        .containsExactly(
            "StockUpdated",
            "StockUpdated",
            "StockUpdated",
            "StockLow",
            "StockUpdated",
            "CustomerCreated",
            "CustomerCreated");
    assertThat(events.get(0).payload())
        .isEqualTo(
            new DomainEvent.StockUpdated(
                STORE, "TEE-M", "floor", new BigDecimal("20"), new BigDecimal("20"), "RECEIPT"));
    assertThat(events.get(3).payload())
        .isEqualTo(
            new DomainEvent.StockLow(
                STORE,
                "MUG",
                "floor",
                new BigDecimal("50"),
                new BigDecimal("60"),
                new BigDecimal("100")));
    assertThat(events.get(4).payload())
        .isEqualTo(
            new DomainEvent.StockUpdated(
                STORE,
                "GOUDA",
                "floor",
                new BigDecimal("7.25"),
                new BigDecimal("7.25"),
                "RECEIPT"));
    assertThat(events.get(4).correlationId()).isEqualTo("PO-1001");
    assertThat(events.get(5).payload())
        .isEqualTo(new DomainEvent.CustomerCreated(STORE, "c-1", true));
    assertThat(events.get(5).subject()).isEqualTo("retail.customer.customer.created.v1");
  }

  @Test
  void rowsInOtherChunksAreStillDuplicatesAndRejectsKeepFileOrder() throws Exception {
    Path whole = dir.resolve("whole.csv");
    Path chunked = dir.resolve("chunked.csv");
    Run once =
        run(
            "products",
            "--store",
            "s1",
            resource("broken-products.csv"),
            "--rejects",
            whole.toString());
    setUp();
    Run inThrees =
        run(
            "products",
            "--store",
            "s1",
            resource("broken-products.csv"),
            "--rejects",
            chunked.toString(),
            "--batch-size",
            "3");

    assertThat(inThrees.code()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(inThrees.out()).startsWith(once.out().substring(0, 40));
    assertThat(Files.readString(chunked)).isEqualTo(Files.readString(whole));
    // CUP on line 7 repeats line 2, two chunks earlier
    assertThat(records(chunked))
        .extracting(r -> r.get(0) + ": " + r.get(1))
        .contains("7: duplicate SKU CUP: already on line 2");
  }

  @Test
  void aChunkedDryRunSeesItsOwnEarlierChunksAndChangesNothing() throws Exception {
    assertThat(run("products", "--store", "s1", resource("products.csv")).code()).isZero();
    long audit = count("SELECT count(*) FROM audit_log");
    Path stock =
        file(
            "stock.csv",
            "sku,quantity,reference\nMUG,5,a\nMUG,6,b\nGHOST,1,c\nMUG,7,a\nTEE-M,-1,d\n");

    Run dry = run("stock", "--store", "s1", stock.toString(), "--dry-run", "--batch-size", "2");

    assertThat(dry.code()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(dry.out())
        .contains("dry run, nothing changed: would have imported 2, rejected 3, skipped 0");
    assertThat(dry.err())
        .contains(
            "line 4: unknown SKU GHOST",
            "line 5: duplicate SKU MUG at floor with reference a: already on line 2",
            "line 6: a received quantity must be above zero, was -1");
    assertThat(count("SELECT count(*) FROM stock_movements")).isZero();
    assertThat(count("SELECT count(*) FROM stock_levels")).isZero();
    assertThat(count("SELECT count(*) FROM outbox")).isZero();
    assertThat(count("SELECT count(*) FROM audit_log")).isEqualTo(audit);

    Run real = run("stock", "--store", "s1", stock.toString(), "--batch-size", "2");
    assertThat(real.out()).contains("imported 2, rejected 3, skipped 0");
    assertThat(count("SELECT count(*) FROM stock_movements")).isEqualTo(2);
    // 5 + 6 received on the floor
    assertThat(engine.stock().ledger().level(StockKey.floor(STORE, Sku.of("MUG"))).onHand())
        .isEqualByComparingTo("11");
  }

  @Test
  void pricesRejectListsOfAnotherStoreAndAnotherCurrency() throws Exception {
    assertThat(run("products", "--store", "s1", resource("products.csv")).code()).isZero();
    engine
        .priceBook()
        .saveList(
            PriceList.standard(
                    PriceListId.of("other"), "Other store", Currency.getInstance("EUR"), true)
                .forStore(StoreId.of("s2")));
    Path prices =
        file(
            "prices.csv",
            "price_list,sku,price,currency\n"
                + "other,MUG,3.00,EUR\n"
                + "usd,MUG,5.00,USD\n"
                + "usd,TEE-M,9.00,EUR\n"
                + "retail,MUG,-0.01,EUR\n");

    Run r = run("prices", "--store", "s1", prices.toString());

    assertThat(r.out()).contains("imported 1, rejected 3, skipped 0");
    assertThat(r.err())
        .contains(
            "line 2: price list other is for store s2, not this one",
            "line 4: price list usd is in USD, the price of TEE-M is in EUR",
            "line 5: ");
    assertThat(rows("SELECT price_list_id, currency FROM price_lists ORDER BY 1"))
        .containsExactly("other | EUR", "usd | USD");
    assertThat(rows("SELECT price_list_id, sku, unit_price FROM prices"))
        .containsExactly("usd | MUG | 5.000000");
  }

  private static List<CSVRecord> records(Path file) throws Exception {
    try (CSVParser p =
        CSVParser.parse(file, StandardCharsets.UTF_8, CSVFormat.DEFAULT.builder().get())) {
      List<CSVRecord> all = p.getRecords();
      return all.subList(1, all.size());
    }
  }
}
