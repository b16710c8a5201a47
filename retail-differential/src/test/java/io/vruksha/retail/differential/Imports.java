package io.vruksha.retail.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vruksha.retail.RetailException;
import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.Product;
import io.vruksha.retail.catalog.ProductId;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.customer.Customer;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.UnitOfMeasure;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.pricing.PriceListId;
import io.vruksha.retail.stock.StockKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link Op.Import} both ways: as CSV files the command line imports set-based into a database
 * ({@code retail import products|prices|stock|customers}), and as the same rows written through the
 * reference engine's ports (catalogue, price book, stock, customers). Each answers, per kind, the
 * exit code the command line gives: 0 when every row was written, 1 when some were rejected (a
 * receipt of a SKU the catalogue does not have), so rejections are compared too.
 */
final class Imports {

  private static final List<String> KINDS = List.of("products", "prices", "stock", "customers");

  private Imports() {}

  /** The customer ids the import creates, in order. */
  static List<String> customerIds(Op.Import op, int step) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= op.customers().size(); i++) {
      ids.add("imp" + step + "-" + i);
    }
    return ids;
  }

  /** The reference: each row through the engine's ports, in the command line's order of kinds. */
  static JsonNode throughPorts(RetailEngine engine, Op.Import op, int step) {
    Map<String, Integer> exits = new LinkedHashMap<>();
    // as the command line writes a products row: one variant named like its product, no barcode
    engine
        .catalog()
        .save(
            Product.builder(ProductId.of(op.sku().toLowerCase(Locale.ROOT)))
                .name(op.name())
                .category(CategoryId.of(op.category()))
                .taxCategory(TaxCategory.of(op.taxCategory()))
                .variant(
                    Sku.of(op.sku()),
                    op.name(),
                    Generators.weighed(op.sku()) ? UnitOfMeasure.KILOGRAM : UnitOfMeasure.EACH)
                .build());
    exits.put("products", 0);
    engine
        .priceBook()
        .setPrice(
            PriceListId.of("retail"),
            Sku.of(op.sku()),
            UnitPrice.of(op.price(), "EUR"),
            engine.clock().instant(),
            "import");
    exits.put("prices", 0);
    if (!op.stock().isEmpty()) {
      int exit = 0;
      for (int i = 0; i < op.stock().size(); i++) {
        Op.Line l = op.stock().get(i);
        try {
          engine
              .stock()
              .receive(
                  StockKey.floor(DemoStore.ID, Sku.of(l.sku())),
                  new BigDecimal(l.quantity()),
                  reference(step, i));
        } catch (RetailException e) {
          exit = 1; // the command line rejects the row and imports the others
        }
      }
      exits.put("stock", exit);
    }
    List<String> ids = customerIds(op, step);
    if (!ids.isEmpty()) {
      for (int i = 0; i < ids.size(); i++) {
        engine
            .customers()
            .create(
                DemoStore.ID,
                Customer.of(ids.get(i), op.customers().get(i), engine.clock().instant()));
      }
      exits.put("customers", 0);
    }
    return answer(exits, "");
  }

  /** The command line's set-based imports into {@code db}, one file per kind. */
  static JsonNode byCommandLine(PostgresDatabase db, Op.Import op, int step) {
    Map<String, String> files = files(op, step);
    Map<String, Integer> exits = new LinkedHashMap<>();
    StringBuilder failures = new StringBuilder();
    Path dir;
    try {
      dir = Files.createTempDirectory("vruksha-diff-import");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      for (String kind : KINDS) {
        if (!files.containsKey(kind)) {
          continue;
        }
        Path file = dir.resolve(kind + ".csv");
        Files.writeString(file, files.get(kind), StandardCharsets.UTF_8);
        ObjectNode out =
            World.cli(db, List.of("import", kind, file.toString(), "--store", "demo", "--quiet"));
        int exit = out.get("exit").asInt();
        exits.put(kind, exit);
        if (exit > 1) {
          failures.append(kind).append(": ").append(out.get("err").asText()).append('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try (var paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temporary directory left behind is harmless
      }
    }
    return answer(exits, failures.toString());
  }

  /** The CSV files, by kind; a kind without rows has none. */
  static Map<String, String> files(Op.Import op, int step) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "products",
        "product_id,sku,name,category,tax_category,unit\n"
            + row(
                op.sku().toLowerCase(Locale.ROOT),
                op.sku(),
                op.name(),
                op.category(),
                op.taxCategory(),
                Generators.weighed(op.sku()) ? "KILOGRAM" : "EACH"));
    files.put(
        "prices", "price_list,sku,price,currency\n" + row("retail", op.sku(), op.price(), "EUR"));
    if (!op.stock().isEmpty()) {
      StringBuilder b = new StringBuilder("sku,quantity,location,reference\n");
      for (int i = 0; i < op.stock().size(); i++) {
        Op.Line l = op.stock().get(i);
        b.append(row(l.sku(), l.quantity(), "floor", reference(step, i)));
      }
      files.put("stock", b.toString());
    }
    List<String> ids = customerIds(op, step);
    if (!ids.isEmpty()) {
      StringBuilder b = new StringBuilder("customer_id,name\n");
      for (int i = 0; i < ids.size(); i++) {
        b.append(row(ids.get(i), op.customers().get(i)));
      }
      files.put("customers", b.toString());
    }
    return files;
  }

  private static String reference(int step, int row) {
    return "import-" + step + "-" + (row + 1);
  }

  /** One CSV record, every field quoted (names may hold anything but a line break). */
  private static String row(String... fields) {
    List<String> quoted = new ArrayList<>();
    for (String f : fields) {
      quoted.add('"' + f.replace("\"", "\"\"") + '"');
    }
    return String.join(",", quoted) + "\n";
  }

  private static JsonNode answer(Map<String, Integer> exits, String failures) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    exits.forEach(n::put);
    if (!failures.isEmpty()) {
      n.put("failures", failures);
    }
    return n;
  }
}
