package io.vruksha.retail.catalog;

import io.vruksha.retail.cache.KeyValueCache;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Cache-aside in front of a {@link Catalog}: item, barcode and category-tree reads — the pricing
 * hot path — are served from the cache for {@code ttl}; every write goes to the catalogue and then
 * drops the catalogue's cached entries. Thread-safe when its parts are.
 */
public final class CachingCatalog implements Catalog {

  private static final String PREFIX = "catalog:";
  private final Catalog delegate;
  private final KeyValueCache cache;
  private final Duration ttl;

  /** Caches {@code delegate}'s reads in {@code cache} for {@code ttl}. */
  public CachingCatalog(Catalog delegate, KeyValueCache cache, Duration ttl) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.cache = Objects.requireNonNull(cache, "cache");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
  }

  @Override
  public void save(Product product) {
    delegate.save(product);
    cache.deletePrefix(PREFIX);
  }

  @Override
  public Optional<Product> product(ProductId id) {
    return delegate.product(id);
  }

  @Override
  public Optional<SellableItem> item(Sku sku) {
    return cached(PREFIX + "sku:" + sku.value(), () -> delegate.item(sku));
  }

  @Override
  public Optional<SellableItem> itemByBarcode(Barcode barcode) {
    return cached(PREFIX + "barcode:" + barcode.toGtin13(), () -> delegate.itemByBarcode(barcode));
  }

  private Optional<SellableItem> cached(String key, Supplier<Optional<SellableItem>> load) {
    return cache.getOrLoad(key, SellableItem.class, ttl, load);
  }

  @Override
  public List<SellableItem> items() {
    return delegate.items();
  }

  @Override
  public void saveCategory(Category category) {
    delegate.saveCategory(category);
    cache.deletePrefix(PREFIX);
  }

  @Override
  public CategoryTree categories() {
    String key = PREFIX + "categories";
    return cache
        .get(key, CategoryTree.class)
        .orElseGet(
            () -> {
              CategoryTree tree = delegate.categories();
              cache.put(key, tree, ttl);
              return tree;
            });
  }
}
