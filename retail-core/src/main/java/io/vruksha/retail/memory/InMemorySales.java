package io.vruksha.retail.memory;

import io.vruksha.retail.sale.ReturnReceipt;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.SaleQuery;
import io.vruksha.retail.sale.Sales;
import io.vruksha.retail.store.StoreId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Sales} in memory. Thread-safe (one monitor); saves undo on rollback. */
public final class InMemorySales implements Sales {

  /** As PostgreSQL lists returns: return instant, then id. */
  private static final Comparator<ReturnReceipt> RETURNS_ORDER =
      Comparator.comparing(ReturnReceipt::at).thenComparing(ReturnReceipt::id);

  private final Map<String, Sale> sales = new LinkedHashMap<>();
  private final List<ReturnReceipt> returns = new ArrayList<>();

  @Override
  public synchronized void save(Sale sale) {
    sales.put(sale.id(), sale);
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            sales.remove(sale.id());
          }
        });
  }

  @Override
  public synchronized Optional<Sale> find(String saleId) {
    return Optional.ofNullable(sales.get(saleId));
  }

  @Override
  public synchronized List<Sale> list(StoreId store) {
    // as PostgreSQL lists them: sale instant, then receipt number
    return sales.values().stream()
        .filter(s -> s.store().equals(store))
        .sorted(Comparator.comparing(Sale::at).thenComparing(Sale::number))
        .toList();
  }

  @Override
  public synchronized List<Sale> search(SaleQuery query) {
    return sales.values().stream()
        .filter(s -> query.matches(s, returns.stream().anyMatch(r -> r.saleId().equals(s.id()))))
        .sorted(Comparator.comparing(Sale::at).thenComparing(Sale::number).reversed())
        .limit(query.limit())
        .toList();
  }

  @Override
  public synchronized void saveReturn(ReturnReceipt receipt) {
    returns.add(receipt);
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            returns.remove(receipt);
          }
        });
  }

  @Override
  public synchronized List<ReturnReceipt> returnsOf(String saleId) {
    return returns.stream().filter(r -> r.saleId().equals(saleId)).sorted(RETURNS_ORDER).toList();
  }

  @Override
  public synchronized List<ReturnReceipt> returns(StoreId store) {
    return returns.stream().filter(r -> r.store().equals(store)).sorted(RETURNS_ORDER).toList();
  }

  @Override
  public synchronized Optional<ReturnReceipt> returnByNumber(
      StoreId store, String creditNoteNumber) {
    return returns.stream()
        .filter(r -> r.store().equals(store) && r.creditNoteNumber().equals(creditNoteNumber))
        .findFirst();
  }
}
