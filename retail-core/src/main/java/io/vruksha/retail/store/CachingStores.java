package io.vruksha.retail.store;

import io.vruksha.retail.cache.KeyValueCache;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Cache-aside in front of {@link Stores}: a store read by id — twice in every checkout — is served
 * from the cache for {@code ttl}; a save drops it. Thread-safe when its parts are.
 */
public final class CachingStores implements Stores {

  private static final String PREFIX = "store:";
  private final Stores delegate;
  private final KeyValueCache cache;
  private final Duration ttl;

  /** Caches {@code delegate}'s reads by id in {@code cache} for {@code ttl}. */
  public CachingStores(Stores delegate, KeyValueCache cache, Duration ttl) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.cache = Objects.requireNonNull(cache, "cache");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
  }

  @Override
  public void save(Store store) {
    delegate.save(store);
    cache.delete(PREFIX + store.id().value());
  }

  @Override
  public Optional<Store> find(StoreId id) {
    return cache.getOrLoad(PREFIX + id.value(), Store.class, ttl, () -> delegate.find(id));
  }

  @Override
  public List<Store> all() {
    return delegate.all();
  }
}
