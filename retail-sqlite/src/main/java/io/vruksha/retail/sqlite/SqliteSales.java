package io.vruksha.retail.sqlite;

import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.sale.ReturnReceipt;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.SaleQuery;
import io.vruksha.retail.sale.Sales;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.util.List;
import java.util.Optional;

/**
 * {@link Sales} on SQLite: each sale and each return is one JSON document ({@link DocumentJson}),
 * with the columns the look-ups filter and sort on beside it (store, number, time, customer, shift;
 * a return's sale and credit note). Saving a sale again replaces it. Thread-safe.
 */
public final class SqliteSales implements Sales, JoinsUnitOfWork {

  private final SqliteUnitOfWork work;

  /** The sales of {@code db}. */
  public SqliteSales(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void save(Sale s) {
    work.write(
        h ->
            h.createUpdate(
                    "INSERT INTO sales VALUES (:id, :s, :n, :at, :c, :sh, :t, :cur, :doc)"
                        + " ON CONFLICT (sale_id) DO UPDATE SET store_id = :s, number = :n,"
                        + " sold_at = :at, customer_id = :c, shift_id = :sh, total = :t,"
                        + " currency = :cur, document = :doc")
                .bind("id", s.id())
                .bind("s", s.store().value())
                .bind("n", s.number())
                .bind("at", SqliteValues.micros(s.at()))
                .bind("c", s.customerId().orElse(null))
                .bind("sh", s.shiftId().orElse(null))
                .bind("t", SqliteValues.decimal(s.total().amount()))
                .bind("cur", s.total().currency().getCurrencyCode())
                .bind("doc", DocumentJson.write(s))
                .execute());
  }

  @Override
  public Optional<Sale> find(String saleId) {
    return work.with(
        h ->
            h.createQuery("SELECT document FROM sales WHERE sale_id = :id")
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
                    "SELECT document FROM sales WHERE store_id = :s ORDER BY sold_at, number COLLATE JAVA")
                .bind("s", store.value())
                .mapTo(String.class)
                .map(doc -> DocumentJson.read(doc, Sale.class))
                .list());
  }

  @Override
  public List<Sale> search(SaleQuery q) {
    if (q.shiftIds().map(ids -> ids.isEmpty()).orElse(false)) {
      return List.of(); // on none of no shifts
    }
    StringBuilder sql = new StringBuilder("SELECT p.document FROM sales p WHERE p.store_id = :s");
    q.from().ifPresent(f -> sql.append(" AND p.sold_at >= :from"));
    q.to().ifPresent(t -> sql.append(" AND p.sold_at < :to"));
    q.number().ifPresent(n -> sql.append(" AND p.number = :number"));
    q.customerId().ifPresent(c -> sql.append(" AND p.customer_id = :customer"));
    q.shiftIds().ifPresent(ids -> sql.append(" AND p.shift_id IN (<shifts>)"));
    q.status()
        .ifPresent(
            st ->
                sql.append(st == SaleQuery.Status.RETURNED ? " AND " : " AND NOT ")
                    .append("EXISTS (SELECT 1 FROM sale_returns r WHERE r.sale_id = p.sale_id)"));
    sql.append(" ORDER BY p.sold_at DESC, p.number COLLATE JAVA DESC LIMIT :limit");
    return work.with(
        h -> {
          var query = h.createQuery(sql.toString()).bind("s", q.store().value());
          // the bounds are in microseconds already (SaleQuery keeps each as its ceiling)
          q.from().ifPresent(f -> query.bind("from", SqliteValues.micros(f)));
          q.to().ifPresent(t -> query.bind("to", SqliteValues.micros(t)));
          q.number().ifPresent(n -> query.bind("number", n));
          q.customerId().ifPresent(c -> query.bind("customer", c));
          q.shiftIds().ifPresent(ids -> query.bindList("shifts", List.copyOf(ids)));
          return query
              .bind("limit", q.limit())
              .mapTo(String.class)
              .map(doc -> DocumentJson.read(doc, Sale.class))
              .list();
        });
  }

  @Override
  public void saveReturn(ReturnReceipt r) {
    work.write(
        h ->
            h.createUpdate(
                    "INSERT INTO sale_returns VALUES (:id, :sale, :s, :n, :at, :refund, :cur, :doc)")
                .bind("id", r.id())
                .bind("sale", r.saleId())
                .bind("s", r.store().value())
                .bind("n", r.creditNoteNumber())
                .bind("at", SqliteValues.micros(r.at()))
                .bind("refund", SqliteValues.decimal(r.refund().amount()))
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
                    "SELECT document FROM sale_returns WHERE store_id = :s"
                        + " AND credit_note_number = :n ORDER BY rowid")
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
                    "SELECT document FROM sale_returns WHERE "
                        + column
                        + " = :v ORDER BY returned_at, return_id COLLATE JAVA")
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
