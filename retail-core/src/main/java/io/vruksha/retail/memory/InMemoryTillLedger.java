package io.vruksha.retail.memory;

import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.sync.TillFlag;
import io.vruksha.retail.sync.TillLedger;
import io.vruksha.retail.sync.TillPosition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link TillLedger} in memory. Thread-safe (one monitor); writes undo on rollback. Units of work
 * run one at a time in memory, so a position read is held until its unit ends.
 */
public final class InMemoryTillLedger implements TillLedger {

  private final Map<StoreId, TreeMap<String, List<FiscalDocument>>> entries = new HashMap<>();
  private final Map<StoreId, List<TillFlag>> flags = new HashMap<>();

  @Override
  public synchronized TillPosition position(StoreId store, String till) {
    List<FiscalDocument> list = entries.getOrDefault(store, new TreeMap<>()).get(till);
    if (list == null || list.isEmpty()) {
      return TillPosition.START;
    }
    FiscalDocument last = list.get(list.size() - 1);
    return new TillPosition(last.sequence(), last.hash());
  }

  @Override
  public synchronized void accept(StoreId store, String till, FiscalDocument entry) {
    TillPosition at = position(store, till);
    if (entry.sequence() != at.acceptedUpTo() + 1 || !entry.previousHash().equals(at.lastHash())) {
      throw new IllegalStateException(
          "till "
              + till
              + " entry "
              + entry.sequence()
              + " does not follow the centre's position "
              + at.acceptedUpTo());
    }
    List<FiscalDocument> list =
        entries
            .computeIfAbsent(store, s -> new TreeMap<>())
            .computeIfAbsent(till, t -> new ArrayList<>());
    list.add(entry);
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            list.remove(entry);
          }
        });
  }

  @Override
  public synchronized List<FiscalDocument> entries(StoreId store, String till) {
    return List.copyOf(entries.getOrDefault(store, new TreeMap<>()).getOrDefault(till, List.of()));
  }

  @Override
  public synchronized List<String> tills(StoreId store) {
    return List.copyOf(entries.getOrDefault(store, new TreeMap<>()).keySet());
  }

  @Override
  public synchronized void flag(TillFlag flag) {
    List<TillFlag> list = flags.computeIfAbsent(flag.store(), s -> new ArrayList<>());
    list.add(flag);
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            list.remove(flag);
          }
        });
  }

  @Override
  public synchronized List<TillFlag> flags(StoreId store) {
    return List.copyOf(flags.getOrDefault(store, List.of()));
  }

  /** Replaces an entry as stored, for tests that tamper with a till's chain at the centre. */
  public synchronized void tamper(StoreId store, String till, int index, FiscalDocument entry) {
    entries.get(store).get(till).set(index, entry);
  }
}
