package io.vruksha.retail.postgres;

import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.sale.ReturnReceipt;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.SaleQuery;
import io.vruksha.retail.sale.Sales;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Sales} on PostgreSQL ({@code pos_transactions}, {@code returns}). A sale's row is the one
 * copy of its facts: its journal entry ({@link PostgresJournal}) and its paid invoice ({@link
 * PostgresInvoices}) saved in the same unit of work refer to it. Thread-safe.
 */
public final class PostgresSales implements Sales, JoinsUnitOfWork {

  private static final Object SAVED = new Object();

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
        DocumentJson.write(s));
    // the sale's journal entry and invoice, held back in this unit of work, refer to this row
    PostgresJournal.referToSale(work, s);
    if (work.inTransaction()) {
      savedSales(work).put(s.id(), s);
    }
  }

  /** The sales saved in the running transaction, by id (see {@link PostgresInvoices#save}). */
  static Map<String, Sale> savedSales(PostgresUnitOfWork work) {
    return work.transactionLocal(SAVED, HashMap::new);
  }

  @Override
  public Optional<Sale> find(String saleId) {
    return work.with(
        h ->
            h.createQuery("SELECT document::text FROM pos_transactions WHERE sale_id = :id")
                .bind("id", saleId)
                .mapTo(String.class)
                .findOne()
                .map(doc -> DocumentJson.read(doc, Sale.class)));
  }

  @Override
  public List<Sale> list(StoreId store) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document::text FROM pos_transactions WHERE store_id = :s ORDER BY sold_at, number")
                .bind("s", store.value())
                .mapTo(String.class)
                .map(doc -> DocumentJson.read(doc, Sale.class))
                .list());
  }

  @Override
  public List<Sale> search(SaleQuery q) {
    StringBuilder sql =
        new StringBuilder("SELECT p.document::text FROM pos_transactions p WHERE p.store_id = :s");
    q.from().ifPresent(f -> sql.append(" AND p.sold_at >= :from"));
    q.to().ifPresent(t -> sql.append(" AND p.sold_at < :to"));
    q.number().ifPresent(n -> sql.append(" AND p.number = :number"));
    q.customerId().ifPresent(c -> sql.append(" AND p.customer_id = :customer"));
    q.shiftIds().ifPresent(ids -> sql.append(" AND p.shift_id = ANY(:shifts)"));
    q.status()
        .ifPresent(
            st ->
                sql.append(st == SaleQuery.Status.RETURNED ? " AND " : " AND NOT ")
                    .append("EXISTS (SELECT 1 FROM returns r WHERE r.sale_id = p.sale_id)"));
    sql.append(" ORDER BY p.sold_at DESC, p.number DESC LIMIT :limit");
    return work.with(
        h -> {
          var query = h.createQuery(sql.toString()).bind("s", q.store().value());
          q.from().ifPresent(f -> query.bind("from", Timestamp.from(f)));
          q.to().ifPresent(t -> query.bind("to", Timestamp.from(t)));
          q.number().ifPresent(n -> query.bind("number", n));
          q.customerId().ifPresent(c -> query.bind("customer", c));
          q.shiftIds().ifPresent(ids -> query.bind("shifts", ids.toArray(new String[0])));
          return query
              .bind("limit", q.limit())
              .mapTo(String.class)
              .map(doc -> DocumentJson.read(doc, Sale.class))
              .list();
        });
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
                .bind("doc", DocumentJson.write(r))
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

  @Override
  public Optional<ReturnReceipt> returnByNumber(StoreId store, String creditNoteNumber) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document::text FROM returns WHERE store_id = :s"
                        + " AND document->>'creditNoteNumber' = :n")
                .bind("s", store.value())
                .bind("n", creditNoteNumber)
                .mapTo(String.class)
                .findFirst()
                .map(doc -> DocumentJson.read(doc, ReturnReceipt.class)));
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
                .map(doc -> DocumentJson.read(doc, ReturnReceipt.class))
                .list());
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}
