package io.vruksha.retail.memory;

import io.vruksha.retail.loyalty.LoyaltyEntry;
import io.vruksha.retail.loyalty.LoyaltyLedger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link LoyaltyLedger} in memory. Thread-safe (one monitor); appends undo on rollback. */
public final class InMemoryLoyaltyLedger implements LoyaltyLedger {

  private final Map<String, List<LoyaltyEntry>> entries = new HashMap<>();

  @Override
  public synchronized void append(LoyaltyEntry entry) {
    List<LoyaltyEntry> list = entries.computeIfAbsent(entry.customerId(), c -> new ArrayList<>());
    list.add(entry);
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            list.remove(entry);
          }
        });
  }

  @Override
  public synchronized List<LoyaltyEntry> entries(String customerId) {
    return List.copyOf(entries.getOrDefault(customerId, List.of()));
  }
}
