package io.vruksha.retail.memory;

import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.store.Stores;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Stores} in a concurrent map. Thread-safe. */
public final class InMemoryStores implements Stores {

  private final Map<StoreId, Store> stores = new ConcurrentHashMap<>();

  @Override
  public void save(Store store) {
    stores.put(store.id(), store);
  }

  @Override
  public Optional<Store> find(StoreId id) {
    return Optional.ofNullable(stores.get(id));
  }

  @Override
  public List<Store> all() {
    return stores.values().stream().sorted(Comparator.comparing(Store::id)).toList();
  }
}
