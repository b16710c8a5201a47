package io.vruksha.retail.memory;

import io.vruksha.retail.sale.IdempotencyStore;
import io.vruksha.retail.store.StoreId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link IdempotencyStore} in a concurrent map. Thread-safe; saves undo on rollback. */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  @Override
  public Optional<Entry> find(StoreId store, String key) {
    return Optional.ofNullable(entries.get(store.value() + "|" + key));
  }

  @Override
  public void save(Entry entry) {
    String id = entry.store().value() + "|" + entry.key();
    entries.put(id, entry);
    InMemoryUnitOfWork.onRollback(() -> entries.remove(id));
  }
}
