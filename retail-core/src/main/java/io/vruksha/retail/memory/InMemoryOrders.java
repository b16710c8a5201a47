package io.vruksha.retail.memory;

import io.vruksha.retail.order.Order;
import io.vruksha.retail.order.Orders;
import io.vruksha.retail.store.StoreId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Orders} in memory. Thread-safe (one monitor); writes undo on rollback. */
public final class InMemoryOrders implements Orders {

  private final Map<String, Order> orders = new LinkedHashMap<>();

  private static String key(StoreId store, String id) {
    return store.value() + "\u0000" + id;
  }

  @Override
  public synchronized void save(Order order) {
    String key = key(order.store(), order.id());
    Order before = orders.put(key, order);
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            if (before == null) {
              orders.remove(key);
            } else {
              orders.put(key, before);
            }
          }
        });
  }

  @Override
  public synchronized Optional<Order> find(StoreId store, String id) {
    return Optional.ofNullable(orders.get(key(store, id)));
  }

  @Override
  public synchronized List<Order> list(StoreId store) {
    // as PostgreSQL lists them: placing instant, then id
    return orders.values().stream()
        .filter(o -> o.store().equals(store))
        .sorted(Comparator.comparing(Order::placedAt).thenComparing(Order::id))
        .toList();
  }

  @Override
  public synchronized List<Key> forgetCustomer(String customerId) {
    List<Order> theirs =
        orders.values().stream()
            .filter(o -> o.customerId().equals(Optional.of(customerId)))
            .toList();
    for (Order o : theirs) {
      if (!o.contact().equals(Order.FORGOTTEN_CONTACT)) {
        save(o.withoutContact());
      }
    }
    return theirs.stream().map(o -> new Key(o.store(), o.id())).toList();
  }
}
