package io.vruksha.retail.postgres;

import io.vruksha.retail.invoicing.Invoice;
import io.vruksha.retail.invoicing.Invoices;
import io.vruksha.retail.store.StoreId;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/** {@link Invoices} on PostgreSQL. Thread-safe. */
public final class PostgresInvoices implements Invoices {

  private final PostgresUnitOfWork work;

  /** The invoices of {@code db}. */
  public PostgresInvoices(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void save(Invoice i) {
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO invoices VALUES (:n, :s, :sale, :cust, :status, :at, :t, :cur, CAST(:doc AS jsonb))"
                        + " ON CONFLICT (number) DO UPDATE SET status = EXCLUDED.status, document = EXCLUDED.document")
                .bind("n", i.number())
                .bind("s", i.store().value())
                .bind("sale", i.saleId().orElse(null))
                .bind("cust", i.customerId().orElse(null))
                .bind("status", i.status().name())
                .bind("at", Timestamp.from(i.issuedAt()))
                .bind("t", i.total().amount())
                .bind("cur", i.total().currency().getCurrencyCode())
                .bind("doc", Json.write(i))
                .execute());
  }

  @Override
  public Optional<Invoice> find(String number) {
    return one("number", number);
  }

  @Override
  public Optional<Invoice> forSale(String saleId) {
    return one("sale_id", saleId);
  }

  private Optional<Invoice> one(String column, String value) {
    return work.with(
        h ->
            h.createQuery("SELECT document::text FROM invoices WHERE " + column + " = :v")
                .bind("v", value)
                .mapTo(String.class)
                .findOne()
                .map(doc -> Json.read(doc, Invoice.class)));
  }

  @Override
  public List<Invoice> list(StoreId store) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document::text FROM invoices WHERE store_id = :s ORDER BY issued_at, number")
                .bind("s", store.value())
                .mapTo(String.class)
                .map(doc -> Json.read(doc, Invoice.class))
                .list());
  }
}
