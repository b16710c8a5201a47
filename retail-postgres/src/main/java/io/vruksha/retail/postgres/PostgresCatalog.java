package io.vruksha.retail.postgres;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.Barcode;
import io.vruksha.retail.catalog.Catalog;
import io.vruksha.retail.catalog.Category;
import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.CategoryTree;
import io.vruksha.retail.catalog.Product;
import io.vruksha.retail.catalog.ProductId;
import io.vruksha.retail.catalog.SellableItem;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.catalog.Variant;
import io.vruksha.retail.json.DocumentJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * {@link Catalog} on PostgreSQL: each product is a JSON document, with its SKUs and barcodes (in
 * their 13-digit form) in indexed tables that also enforce their uniqueness across products. Every
 * product change is written to {@code audit_log}. Thread-safe.
 */
public final class PostgresCatalog implements Catalog {

  private final PostgresUnitOfWork work;

  /** The catalogue of {@code db}. */
  public PostgresCatalog(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void save(Product product) {
    work.with(
        h -> {
          for (Variant v : product.variants()) {
            owner(h, "SELECT product_id FROM product_skus WHERE sku = :x", v.sku().value())
                .filter(other -> !other.equals(product.id().value()))
                .ifPresent(
                    other -> {
                      throw new InvalidInputException(
                          ErrorCode.DUPLICATE,
                          "SKU " + v.sku() + " already belongs to product " + other);
                    });
            for (Barcode b : v.barcodes()) {
              h.createQuery(
                      "SELECT b.sku, s.product_id FROM product_barcodes b JOIN product_skus s"
                          + " USING (sku) WHERE b.gtin13 = :x AND s.product_id <> :p")
                  .bind("x", b.toGtin13())
                  .bind("p", product.id().value())
                  .map((rs, ctx) -> Catalog.barcodeTaken(b, rs.getString(1), rs.getString(2)))
                  .findOne()
                  .ifPresent(
                      refusal -> {
                        throw refusal;
                      });
            }
          }
          Optional<Product> before = product(h, product.id());
          h.createUpdate(
                  "INSERT INTO products VALUES (:id, CAST(:doc AS jsonb))"
                      + " ON CONFLICT (product_id) DO UPDATE SET document = CAST(:doc AS jsonb)")
              .bind("id", product.id().value())
              .bind("doc", DocumentJson.write(product))
              .execute();
          h.createUpdate("DELETE FROM product_skus WHERE product_id = :id")
              .bind("id", product.id().value())
              .execute();
          for (Variant v : product.variants()) {
            h.createUpdate("INSERT INTO product_skus VALUES (:s, :p)")
                .bind("s", v.sku().value())
                .bind("p", product.id().value())
                .execute();
            for (Barcode b : v.barcodes()) {
              h.createUpdate("INSERT INTO product_barcodes VALUES (:g, :s)")
                  .bind("g", b.toGtin13())
                  .bind("s", v.sku().value())
                  .execute();
            }
          }
          Audit.record(h, "product", product.id().value(), before, Optional.of(product));
          return null;
        });
  }

  private static Optional<String> owner(Handle h, String sql, String key) {
    return h.createQuery(sql).bind("x", key).mapTo(String.class).findOne();
  }

  @Override
  public Optional<Product> product(ProductId id) {
    return work.with(h -> product(h, id));
  }

  private static Optional<Product> product(Handle h, ProductId id) {
    return h.createQuery("SELECT document::text FROM products WHERE product_id = :id")
        .bind("id", id.value())
        .mapTo(String.class)
        .findOne()
        .map(d -> DocumentJson.read(d, Product.class));
  }

  @Override
  public Optional<SellableItem> item(Sku sku) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT p.document::text FROM product_skus s JOIN products p USING (product_id) WHERE s.sku = :s")
                .bind("s", sku.value())
                .mapTo(String.class)
                .findOne()
                .flatMap(d -> itemOf(DocumentJson.read(d, Product.class), sku)));
  }

  @Override
  public Optional<SellableItem> itemByBarcode(Barcode barcode) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT b.sku, p.document::text FROM product_barcodes b JOIN product_skus s USING (sku)"
                        + " JOIN products p USING (product_id) WHERE b.gtin13 = :g")
                .bind("g", barcode.toGtin13())
                .map(
                    (rs, ctx) ->
                        itemOf(
                            DocumentJson.read(rs.getString(2), Product.class),
                            Sku.of(rs.getString(1))))
                .findOne()
                .flatMap(o -> o));
  }

  private static Optional<SellableItem> itemOf(Product p, Sku sku) {
    return p.items().stream().filter(i -> i.sku().equals(sku)).findFirst();
  }

  @Override
  public List<SellableItem> items() {
    return work.with(
        h -> {
          List<SellableItem> items = new ArrayList<>();
          h.createQuery("SELECT document::text FROM products")
              .mapTo(String.class)
              .forEach(d -> items.addAll(DocumentJson.read(d, Product.class).items()));
          items.sort(Comparator.comparing(SellableItem::sku));
          return items;
        });
  }

  @Override
  public void saveCategory(Category category) {
    work.with(
        h -> {
          List<Category> all = new ArrayList<>(categories(h).all());
          all.removeIf(c -> c.id().equals(category.id()));
          all.add(category);
          CategoryTree.of(all); // validates before anything changes
          return h.createUpdate(
                  "INSERT INTO categories VALUES (:id, :n, :p) ON CONFLICT (category_id) DO UPDATE SET name = :n, parent_id = :p")
              .bind("id", category.id().value())
              .bind("n", category.name())
              .bind("p", category.parent().map(CategoryId::value).orElse(null))
              .execute();
        });
  }

  @Override
  public CategoryTree categories() {
    return work.with(PostgresCatalog::categories);
  }

  private static CategoryTree categories(Handle h) {
    return CategoryTree.of(
        h.createQuery("SELECT category_id, name, parent_id FROM categories")
            .map(
                (rs, ctx) ->
                    new Category(
                        CategoryId.of(rs.getString(1)),
                        rs.getString(2),
                        Optional.ofNullable(rs.getString(3)).map(CategoryId::of)))
            .list());
  }
}
