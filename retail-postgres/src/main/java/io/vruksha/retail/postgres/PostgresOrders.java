package io.vruksha.retail.postgres;

import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.order.Order;
import io.vruksha.retail.order.Orders;
import io.vruksha.retail.store.StoreId;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * {@link Orders} on PostgreSQL: one row per order, its lines in a JSON document beside the columns
 * reports filter on. {@link #lock} takes the row lock ({@code FOR UPDATE}) so two steps on one
 * order queue. Thread-safe.
 */
public final class PostgresOrders implements Orders {

  private final PostgresUnitOfWork work;

  /** The orders of {@code db}. */
  public PostgresOrders(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void save(Order o) {
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO fulfilment_orders (store_id, order_id, channel, status, customer_id,"
                        + " placed_at, reserved_until, total, refunded, currency, sale_id, receipt_number,"
                        + " updated_at, document) VALUES (:s, :id, :ch, :st, :c, :p, :r, :t, :ref, :cur,"
                        + " :sale, :receipt, :u, CAST(:doc AS jsonb))"
                        + " ON CONFLICT (store_id, order_id) DO UPDATE SET status = :st, refunded = :ref,"
                        + " sale_id = :sale, receipt_number = :receipt, updated_at = :u,"
                        + " document = CAST(:doc AS jsonb)")
                .bind("s", o.store().value())
                .bind("id", o.id())
                .bind("ch", o.channel().name())
                .bind("st", o.status().name())
                .bind("c", o.customerId().orElse(null))
                .bind("p", Timestamp.from(o.placedAt()))
                .bind("r", Timestamp.from(o.reservedUntil()))
                .bind("t", o.total().amount())
                .bind("ref", o.refunded().amount())
                .bind("cur", o.total().currency().getCurrencyCode())
                .bind("sale", o.saleId().orElse(null))
                .bind("receipt", o.receiptNumber().orElse(null))
                .bind("u", Timestamp.from(o.updatedAt()))
                .bind("doc", DocumentJson.write(o))
                .execute());
  }

  @Override
  public Optional<Order> find(StoreId store, String id) {
    return read(store, id, "");
  }

  @Override
  public Optional<Order> lock(StoreId store, String id) {
    return read(store, id, " FOR UPDATE");
  }

  private Optional<Order> read(StoreId store, String id, String lock) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document::text FROM fulfilment_orders WHERE store_id = :s AND order_id = :id"
                        + lock)
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
                    "SELECT document::text FROM fulfilment_orders WHERE store_id = :s"
                        + " ORDER BY placed_at, order_id")
                .bind("s", store.value())
                .mapTo(String.class)
                .map(d -> DocumentJson.read(d, Order.class))
                .list());
  }

  /**
   * Through {@code orders_forget_customer} (V19): the orders of every store, which row-level
   * security hides from the anonymising store's work, and only once the customer is anonymised.
   */
  @Override
  public List<Key> forgetCustomer(String customerId) {
    return work.with(
        h ->
            h.createQuery("SELECT store_id, order_id FROM orders_forget_customer(:c)")
                .bind("c", customerId)
                .map((rs, ctx) -> new Key(StoreId.of(rs.getString(1)), rs.getString(2)))
                .list());
  }
}
