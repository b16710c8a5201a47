package io.vruksha.retail.sqlite;

import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.payment.Payment;
import io.vruksha.retail.payment.Payments;
import io.vruksha.retail.payment.PendingCheckout;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.util.List;
import java.util.Optional;

/**
 * {@link Payments} on SQLite: pending checkouts and provider payments, each one JSON document
 * ({@link DocumentJson}) keyed by store and id, with the columns the look-ups use beside it
 * (idempotency key, whether still waiting, checkout, sale, times). {@link #lockCheckout} needs no
 * lock of its own: the store has one writer, and the unit of work that reads holds it until it
 * ends. Thread-safe.
 */
public final class SqlitePayments implements Payments, JoinsUnitOfWork {

  private final SqliteUnitOfWork work;

  /** The payments of {@code db}. */
  public SqlitePayments(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void saveCheckout(PendingCheckout c) {
    work.write(
        h ->
            h.createUpdate(
                    "INSERT INTO payment_checkouts VALUES (:s, :id, :key, :st, :open, :b, :doc)"
                        + " ON CONFLICT (store_id, checkout_id) DO UPDATE SET"
                        + " idempotency_key = :key, status = :st, open = :open, began_at = :b,"
                        + " document = :doc")
                .bind("s", c.store().value())
                .bind("id", c.id())
                .bind("key", c.request().idempotencyKey())
                .bind("st", c.status().name())
                .bind("open", c.status().open() ? 1 : 0)
                .bind("b", SqliteValues.micros(c.beganAt()))
                .bind("doc", DocumentJson.write(c))
                .execute());
  }

  @Override
  public Optional<PendingCheckout> findCheckout(StoreId store, String id) {
    return checkout(store, "checkout_id", id);
  }

  @Override
  public Optional<PendingCheckout> lockCheckout(StoreId store, String id) {
    return checkout(store, "checkout_id", id);
  }

  @Override
  public Optional<PendingCheckout> checkoutByKey(StoreId store, String idempotencyKey) {
    return checkout(store, "idempotency_key", idempotencyKey);
  }

  private Optional<PendingCheckout> checkout(StoreId store, String column, String value) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document FROM payment_checkouts WHERE store_id = :s AND "
                        + column
                        + " = :v ORDER BY rowid")
                .bind("s", store.value())
                .bind("v", value)
                .mapTo(String.class)
                .findFirst()
                .map(d -> DocumentJson.read(d, PendingCheckout.class)));
  }

  @Override
  public List<PendingCheckout> openCheckouts(StoreId store) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document FROM payment_checkouts WHERE store_id = :s AND open = 1"
                        + " ORDER BY began_at, checkout_id COLLATE JAVA")
                .bind("s", store.value())
                .mapTo(String.class)
                .map(d -> DocumentJson.read(d, PendingCheckout.class))
                .list());
  }

  @Override
  public void save(Payment p) {
    work.write(
        h ->
            h.createUpdate(
                    "INSERT INTO provider_payments VALUES (:s, :id, :c, :sale, :cr, :doc)"
                        + " ON CONFLICT (store_id, payment_id) DO UPDATE SET checkout_id = :c,"
                        + " sale_id = :sale, created_at = :cr, document = :doc")
                .bind("s", p.store().value())
                .bind("id", p.id())
                .bind("c", p.checkoutId())
                .bind("sale", p.saleId().orElse(null))
                .bind("cr", SqliteValues.micros(p.createdAt()))
                .bind("doc", DocumentJson.write(p))
                .execute());
  }

  @Override
  public Optional<Payment> find(StoreId store, String id) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document FROM provider_payments WHERE store_id = :s AND payment_id = :id")
                .bind("s", store.value())
                .bind("id", id)
                .mapTo(String.class)
                .findOne()
                .map(d -> DocumentJson.read(d, Payment.class)));
  }

  @Override
  public List<Payment> ofCheckout(StoreId store, String checkoutId) {
    return payments("checkout_id = :v ORDER BY payment_id COLLATE JAVA", store, checkoutId);
  }

  @Override
  public List<Payment> ofSale(StoreId store, String saleId) {
    return payments("sale_id = :v ORDER BY payment_id COLLATE JAVA", store, saleId);
  }

  @Override
  public List<Payment> list(StoreId store) {
    return payments("1 = 1 ORDER BY created_at, payment_id COLLATE JAVA", store, null);
  }

  private List<Payment> payments(String where, StoreId store, String value) {
    return work.with(
        h -> {
          var q =
              h.createQuery(
                      "SELECT document FROM provider_payments WHERE store_id = :s AND " + where)
                  .bind("s", store.value());
          if (value != null) {
            q.bind("v", value);
          }
          return q.mapTo(String.class).map(d -> DocumentJson.read(d, Payment.class)).list();
        });
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}
