package io.vruksha.retail.sqlite;

import io.vruksha.retail.invoicing.Invoice;
import io.vruksha.retail.invoicing.Invoices;
import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.util.List;
import java.util.Optional;

/**
 * {@link Invoices} on SQLite: each invoice as a JSON document (payments included) keyed by store
 * and number, with its sale, customer, status, issuing instant and total beside it. Listed by
 * issuing instant, then number. Thread-safe (one writer at a time).
 */
public final class SqliteInvoices implements Invoices, JoinsUnitOfWork {

  private final SqliteUnitOfWork work;

  /** The invoices of {@code db}. */
  public SqliteInvoices(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void save(Invoice i) {
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO invoices VALUES (:s, :n, :sale, :cust, :st, :at, :total, :cur, :doc)"
                        + " ON CONFLICT (store_id, number) DO UPDATE SET sale_id = :sale,"
                        + " customer_id = :cust, status = :st, issued_at = :at, total = :total,"
                        + " currency = :cur, document = :doc")
                .bind("s", i.store().value())
                .bind("n", i.number())
                .bind("sale", i.saleId().orElse(null))
                .bind("cust", i.customerId().orElse(null))
                .bind("st", i.status().name())
                .bind("at", SqliteValues.micros(i.issuedAt()))
                .bind("total", SqliteValues.decimal(i.total().amount()))
                .bind("cur", i.total().currency().getCurrencyCode())
                .bind("doc", DocumentJson.write(i))
                .execute());
  }

  @Override
  public Optional<Invoice> find(StoreId store, String number) {
    return work.with(
        h ->
            h.createQuery("SELECT document FROM invoices WHERE store_id = :s AND number = :n")
                .bind("s", store.value())
                .bind("n", number)
                .mapTo(String.class)
                .findOne()
                .map(SqliteInvoices::read));
  }

  /** The first invoice saved for the sale, if several name it. */
  @Override
  public Optional<Invoice> forSale(String saleId) {
    return work.with(
        h ->
            h.createQuery("SELECT document FROM invoices WHERE sale_id = :v ORDER BY rowid LIMIT 1")
                .bind("v", saleId)
                .mapTo(String.class)
                .findOne()
                .map(SqliteInvoices::read));
  }

  @Override
  public List<Invoice> list(StoreId store) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document FROM invoices WHERE store_id = :s"
                        + " ORDER BY issued_at, number COLLATE JAVA")
                .bind("s", store.value())
                .mapTo(String.class)
                .map(SqliteInvoices::read)
                .list());
  }

  private static Invoice read(String document) {
    return DocumentJson.read(document, Invoice.class);
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}
