package io.vruksha.retail.memory;

import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.invoicing.Journal;
import io.vruksha.retail.store.StoreId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Journal} in memory, per store. Thread-safe (one monitor); appends undo on rollback. */
public final class InMemoryJournal implements Journal {

  private final Map<StoreId, List<FiscalDocument>> entries = new HashMap<>();

  @Override
  public synchronized Optional<FiscalDocument> last(StoreId store) {
    List<FiscalDocument> list = entries.getOrDefault(store, List.of());
    return list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
  }

  @Override
  public synchronized void append(FiscalDocument document) {
    List<FiscalDocument> list = entries.computeIfAbsent(document.store(), s -> new ArrayList<>());
    list.add(document);
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            list.remove(document);
          }
        });
  }

  @Override
  public synchronized List<FiscalDocument> entries(StoreId store) {
    return List.copyOf(entries.getOrDefault(store, List.of()));
  }

  /** Replaces an entry as stored, for tests that tamper with the journal. */
  public synchronized void tamper(StoreId store, int index, FiscalDocument replacement) {
    entries.get(store).set(index, replacement);
  }

  /** Removes an entry as stored, for tests that tamper with the journal. */
  public synchronized void tamperRemove(StoreId store, int index) {
    entries.get(store).remove(index);
  }
}
