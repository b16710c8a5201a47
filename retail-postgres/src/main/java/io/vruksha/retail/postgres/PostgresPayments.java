package io.vruksha.retail.postgres;

import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.payment.Payment;
import io.vruksha.retail.payment.PaymentState;
import io.vruksha.retail.payment.Payments;
import io.vruksha.retail.payment.PendingCheckout;
import io.vruksha.retail.sale.TenderKind;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * {@link Payments} on PostgreSQL: {@code payment_checkouts} and {@code provider_payments}, one row
 * each with the columns reports and the re-check filter on beside the JSON document. {@link
 * #lockCheckout} takes the row lock ({@code FOR UPDATE}), so a callback and a poll of one checkout
 * queue. Thread-safe.
 */
public final class PostgresPayments implements Payments, JoinsUnitOfWork {

  private final PostgresUnitOfWork work;

  /** The payments of {@code db}. */
  public PostgresPayments(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void saveCheckout(PendingCheckout c) {
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO payment_checkouts (store_id, checkout_id, idempotency_key, status,"
                        + " total, currency, began_at, expires_at, updated_at, sale_id,"
                        + " receipt_number, document) VALUES (:s, :id, :key, :st, :t, :cur, :b, :e,"
                        + " :u, :sale, :receipt, CAST(:doc AS jsonb))"
                        + " ON CONFLICT (store_id, checkout_id) DO UPDATE SET status = :st,"
                        + " updated_at = :u, sale_id = :sale, receipt_number = :receipt,"
                        + " document = CAST(:doc AS jsonb)")
                .bind("s", c.store().value())
                .bind("id", c.id())
                .bind("key", c.request().idempotencyKey())
                .bind("st", c.status().name())
                .bind("t", c.total().amount())
                .bind("cur", c.total().currency().getCurrencyCode())
                .bind("b", Timestamp.from(c.beganAt()))
                .bind("e", Timestamp.from(c.expiresAt()))
                .bind("u", Timestamp.from(c.updatedAt()))
                .bind("sale", c.saleId().orElse(null))
                .bind("receipt", c.receiptNumber().orElse(null))
                .bind("doc", DocumentJson.write(c))
                .execute());
  }

  @Override
  public Optional<PendingCheckout> findCheckout(StoreId store, String id) {
    return checkout(store, "checkout_id", id, "");
  }

  @Override
  public Optional<PendingCheckout> lockCheckout(StoreId store, String id) {
    return checkout(store, "checkout_id", id, " FOR UPDATE");
  }

  @Override
  public Optional<PendingCheckout> checkoutByKey(StoreId store, String idempotencyKey) {
    return checkout(store, "idempotency_key", idempotencyKey, "");
  }

  private Optional<PendingCheckout> checkout(
      StoreId store, String column, String value, String lock) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document::text FROM payment_checkouts WHERE store_id = :s AND "
                        + column
                        + " = :v"
                        + lock)
                .bind("s", store.value())
                .bind("v", value)
                .mapTo(String.class)
                .findOne()
                .map(d -> DocumentJson.read(d, PendingCheckout.class)));
  }

  @Override
  public List<PendingCheckout> openCheckouts(StoreId store) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document::text FROM payment_checkouts WHERE store_id = :s"
                        + " AND status = 'PAYMENT_PENDING' ORDER BY began_at, checkout_id")
                .bind("s", store.value())
                .mapTo(String.class)
                .map(d -> DocumentJson.read(d, PendingCheckout.class))
                .list());
  }

  @Override
  public void save(Payment p) {
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO provider_payments (store_id, payment_id, checkout_id, kind, provider,"
                        + " state, amount, refunded, currency, reference, action, created_at,"
                        + " updated_at, sale_id) VALUES (:s, :id, :c, :k, :p, :st, :a, :r, :cur,"
                        + " :ref, :act, :cr, :u, :sale) ON CONFLICT (store_id, payment_id) DO UPDATE"
                        + " SET state = :st, refunded = :r, reference = :ref, action = :act,"
                        + " updated_at = :u, sale_id = :sale")
                .bind("s", p.store().value())
                .bind("id", p.id())
                .bind("c", p.checkoutId())
                .bind("k", p.kind().name())
                .bind("p", p.provider())
                .bind("st", p.state().name())
                .bind("a", p.amount().amount())
                .bind("r", p.refunded().amount())
                .bind("cur", p.amount().currency().getCurrencyCode())
                .bind("ref", p.reference())
                .bind("act", p.action())
                .bind("cr", Timestamp.from(p.createdAt()))
                .bind("u", Timestamp.from(p.updatedAt()))
                .bind("sale", p.saleId().orElse(null))
                .execute());
  }

  /** The columns a payment is read from, in {@link #read} order. */
  private static final String COLUMNS =
      "SELECT store_id, payment_id, checkout_id, kind, provider, state, amount, refunded, currency,"
          + " reference, action, created_at, updated_at, sale_id FROM provider_payments";

  @Override
  public Optional<Payment> find(StoreId store, String id) {
    return work.with(
        h ->
            h.createQuery(COLUMNS + " WHERE store_id = :s AND payment_id = :id")
                .bind("s", store.value())
                .bind("id", id)
                .map((rs, ctx) -> read(rs))
                .findOne());
  }

  @Override
  public List<Payment> ofCheckout(StoreId store, String checkoutId) {
    return payments(
        " WHERE store_id = :s AND checkout_id = :v ORDER BY payment_id", store, checkoutId);
  }

  @Override
  public List<Payment> ofSale(StoreId store, String saleId) {
    return payments(" WHERE store_id = :s AND sale_id = :v ORDER BY payment_id", store, saleId);
  }

  @Override
  public List<Payment> list(StoreId store) {
    return work.with(
        h ->
            h.createQuery(COLUMNS + " WHERE store_id = :s ORDER BY created_at, payment_id")
                .bind("s", store.value())
                .map((rs, ctx) -> read(rs))
                .list());
  }

  private List<Payment> payments(String where, StoreId store, String value) {
    return work.with(
        h ->
            h.createQuery(COLUMNS + where)
                .bind("s", store.value())
                .bind("v", value)
                .map((rs, ctx) -> read(rs))
                .list());
  }

  private static Payment read(ResultSet rs) throws SQLException {
    Currency currency = Currency.getInstance(rs.getString("currency").trim());
    return new Payment(
        rs.getString("payment_id"),
        StoreId.of(rs.getString("store_id")),
        rs.getString("checkout_id"),
        TenderKind.valueOf(rs.getString("kind")),
        rs.getString("provider"),
        money(rs.getBigDecimal("amount"), currency),
        money(rs.getBigDecimal("refunded"), currency),
        PaymentState.valueOf(rs.getString("state")),
        rs.getString("reference"),
        rs.getString("action"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant(),
        Optional.ofNullable(rs.getString("sale_id")));
  }

  private static Money money(BigDecimal amount, Currency currency) {
    return Money.of(
        amount.setScale(Money.minorUnits(currency), RoundingMode.UNNECESSARY), currency);
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}
