package io.vruksha.retail.memory;

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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Catalog} in memory. Thread-safe: writers serialise on the catalogue's monitor and publish
 * immutable snapshots; readers read the current snapshot without locking, so a till never sees half
 * of a product.
 */
public final class InMemoryCatalog implements Catalog {

  private record Snapshot(
      Map<ProductId, Product> products,
      Map<Sku, SellableItem> items,
      Map<String, Sku> barcodes,
      Map<CategoryId, Category> categories,
      CategoryTree tree) {}

  private volatile Snapshot snapshot =
      new Snapshot(Map.of(), Map.of(), Map.of(), Map.of(), CategoryTree.empty());

  @Override
  public synchronized void save(Product product) {
    Snapshot s = snapshot;
    Map<ProductId, Product> products = new HashMap<>(s.products());
    Map<Sku, SellableItem> items = new HashMap<>(s.items());
    Map<String, Sku> barcodes = new HashMap<>(s.barcodes());
    Product previous = products.put(product.id(), product);
    if (previous != null) {
      for (Variant v : previous.variants()) {
        items.remove(v.sku());
        v.barcodes().forEach(b -> barcodes.remove(b.toGtin13()));
      }
    }
    for (Variant v : product.variants()) {
      SellableItem other = items.get(v.sku());
      if (other != null) {
        throw new InvalidInputException(
            ErrorCode.DUPLICATE,
            "SKU " + v.sku() + " already belongs to product " + other.product());
      }
      for (Barcode b : v.barcodes()) {
        Sku owner = barcodes.get(b.toGtin13());
        if (owner != null) {
          throw Catalog.barcodeTaken(b, owner.value(), items.get(owner).product().value());
        }
        barcodes.put(b.toGtin13(), v.sku());
      }
    }
    product.items().forEach(i -> items.put(i.sku(), i));
    snapshot =
        new Snapshot(
            Map.copyOf(products),
            Map.copyOf(items),
            Map.copyOf(barcodes),
            s.categories(),
            s.tree());
  }

  @Override
  public Optional<Product> product(ProductId id) {
    return Optional.ofNullable(snapshot.products().get(id));
  }

  @Override
  public Optional<SellableItem> item(Sku sku) {
    return Optional.ofNullable(snapshot.items().get(sku));
  }

  @Override
  public Optional<SellableItem> itemByBarcode(Barcode barcode) {
    Snapshot s = snapshot;
    return Optional.ofNullable(s.barcodes().get(barcode.toGtin13())).map(s.items()::get);
  }

  @Override
  public List<SellableItem> items() {
    return snapshot.items().values().stream()
        .sorted(Comparator.comparing(SellableItem::sku))
        .toList();
  }

  @Override
  public synchronized void saveCategory(Category category) {
    Snapshot s = snapshot;
    Map<CategoryId, Category> categories = new LinkedHashMap<>(s.categories());
    categories.put(category.id(), category);
    CategoryTree tree = CategoryTree.of(categories.values()); // validates before anything changes
    snapshot = new Snapshot(s.products(), s.items(), s.barcodes(), Map.copyOf(categories), tree);
  }

  @Override
  public CategoryTree categories() {
    return snapshot.tree();
  }
}
