package io.vruksha.retail.postgres;

import io.vruksha.retail.invoicing.Invoice;
import io.vruksha.retail.invoicing.Invoices;
import io.vruksha.retail.store.StoreId;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * {@link Invoices} on PostgreSQL: the invoice as a document, its payments also as rows of {@code
 * payments}. Thread-safe.
 */
public final class PostgresInvoices implements Invoices {

  private final PostgresUnitOfWork work;

  /** The invoices of {@code db}. */
  public PostgresInvoices(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void save(Invoice i) {
    work.with(
        h -> {
          // xmax = 0: the row is new (inserted, not updated), so it has no payments yet
          boolean created =
              h.createQuery(
                      "INSERT INTO invoices VALUES (:n, :s, :sale, :cust, :status, :at, :t, :cur, CAST(:doc AS jsonb))"
                          + " ON CONFLICT (store_id, number) DO UPDATE SET status = EXCLUDED.status, document = EXCLUDED.document"
                          + " RETURNING (xmax = 0)")
                  .bind("n", i.number())
                  .bind("s", i.store().value())
                  .bind("sale", i.saleId().orElse(null))
                  .bind("cust", i.customerId().orElse(null))
                  .bind("status", i.status().name())
                  .bind("at", Timestamp.from(i.issuedAt()))
                  .bind("t", i.total().amount())
                  .bind("cur", i.total().currency().getCurrencyCode())
                  .bind("doc", Json.write(i))
                  .mapTo(Boolean.class)
                  .one();
          // the payments as rows too, for reconciliation: only new ones are appended
          int stored =
              created
                  ? 0
                  : h.createQuery(
                          "SELECT count(*) FROM payments WHERE store_id = :s AND invoice_number = :n")
                      .bind("s", i.store().value())
                      .bind("n", i.number())
                      .mapTo(Integer.class)
                      .one();
          for (int line = stored; line < i.payments().size(); line++) {
            Invoice.Payment p = i.payments().get(line);
            h.createUpdate("INSERT INTO payments VALUES (:n, :l, :s, :a, :c, :m, :r, :at)")
                .bind("n", i.number())
                .bind("l", line + 1)
                .bind("s", i.store().value())
                .bind("a", p.amount().amount())
                .bind("c", p.amount().currency().getCurrencyCode())
                .bind("m", p.method())
                .bind("r", p.reference())
                .bind("at", Timestamp.from(p.at()))
                .execute();
          }
          return null;
        });
  }

  @Override
  public Optional<Invoice> find(StoreId store, String number) {
    return work.with(
        h ->
            h.createQuery("SELECT document::text FROM invoices WHERE store_id = :s AND number = :n")
                .bind("s", store.value())
                .bind("n", number)
                .mapTo(String.class)
                .findOne()
                .map(doc -> Json.read(doc, Invoice.class)));
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
