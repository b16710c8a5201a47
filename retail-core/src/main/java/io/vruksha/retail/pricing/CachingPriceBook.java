package io.vruksha.retail.pricing;

import io.vruksha.retail.cache.KeyValueCache;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.store.StoreId;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Cache-aside in front of a {@link PriceBook}: the per-SKU price entries pricing reads are served
 * from the cache for {@code ttl}; a price change drops that SKU's entries, a list change drops them
 * all. Thread-safe when its parts are.
 */
public final class CachingPriceBook implements PriceBook {

  private static final String PREFIX = "price:";
  private final PriceBook delegate;
  private final KeyValueCache cache;
  private final Duration ttl;

  /** Caches {@code delegate}'s entry reads in {@code cache} for {@code ttl}. */
  public CachingPriceBook(PriceBook delegate, KeyValueCache cache, Duration ttl) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.cache = Objects.requireNonNull(cache, "cache");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
  }

  /** A cached list of entries (a class, so the cache can check the type it hands back). */
  private record Entries(List<PriceEntry> entries) {}

  @Override
  public void saveList(PriceList list) {
    delegate.saveList(list);
    cache.deletePrefix(PREFIX);
  }

  @Override
  public Optional<PriceList> list(PriceListId id) {
    return delegate.list(id);
  }

  @Override
  public List<PriceList> lists() {
    return delegate.lists();
  }

  @Override
  public PriceChange setPrice(
      PriceListId list, Sku sku, UnitPrice price, Instant at, String changedBy) {
    PriceChange change = delegate.setPrice(list, sku, price, at, changedBy);
    cache.deletePrefix(PREFIX + sku.value() + "|");
    return change;
  }

  @Override
  public List<PriceEntry> entries(Sku sku, StoreId store, Currency currency) {
    String key = PREFIX + sku.value() + "|" + store.value() + "|" + currency.getCurrencyCode();
    return cache
        .get(key, Entries.class)
        .map(Entries::entries)
        .orElseGet(
            () -> {
              List<PriceEntry> entries = delegate.entries(sku, store, currency);
              cache.put(key, new Entries(List.copyOf(entries)), ttl);
              return entries;
            });
  }

  @Override
  public List<PriceChange> history(Sku sku) {
    return delegate.history(sku);
  }
}
