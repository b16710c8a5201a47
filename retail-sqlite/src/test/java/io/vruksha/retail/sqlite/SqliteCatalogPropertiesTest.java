package io.vruksha.retail.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.Barcode;
import io.vruksha.retail.catalog.Catalog;
import io.vruksha.retail.catalog.Category;
import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.Product;
import io.vruksha.retail.catalog.ProductId;
import io.vruksha.retail.catalog.ProductStatus;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.catalog.Variant;
import io.vruksha.retail.memory.InMemoryCatalog;
import io.vruksha.retail.money.UnitOfMeasure;
import io.vruksha.retail.money.UnitPrice;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The SQLite catalogue answers as the in-memory one: the same products saved into both, in the same
 * order, are accepted or refused alike (a SKU or barcode of another product, in either of its
 * forms, with the same message), and afterwards every product, SKU and barcode reads the same —
 * names in any script and costs of up to 4 decimals to the digit.
 */
class SqliteCatalogPropertiesTest {

  private static final List<String> PRODUCTS = List.of("tee", "mug", "gift-set");
  private static final List<String> SKUS = List.of("TEE-M", "TEE-L", "MUG", "BOX:1");
  // an EAN-13, a UPC-A and the same GTIN as an EAN-13, an EAN-8, another EAN-13
  private static final List<String> BARCODES =
      List.of("4006381333931", "036000291452", "0036000291452", "96385074", "4006381333948");

  @Property(tries = 60)
  void theSameProductsGiveTheSameAnswersAsInMemory(@ForAll("products") List<Product> products)
      throws IOException {
    Path dir = Files.createTempDirectory("catalog");
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("till.db"))) {
      Catalog memory = new InMemoryCatalog();
      Catalog sqlite = new SqliteCatalog(db);
      for (Catalog c : List.of(memory, sqlite)) {
        c.saveCategory(Category.root("all", "Alles / 全部"));
      }
      for (Product p : products) {
        assertThat(outcome(() -> save(sqlite, p))).isEqualTo(outcome(() -> save(memory, p)));
      }
      assertThat(sqlite.items()).isEqualTo(memory.items());
      for (String id : PRODUCTS) {
        assertThat(sqlite.product(ProductId.of(id))).isEqualTo(memory.product(ProductId.of(id)));
      }
      for (String sku : SKUS) {
        assertThat(sqlite.item(Sku.of(sku))).isEqualTo(memory.item(Sku.of(sku)));
      }
      for (String code : BARCODES) {
        assertThat(sqlite.itemByBarcode(Barcode.parse(code)))
            .isEqualTo(memory.itemByBarcode(Barcode.parse(code)));
      }
    } finally {
      SqliteSalesAnalyticsPropertiesTest.delete(dir);
    }
  }

  private static Object save(Catalog catalog, Product p) {
    catalog.save(p);
    return "saved";
  }

  /** What an operation gave: its value, or the type and message of what it threw. */
  private static Object outcome(Supplier<Object> op) {
    try {
      return op.get();
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  @Provide
  Arbitrary<List<Product>> products() {
    Arbitrary<Variant> variant =
        Combinators.combine(
                Arbitraries.of(SKUS),
                Arbitraries.of("T-shirt", "Tasse", "Überraschung 🎁", "杯子", "l'été"),
                Arbitraries.of(BARCODES).list().uniqueElements().ofMaxSize(2),
                cost().optional())
            .as(SqliteCatalogPropertiesTest::variant)
            .filter(Optional::isPresent)
            .map(Optional::get);
    return Combinators.combine(
            Arbitraries.of(PRODUCTS),
            variant.list().ofMinSize(1).ofMaxSize(3),
            Arbitraries.of(ProductStatus.class))
        .as(SqliteCatalogPropertiesTest::product)
        .filter(Optional::isPresent)
        .map(Optional::get)
        .list()
        .ofMaxSize(8);
  }

  /** The variant, or none when it lists one GTIN twice (a UPC-A and its EAN-13 form). */
  private static Optional<Variant> variant(
      String sku, String name, List<String> codes, Optional<UnitPrice> cost) {
    try {
      Variant v = Variant.of(Sku.of(sku), name, UnitOfMeasure.EACH, codes.toArray(String[]::new));
      return Optional.of(cost.map(v::withCost).orElse(v));
    } catch (RuntimeException refused) {
      return Optional.empty();
    }
  }

  /** The product, or none when its variants repeat a SKU or barcode (the product refuses them). */
  private static Optional<Product> product(
      String id, List<Variant> variants, ProductStatus status) {
    try {
      Product.Builder b =
          Product.builder(ProductId.of(id))
              .name("Produkt " + id)
              .category(CategoryId.of("all"))
              .taxCategory(TaxCategory.of("standard"));
      variants.forEach(b::variant);
      return Optional.of(b.build().withStatus(status));
    } catch (RuntimeException refused) {
      return Optional.empty();
    }
  }

  private static Arbitrary<UnitPrice> cost() {
    return Combinators.combine(
            Arbitraries.longs().between(0, 999_999), Arbitraries.integers().between(0, 4))
        .as(
            (unscaled, scale) ->
                new UnitPrice(
                    new BigDecimal(BigInteger.valueOf(unscaled), scale),
                    Currency.getInstance("EUR")));
  }
}
