package io.vruksha.retail.postgres;

import io.vruksha.retail.invoicing.InvoiceSequence;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.util.Set;

/**
 * {@link InvoiceSequence} on PostgreSQL: one counter row per store, series and year, incremented
 * with {@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING}. The row stays locked until the
 * issuing transaction ends; a rollback gives the number back, so numbers never skip or repeat.
 * Thread-safe.
 */
public final class PostgresInvoiceSequence implements InvoiceSequence, JoinsUnitOfWork {

  private final PostgresUnitOfWork work;

  /** The document counters of {@code db}. */
  public PostgresInvoiceSequence(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public long next(StoreId store, String series, int year) {
    return work.query(
        Set.of("document_counters"),
        "INSERT INTO document_counters VALUES (?, ?, ?, 1)"
            + " ON CONFLICT (store_id, series, year)"
            + " DO UPDATE SET last_value = document_counters.last_value + 1 RETURNING last_value",
        rs -> {
          rs.next();
          return rs.getLong(1);
        },
        store.value(),
        series,
        year);
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}
