package io.vruksha.retail.tax;

import io.vruksha.retail.cache.KeyValueCache;
import io.vruksha.retail.store.StoreId;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Cache-aside in front of {@link TaxRules}: a store's jurisdiction — read in every checkout — is
 * served from the cache for {@code ttl}; an assignment drops it. Another process's assignment shows
 * within {@code ttl} (at once with a shared cache whose deletes reach every process), as prices do.
 * Thread-safe when its parts are.
 */
public final class CachingTaxRules implements TaxRules {

  private static final String PREFIX = "tax-jurisdiction:";
  private final TaxRules delegate;
  private final KeyValueCache cache;
  private final Duration ttl;

  /** Caches {@code delegate}'s jurisdictions by store in {@code cache} for {@code ttl}. */
  public CachingTaxRules(TaxRules delegate, KeyValueCache cache, Duration ttl) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.cache = Objects.requireNonNull(cache, "cache");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
  }

  @Override
  public void assign(StoreId store, TaxJurisdiction jurisdiction) {
    delegate.assign(store, jurisdiction);
    cache.delete(PREFIX + store.value());
  }

  @Override
  public Optional<TaxJurisdiction> jurisdictionOf(StoreId store) {
    return cache.getOrLoad(
        PREFIX + store.value(), TaxJurisdiction.class, ttl, () -> delegate.jurisdictionOf(store));
  }
}
