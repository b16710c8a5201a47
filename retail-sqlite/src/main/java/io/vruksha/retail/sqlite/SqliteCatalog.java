package io.vruksha.retail.sqlite;

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
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * {@link Catalog} on SQLite: each product is a JSON document, with its SKUs and barcodes (in their
 * 13-digit form) in indexed tables whose keys also keep them unique across products; categories in
 * the order they were first saved, as the in-memory catalogue builds its tree. A product is checked
 * and written in one unit of work, so a refused one changes nothing. Thread-safe.
 */
public final class SqliteCatalog implements Catalog, JoinsUnitOfWork {

  private final SqliteUnitOfWork work;

  /** The catalogue of {@code db}. */
  public SqliteCatalog(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void save(Product product) {
    String id = product.id().value();
    work.write(
        h -> {
          requireFree(h, product);
          h.createUpdate(
                  "INSERT INTO products VALUES (:id, :doc)"
                      + " ON CONFLICT (product_id) DO UPDATE SET document = excluded.document")
              .bind("id", id)
              .bind("doc", DocumentJson.write(product))
              .execute();
          // the old variants go, and their barcodes with them (ON DELETE CASCADE)
          h.createUpdate("DELETE FROM product_skus WHERE product_id = :id")
              .bind("id", id)
              .execute();
          for (Variant v : product.variants()) {
            h.createUpdate("INSERT INTO product_skus VALUES (:s, :p)")
                .bind("s", v.sku().value())
                .bind("p", id)
                .execute();
            for (Barcode b : v.barcodes()) {
              h.createUpdate("INSERT INTO product_barcodes VALUES (:g, :s)")
                  .bind("g", b.toGtin13())
                  .bind("s", v.sku().value())
                  .execute();
            }
          }
          return null;
        });
  }

  /**
   * Refuses a SKU or barcode that another product holds, with the in-memory catalogue's messages;
   * the product's own old variants do not count, as they are replaced (and {@link Product} itself
   * refuses a SKU or barcode repeated within it).
   */
  private static void requireFree(Handle h, Product product) {
    String id = product.id().value();
    for (Variant v : product.variants()) {
      h.createQuery("SELECT product_id FROM product_skus WHERE sku = :s AND product_id <> :p")
          .bind("s", v.sku().value())
          .bind("p", id)
          .mapTo(String.class)
          .findOne()
          .ifPresent(
              other -> {
                throw new InvalidInputException(
                    ErrorCode.DUPLICATE, "SKU " + v.sku() + " already belongs to product " + other);
              });
      for (Barcode b : v.barcodes()) {
        h.createQuery(
                "SELECT b.sku, s.product_id FROM product_barcodes b JOIN product_skus s USING (sku)"
                    + " WHERE b.gtin13 = :g AND s.product_id <> :p")
            .bind("g", b.toGtin13())
            .bind("p", id)
            .map((rs, ctx) -> Catalog.barcodeTaken(b, rs.getString(1), rs.getString(2)))
            .findOne()
            .ifPresent(
                refusal -> {
                  throw refusal;
                });
      }
    }
  }

  @Override
  public Optional<Product> product(ProductId id) {
    return work.with(
        h ->
            h.createQuery("SELECT document FROM products WHERE product_id = :id")
                .bind("id", id.value())
                .mapTo(String.class)
                .findOne()
                .map(d -> DocumentJson.read(d, Product.class)));
  }

  @Override
  public Optional<SellableItem> item(Sku sku) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT p.document FROM product_skus s JOIN products p USING (product_id)"
                        + " WHERE s.sku = :s")
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
                    "SELECT b.sku, p.document FROM product_barcodes b JOIN product_skus s USING (sku)"
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
          h.createQuery("SELECT document FROM products")
              .mapTo(String.class)
              .forEach(d -> items.addAll(DocumentJson.read(d, Product.class).items()));
          items.sort(Comparator.comparing(SellableItem::sku));
          return items;
        });
  }

  @Override
  public void saveCategory(Category category) {
    work.write(
        h -> {
          List<Category> all = new ArrayList<>(categories(h));
          int at = -1;
          for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id().equals(category.id())) {
              at = i;
            }
          }
          if (at >= 0) {
            all.set(at, category); // a replaced category keeps its place, as in a LinkedHashMap
          } else {
            all.add(category);
          }
          CategoryTree.of(all); // validates before anything changes
          return h.createUpdate(
                  "INSERT INTO categories (category_id, name, parent_id) VALUES (:id, :n, :p)"
                      + " ON CONFLICT (category_id) DO UPDATE SET name = :n, parent_id = :p")
              .bind("id", category.id().value())
              .bind("n", category.name())
              .bind("p", category.parent().map(CategoryId::value).orElse(null))
              .execute();
        });
  }

  @Override
  public CategoryTree categories() {
    return work.with(h -> CategoryTree.of(categories(h)));
  }

  private static List<Category> categories(Handle h) {
    return h.createQuery("SELECT category_id, name, parent_id FROM categories ORDER BY seq")
        .map(
            (rs, ctx) ->
                new Category(
                    CategoryId.of(rs.getString(1)),
                    rs.getString(2),
                    Optional.ofNullable(rs.getString(3)).map(CategoryId::of)))
        .list();
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}
