package io.vruksha.retail.postgres;

import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.sale.Cart;
import io.vruksha.retail.sale.CartStore;
import io.vruksha.retail.store.StoreId;
import java.util.List;
import java.util.Optional;

/**
 * {@link CartStore} on PostgreSQL, so a cart parked at one till resumes at another. Thread-safe.
 */
public final class PostgresCartStore implements CartStore {

  private final PostgresUnitOfWork work;

  /** The carts of {@code db}. */
  public PostgresCartStore(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void save(Cart c) {
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO carts VALUES (:id, :s, :p, CAST(:doc AS jsonb))"
                        + " ON CONFLICT (cart_id) DO UPDATE SET parked = :p, document = CAST(:doc AS jsonb)")
                .bind("id", c.id())
                .bind("s", c.store().value())
                .bind("p", c.parked())
                .bind("doc", DocumentJson.write(c))
                .execute());
  }

  @Override
  public Optional<Cart> find(String cartId) {
    return work.with(
        h ->
            h.createQuery("SELECT document::text FROM carts WHERE cart_id = :id")
                .bind("id", cartId)
                .mapTo(String.class)
                .findOne()
                .map(d -> DocumentJson.read(d, Cart.class)));
  }

  @Override
  public void remove(String cartId) {
    work.with(
        h -> h.createUpdate("DELETE FROM carts WHERE cart_id = :id").bind("id", cartId).execute());
  }

  @Override
  public List<Cart> parked(StoreId store) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document::text FROM carts WHERE store_id = :s AND parked ORDER BY cart_id")
                .bind("s", store.value())
                .mapTo(String.class)
                .map(d -> DocumentJson.read(d, Cart.class))
                .list());
  }
}
