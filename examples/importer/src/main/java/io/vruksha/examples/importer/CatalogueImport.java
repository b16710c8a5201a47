package io.vruksha.examples.importer;

import io.vruksha.retail.RetailException;
import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.Product;
import io.vruksha.retail.catalog.ProductId;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.UnitOfMeasure;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.PriceListId;
import io.vruksha.retail.pricing.PricedBasket;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Actor;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A programmatic batch import, as an integrator writes one: a supplier's catalogue, prices and
 * stock read from CSV (Apache Commons CSV) and written through the engine in batches, each batch
 * one unit of work; a row the engine refuses is reported with its line and reason and the rest go
 * on. The back office's own tool for this is {@code retail import}; this shows the API underneath.
 *
 * <p>Run: {@code mvn -q exec:java -pl examples/importer} (reads {@code examples/data/}).
 */
public final class CatalogueImport {

  private static final int BATCH = 500;

  private CatalogueImport() {}

  /** What an import did. */
  record Outcome(int imported, List<String> rejected) {}

  /**
   * Imports {@code dir}'s products.csv, prices.csv and stock.csv into {@code engine}'s demo store.
   */
  static List<Outcome> run(RetailEngine engine, Path dir, PrintStream out) throws IOException {
    List<Outcome> outcomes = new ArrayList<>();
    outcomes.add(
        load(
            engine,
            dir.resolve("products.csv"),
            r -> {
              // one variant a row: a product's other variants (earlier rows, or already in the
              // catalogue) stay
              ProductId id = ProductId.of(r.get("product_id"));
              Sku sku = Sku.of(r.get("sku"));
              Product.Builder product =
                  Product.builder(id)
                      .name(r.get("name"))
                      .category(CategoryId.of(r.get("category")))
                      .taxCategory(TaxCategory.of(r.get("tax_category")));
              engine
                  .catalog()
                  .product(id)
                  .ifPresent(
                      existing ->
                          existing.variants().stream()
                              .filter(v -> !v.sku().equals(sku))
                              .forEach(product::variant));
              engine
                  .catalog()
                  .save(
                      product
                          .variant(sku, r.get("name"), UnitOfMeasure.EACH, r.get("barcode"))
                          .build());
            }));
    outcomes.add(
        load(
            engine,
            dir.resolve("prices.csv"),
            r ->
                engine
                    .priceBook()
                    .setPrice(
                        PriceListId.of(r.get("price_list")),
                        Sku.of(r.get("sku")),
                        UnitPrice.of(r.get("price"), r.get("currency")),
                        Instant.now(),
                        "importer")));
    outcomes.add(
        load(
            engine,
            dir.resolve("stock.csv"),
            r ->
                engine
                    .stock()
                    .receive(
                        StockKey.floor(DemoStore.ID, Sku.of(r.get("sku"))),
                        new BigDecimal(r.get("quantity")),
                        r.get("reference"))));
    String[] names = {"products", "prices", "stock rows"};
    for (int i = 0; i < outcomes.size(); i++) {
      out.println("imported " + outcomes.get(i).imported() + " " + names[i]);
      outcomes.get(i).rejected().forEach(r -> out.println("  rejected " + r));
    }
    return outcomes;
  }

  /** A row's writer. */
  @FunctionalInterface
  interface RowWriter {
    void write(CSVRecord row);
  }

  private static Outcome load(RetailEngine engine, Path file, RowWriter writer) throws IOException {
    CSVFormat csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    List<String> rejected = new ArrayList<>();
    int imported = 0;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      List<CSVRecord> batch = new ArrayList<>(BATCH);
      for (CSVRecord row : csv.parse(in)) {
        batch.add(row);
        if (batch.size() == BATCH) {
          imported += write(engine, batch, writer, rejected);
          batch.clear();
        }
      }
      imported += write(engine, batch, writer, rejected);
    }
    return new Outcome(imported, rejected);
  }

  /** Writes a batch in one unit of work; a refused row is taken out and the rest written again. */
  private static int write(
      RetailEngine engine, List<CSVRecord> batch, RowWriter writer, List<String> rejected) {
    List<CSVRecord> rows = new ArrayList<>(batch);
    while (!rows.isEmpty()) {
      CSVRecord[] failed = new CSVRecord[1];
      try {
        engine.inStore(
            DemoStore.ID,
            () -> {
              for (CSVRecord row : rows) {
                failed[0] = row;
                writer.write(row);
              }
              return null;
            });
        return rows.size();
      } catch (RetailException | IllegalArgumentException e) {
        rejected.add("line " + (failed[0].getRecordNumber() + 1) + ": " + e.getMessage());
        rows.remove(failed[0]);
      }
    }
    return 0;
  }

  /**
   * Imports the example files into an in-memory demo store and prices a basket of the new goods.
   */
  public static void main(String[] args) throws IOException {
    RetailEngine engine = DemoStore.inMemory();
    Path dir = Path.of(args.length > 0 ? args[0] : "examples/data");
    run(engine, dir, System.out);
    PricedBasket basket =
        engine.priceBasket(
            BasketRequest.builder(DemoStore.ID).add("SOCKS-S", 2).add("TEA", 1).build(),
            Actor.cashier("importer"));
    System.out.println("2 pairs of socks and a tea: " + basket.total());
  }
}
