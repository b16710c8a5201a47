package io.vruksha.retail.tax;

import io.vruksha.retail.store.StoreId;
import java.util.Optional;

/** Port: which tax jurisdiction each store sells in. Implementations must be thread-safe. */
public interface TaxRules {

  /** Sets (or replaces) the jurisdiction of {@code store}. */
  void assign(StoreId store, TaxJurisdiction jurisdiction);

  /** The jurisdiction of {@code store}. */
  Optional<TaxJurisdiction> jurisdictionOf(StoreId store);
}
