package io.vruksha.retail.order;

import io.vruksha.retail.store.StoreId;
import java.util.List;
import java.util.Optional;

/**
 * Port: orders for later fulfilment. Writes happen inside the unit of work of the step that made
 * them. Implementations must be thread-safe.
 */
public interface Orders {

  /** Saves an order, new or changed. */
  void save(Order order);

  /** The order {@code id} of {@code store}. */
  Optional<Order> find(StoreId store, String id);

  /**
   * The order {@code id} of {@code store}, locked for a step until the unit of work ends, so two
   * staff members cannot collect or cancel it at once. Adapters without locks simply find it (the
   * in-memory unit of work already runs one at a time).
   */
  default Optional<Order> lock(StoreId store, String id) {
    return find(store, id);
  }

  /** The store's orders, oldest first. */
  List<Order> list(StoreId store);
}
