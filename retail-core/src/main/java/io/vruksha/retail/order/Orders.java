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

  /**
   * Replaces the contact of every order of customer {@code customerId}, in every store, with {@link
   * Order#FORGOTTEN_CONTACT}, once that customer is anonymised, and answers the keys of all their
   * orders (those already forgotten included, so the step can be repeated). Called by the
   * anonymisation's unit of work; adapters under row-level security reach the other stores through
   * a narrow function that checks the customer is anonymised.
   */
  List<Key> forgetCustomer(String customerId);

  /**
   * An order's key.
   *
   * @param store its store
   * @param orderId its id
   */
  record Key(StoreId store, String orderId) {}
}
