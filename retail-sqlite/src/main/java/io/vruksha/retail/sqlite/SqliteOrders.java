package io.vruksha.retail.sqlite;

import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.order.Order;
import io.vruksha.retail.order.Orders;
import io.vruksha.retail.store.StoreId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link Orders} on SQLite: one row per order, the order as a JSON document beside the columns it
 * is looked up and listed by (placing instant, then id, as PostgreSQL lists them). The store's one
 * writer makes {@link #lock} plain reading. Thread-safe.
 */
public final class SqliteOrders implements Orders {

  private final SqliteUnitOfWork work;

  /** The orders of {@code db}. */
  public SqliteOrders(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void save(Order o) {
    work.write(
        h ->
            h.createUpdate(
                    "INSERT INTO fulfilment_orders (store_id, order_id, placed_at, customer_id,"
                        + " document) VALUES (:s, :id, :p, :c, :doc) ON CONFLICT (store_id,"
                        + " order_id) DO UPDATE SET customer_id = :c, document = :doc")
                .bind("s", o.store().value())
                .bind("id", o.id())
                .bind("p", SqliteValues.micros(o.placedAt()))
                .bind("c", o.customerId().orElse(null))
                .bind("doc", DocumentJson.write(o))
                .execute());
  }

  @Override
  public Optional<Order> find(StoreId store, String id) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document FROM fulfilment_orders WHERE store_id = :s AND order_id = :id")
                .bind("s", store.value())
                .bind("id", id)
                .mapTo(String.class)
                .findOne()
                .map(d -> DocumentJson.read(d, Order.class)));
  }

  @Override
  public List<Order> list(StoreId store) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document FROM fulfilment_orders WHERE store_id = :s"
                        + " ORDER BY placed_at, order_id")
                .bind("s", store.value())
                .mapTo(String.class)
                .map(d -> DocumentJson.read(d, Order.class))
                .list());
  }

  @Override
  public List<Key> forgetCustomer(String customerId) {
    return work.write(
        h -> {
          List<Order> theirs =
              h.createQuery(
                      "SELECT document FROM fulfilment_orders WHERE customer_id = :c"
                          + " ORDER BY store_id, placed_at, order_id")
                  .bind("c", customerId)
                  .mapTo(String.class)
                  .map(d -> DocumentJson.read(d, Order.class))
                  .list();
          List<Key> keys = new ArrayList<>();
          for (Order o : theirs) {
            if (!o.contact().equals(Order.FORGOTTEN_CONTACT)) {
              save(o.withoutContact());
            }
            keys.add(new Key(o.store(), o.id()));
          }
          return keys;
        });
  }
}
