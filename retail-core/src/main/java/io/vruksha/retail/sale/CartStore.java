package io.vruksha.retail.sale;

import io.vruksha.retail.store.StoreId;
import java.util.List;
import java.util.Optional;

/** Port: open and parked carts. Implementations must be thread-safe. */
public interface CartStore {

  /** Creates or replaces a cart. */
  void save(Cart cart);

  /** The cart with this id. */
  Optional<Cart> find(String cartId);

  /** Removes a cart (checked out or voided). */
  void remove(String cartId);

  /** A store's parked carts. */
  List<Cart> parked(StoreId store);
}
