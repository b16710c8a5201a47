package io.vruksha.retail.memory;

import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.tax.TaxJurisdiction;
import io.vruksha.retail.tax.TaxRules;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link TaxRules} in a concurrent map. Thread-safe. */
public final class InMemoryTaxRules implements TaxRules {

  private final Map<StoreId, TaxJurisdiction> byStore = new ConcurrentHashMap<>();

  @Override
  public void assign(StoreId store, TaxJurisdiction jurisdiction) {
    byStore.put(store, jurisdiction);
  }

  @Override
  public Optional<TaxJurisdiction> jurisdictionOf(StoreId store) {
    return Optional.ofNullable(byStore.get(store));
  }
}
