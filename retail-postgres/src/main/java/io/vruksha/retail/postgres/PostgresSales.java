package io.vruksha.retail.postgres;

import io.vruksha.retail.sale.ReturnReceipt;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Sales;
import io.vruksha.retail.store.StoreId;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/** {@link Sales} on PostgreSQL ({@code pos_transactions}, {@code returns}). Thread-safe. */
public final class PostgresSales implements Sales {

  private final PostgresUnitOfWork work;

  /** The sales of {@code db}. */
  public PostgresSales(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void save(Sale s) {
    // sent with the unit of work's other writes (PostgresUnitOfWork.defer)
    work.defer(
        "INSERT INTO pos_transactions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))"
            + " ON CONFLICT (sale_id) DO UPDATE SET document = EXCLUDED.document",
        s.id(),
        s.store().value(),
        s.number(),
        Timestamp.from(s.at()),
        s.cashierId(),
        s.customerId().orElse(null),
        s.shiftId().orElse(null),
        s.total().amount(),
        s.total().currency().getCurrencyCode(),
        Json.write(s));
  }

  @Override
  public Optional<Sale> find(String saleId) {
    return work.with(
        h ->
            h.createQuery("SELECT document::text FROM pos_transactions WHERE sale_id = :id")
                .bind("id", saleId)
                .mapTo(String.class)
                .findOne()
                .map(doc -> Json.read(doc, Sale.class)));
  }

  @Override
  public List<Sale> list(StoreId store) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document::text FROM pos_transactions WHERE store_id = :s ORDER BY sold_at, number")
                .bind("s", store.value())
                .mapTo(String.class)
                .map(doc -> Json.read(doc, Sale.class))
                .list());
  }

  @Override
  public void saveReturn(ReturnReceipt r) {
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO returns VALUES (:id, :sale, :s, :at, :refund, :cur, CAST(:doc AS jsonb))")
                .bind("id", r.id())
                .bind("sale", r.saleId())
                .bind("s", r.store().value())
                .bind("at", Timestamp.from(r.at()))
                .bind("refund", r.refund().amount())
                .bind("cur", r.refund().currency().getCurrencyCode())
                .bind("doc", Json.write(r))
                .execute());
  }

  @Override
  public List<ReturnReceipt> returnsOf(String saleId) {
    return returns("sale_id", saleId);
  }

  @Override
  public List<ReturnReceipt> returns(StoreId store) {
    return returns("store_id", store.value());
  }

  private List<ReturnReceipt> returns(String column, String value) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document::text FROM returns WHERE "
                        + column
                        + " = :v ORDER BY returned_at, return_id")
                .bind("v", value)
                .mapTo(String.class)
                .map(doc -> Json.read(doc, ReturnReceipt.class))
                .list());
  }
}
