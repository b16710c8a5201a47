package io.vruksha.retail.postgres;

import io.vruksha.retail.invoicing.Invoice;
import io.vruksha.retail.invoicing.Invoices;
import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.sale.Checkout;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * {@link Invoices} on PostgreSQL: the invoice as a document, its payments also as rows, for
 * reconciliation. A sale's paid invoice ({@link Checkout#paidInvoice}) saved in the unit of work
 * that saved the sale is stored as its columns only: the {@code invoices} and {@code payments}
 * views read its document and payments from the sale's row. Any other invoice, and a sale's invoice
 * once it changes, is stored whole ({@code invoice_rows}, {@code payment_rows}). Thread-safe.
 */
public final class PostgresInvoices implements Invoices, JoinsUnitOfWork {

  private final PostgresUnitOfWork work;

  /** The invoices of {@code db}. */
  public PostgresInvoices(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void save(Invoice i) {
    boolean derived =
        work.inTransaction()
            && i.saleId()
                .map(id -> PostgresSales.savedSales(work).get(id))
                .filter(sale -> i.equals(Checkout.paidInvoice(sale)))
                .isPresent();
    // sent with the unit of work's other writes (PostgresUnitOfWork.defer)
    work.defer(
        "INSERT INTO invoice_rows VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))"
            + " ON CONFLICT (store_id, number) DO UPDATE SET status = EXCLUDED.status, document = EXCLUDED.document",
        i.number(),
        i.store().value(),
        i.saleId().orElse(null),
        i.customerId().orElse(null),
        i.status().name(),
        Timestamp.from(i.issuedAt()),
        i.total().amount(),
        i.total().currency().getCurrencyCode(),
        derived ? null : DocumentJson.write(i));
    if (derived) {
      return; // its payments are the sale's tenders
    }
    // the payments as rows too, for reconciliation: payments are only ever appended, so the lines
    // already stored are skipped and the new ones added
    for (int line = 0; line < i.payments().size(); line++) {
      Invoice.Payment p = i.payments().get(line);
      work.defer(
          "INSERT INTO payment_rows VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
              + " ON CONFLICT (store_id, invoice_number, line) DO NOTHING",
          i.number(),
          line + 1,
          i.store().value(),
          p.amount().amount(),
          p.amount().currency().getCurrencyCode(),
          p.method(),
          p.reference(),
          Timestamp.from(p.at()));
    }
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
                .map(doc -> DocumentJson.read(doc, Invoice.class)));
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
                .map(doc -> DocumentJson.read(doc, Invoice.class)));
  }

  @Override
  public List<Invoice> list(StoreId store) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document::text FROM invoices WHERE store_id = :s ORDER BY issued_at, number")
                .bind("s", store.value())
                .mapTo(String.class)
                .map(doc -> DocumentJson.read(doc, Invoice.class))
                .list());
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}
