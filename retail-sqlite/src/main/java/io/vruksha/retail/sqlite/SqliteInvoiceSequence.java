package io.vruksha.retail.sqlite;

import io.vruksha.retail.invoicing.InvoiceSequence;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;

/**
 * {@link InvoiceSequence} on SQLite: one counter row per store, series and year, incremented by an
 * upsert that returns the new value. Inside the issuing unit of work a rollback gives the number
 * back, so numbers never skip or repeat. Thread-safe (one writer at a time).
 */
public final class SqliteInvoiceSequence implements InvoiceSequence, JoinsUnitOfWork {

  private final SqliteUnitOfWork work;

  /** The document counters of {@code db}. */
  public SqliteInvoiceSequence(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public long next(StoreId store, String series, int year) {
    return work.with(
        h ->
            h.createQuery(
                    "INSERT INTO document_counters VALUES (:s, :series, :y, 1)"
                        + " ON CONFLICT (store_id, series, year)"
                        + " DO UPDATE SET last_value = last_value + 1 RETURNING last_value")
                .bind("s", store.value())
                .bind("series", series)
                .bind("y", year)
                .mapTo(Long.class)
                .one());
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}
