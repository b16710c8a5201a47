package io.vruksha.retail.memory;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RuleViolationException;
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

  /**
   * Records a key once: a key already recorded is refused as a duplicate and keeps its first
   * record, as the databases' primary key does.
   */
  @Override
  public void save(Entry entry) {
    String id = entry.store().value() + "|" + entry.key();
    if (entries.putIfAbsent(id, entry) != null) {
      throw new RuleViolationException(
          ErrorCode.DUPLICATE,
          "idempotency key '" + entry.key() + "' was already used at " + entry.store());
    }
    InMemoryUnitOfWork.onRollback(() -> entries.remove(id, entry));
  }
}
