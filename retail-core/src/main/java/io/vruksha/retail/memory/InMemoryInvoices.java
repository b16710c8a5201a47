package io.vruksha.retail.memory;

import io.vruksha.retail.invoicing.Invoice;
import io.vruksha.retail.invoicing.Invoices;
import io.vruksha.retail.store.StoreId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Invoices} in memory. Thread-safe (one monitor); saves undo on rollback. */
public final class InMemoryInvoices implements Invoices {

  private final Map<String, Invoice> invoices = new LinkedHashMap<>();

  @Override
  public synchronized void save(Invoice invoice) {
    Invoice before = invoices.put(invoice.number(), invoice);
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            if (before == null) {
              invoices.remove(invoice.number());
            } else {
              invoices.put(invoice.number(), before);
            }
          }
        });
  }

  @Override
  public synchronized Optional<Invoice> find(String number) {
    return Optional.ofNullable(invoices.get(number));
  }

  @Override
  public synchronized Optional<Invoice> forSale(String saleId) {
    return invoices.values().stream()
        .filter(i -> i.saleId().map(saleId::equals).orElse(false))
        .findFirst();
  }

  @Override
  public synchronized List<Invoice> list(StoreId store) {
    return invoices.values().stream().filter(i -> i.store().equals(store)).toList();
  }
}
