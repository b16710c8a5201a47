package io.vruksha.retail.memory;

import io.vruksha.retail.invoicing.Invoice;
import io.vruksha.retail.invoicing.Invoices;
import io.vruksha.retail.store.StoreId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Invoices} in memory. Thread-safe (one monitor); saves undo on rollback. */
public final class InMemoryInvoices implements Invoices {

  private final Map<String, Invoice> invoices = new LinkedHashMap<>();

  @Override
  public synchronized void save(Invoice invoice) {
    String key = key(invoice.store(), invoice.number());
    Invoice before = invoices.put(key, invoice);
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            if (before == null) {
              invoices.remove(key);
            } else {
              invoices.put(key, before);
            }
          }
        });
  }

  @Override
  public synchronized Optional<Invoice> find(StoreId store, String number) {
    return Optional.ofNullable(invoices.get(key(store, number)));
  }

  private static String key(StoreId store, String number) {
    return store.value() + '\u0000' + number;
  }

  @Override
  public synchronized Optional<Invoice> forSale(String saleId) {
    return invoices.values().stream()
        .filter(i -> i.saleId().map(saleId::equals).orElse(false))
        .findFirst();
  }

  @Override
  public synchronized List<Invoice> list(StoreId store) {
    // as PostgreSQL lists them: issuing instant, then number
    return invoices.values().stream()
        .filter(i -> i.store().equals(store))
        .sorted(Comparator.comparing(Invoice::issuedAt).thenComparing(Invoice::number))
        .toList();
  }
}
