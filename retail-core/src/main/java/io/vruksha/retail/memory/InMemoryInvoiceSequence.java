package io.vruksha.retail.memory;

import io.vruksha.retail.invoicing.InvoiceSequence;
import io.vruksha.retail.store.StoreId;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link InvoiceSequence} in memory: a counter per store, series and year. Thread-safe (one
 * monitor); a number taken inside a unit of work that rolls back is given back, so no gap appears.
 */
public final class InMemoryInvoiceSequence implements InvoiceSequence {

  private final Map<String, Long> counters = new HashMap<>();

  @Override
  public synchronized long next(StoreId store, String series, int year) {
    String key = store.value() + "|" + series + "|" + year;
    long next = counters.getOrDefault(key, 0L) + 1;
    counters.put(key, next);
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            counters.put(key, next - 1);
          }
        });
    return next;
  }
}
