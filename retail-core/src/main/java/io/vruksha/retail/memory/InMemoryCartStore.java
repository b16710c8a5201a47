package io.vruksha.retail.memory;

import io.vruksha.retail.sale.Cart;
import io.vruksha.retail.sale.CartStore;
import io.vruksha.retail.store.StoreId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link CartStore} in a concurrent map. Thread-safe; a removal undoes on rollback. */
public final class InMemoryCartStore implements CartStore {

  private final Map<String, Cart> carts = new ConcurrentHashMap<>();

  @Override
  public void save(Cart cart) {
    carts.put(cart.id(), cart);
  }

  @Override
  public Optional<Cart> find(String cartId) {
    return Optional.ofNullable(carts.get(cartId));
  }

  @Override
  public void remove(String cartId) {
    Cart removed = carts.remove(cartId);
    if (removed != null) {
      InMemoryUnitOfWork.onRollback(() -> carts.put(cartId, removed));
    }
  }

  @Override
  public List<Cart> parked(StoreId store) {
    return carts.values().stream().filter(c -> c.store().equals(store) && c.parked()).toList();
  }
}
