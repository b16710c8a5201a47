package io.vruksha.retail.sqlite;

import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.sale.Cart;
import io.vruksha.retail.sale.CartStore;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.util.List;
import java.util.Optional;

/**
 * {@link CartStore} on SQLite: each cart one JSON document ({@link DocumentJson}) beside its store
 * and whether it is parked, so a cart parked before the till restarts is there after it.
 * Thread-safe.
 */
public final class SqliteCartStore implements CartStore, JoinsUnitOfWork {

  private final SqliteUnitOfWork work;

  /** The carts of {@code db}. */
  public SqliteCartStore(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void save(Cart c) {
    work.write(
        h ->
            h.createUpdate(
                    "INSERT INTO carts VALUES (:id, :s, :p, :doc) ON CONFLICT (cart_id)"
                        + " DO UPDATE SET store_id = :s, parked = :p, document = :doc")
                .bind("id", c.id())
                .bind("s", c.store().value())
                .bind("p", c.parked() ? 1 : 0)
                .bind("doc", DocumentJson.write(c))
                .execute());
  }

  @Override
  public Optional<Cart> find(String cartId) {
    return work.with(
        h ->
            h.createQuery("SELECT document FROM carts WHERE cart_id = :id")
                .bind("id", cartId)
                .mapTo(String.class)
                .findOne()
                .map(d -> DocumentJson.read(d, Cart.class)));
  }

  @Override
  public void remove(String cartId) {
    work.write(
        h -> h.createUpdate("DELETE FROM carts WHERE cart_id = :id").bind("id", cartId).execute());
  }

  @Override
  public List<Cart> parked(StoreId store) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document FROM carts WHERE store_id = :s AND parked = 1 ORDER BY cart_id COLLATE JAVA")
                .bind("s", store.value())
                .mapTo(String.class)
                .map(d -> DocumentJson.read(d, Cart.class))
                .list());
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}
