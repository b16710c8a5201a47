package io.vruksha.retail.memory;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.procurement.Procurement;
import io.vruksha.retail.procurement.PurchaseOrder;
import io.vruksha.retail.procurement.Supplier;
import io.vruksha.retail.store.StoreId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Procurement} in memory. Thread-safe (one monitor); order writes undo on rollback. */
public final class InMemoryProcurement implements Procurement {

  private final Map<String, Supplier> suppliers = new LinkedHashMap<>();
  private final Map<String, PurchaseOrder> orders = new LinkedHashMap<>();

  @Override
  public synchronized void saveSupplier(Supplier supplier) {
    suppliers.put(supplier.id(), supplier);
  }

  @Override
  public synchronized Optional<Supplier> supplier(String id) {
    return Optional.ofNullable(suppliers.get(id));
  }

  @Override
  public synchronized List<Supplier> suppliersOf(Sku sku) {
    // as PostgreSQL lists them: by supplier id
    return suppliers.values().stream()
        .filter(s -> s.items().containsKey(sku))
        .sorted(Comparator.comparing(Supplier::id))
        .toList();
  }

  @Override
  public synchronized void saveOrder(PurchaseOrder order) {
    PurchaseOrder before = orders.put(order.id(), order);
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            if (before == null) {
              orders.remove(order.id());
            } else {
              orders.put(order.id(), before);
            }
          }
        });
  }

  @Override
  public synchronized Optional<PurchaseOrder> order(String id) {
    return Optional.ofNullable(orders.get(id));
  }

  @Override
  public synchronized List<PurchaseOrder> orders(StoreId store) {
    // as PostgreSQL lists them: drafting instant, then id
    return orders.values().stream()
        .filter(o -> o.store().equals(store))
        .sorted(Comparator.comparing(PurchaseOrder::createdAt).thenComparing(PurchaseOrder::id))
        .toList();
  }
}
