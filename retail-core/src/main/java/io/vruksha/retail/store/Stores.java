package io.vruksha.retail.store;

import java.util.List;
import java.util.Optional;

/** Port: the stores the engine serves. Implementations must be thread-safe. */
public interface Stores {

  /** Creates or replaces a store. */
  void save(Store store);

  /** The store with this id. */
  Optional<Store> find(StoreId id);

  /** Every store, ordered by id. */
  List<Store> all();
}
