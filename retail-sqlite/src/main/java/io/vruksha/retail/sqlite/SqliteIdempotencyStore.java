package io.vruksha.retail.sqlite;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.sale.IdempotencyStore;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.util.Optional;

/**
 * {@link IdempotencyStore} on SQLite, keyed by store and key, written in the unit of work of the
 * result it names. A key is stored once: saving it again is refused as {@code DUPLICATE} and fails
 * that unit of work, so a retried sale can never be stored twice. Thread-safe.
 */
public final class SqliteIdempotencyStore implements IdempotencyStore, JoinsUnitOfWork {

  private final SqliteUnitOfWork work;

  /** The idempotency keys of {@code db}. */
  public SqliteIdempotencyStore(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public Optional<Entry> find(StoreId store, String key) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT request_hash, result_id FROM idempotency_keys"
                        + " WHERE store_id = :s AND key = :k")
                .bind("s", store.value())
                .bind("k", key)
                .map((rs, ctx) -> new Entry(store, key, rs.getString(1), rs.getString(2)))
                .findOne());
  }

  @Override
  public void save(Entry entry) {
    work.write(
        h -> {
          int written =
              h.createUpdate(
                      "INSERT INTO idempotency_keys VALUES (:s, :k, :h, :r) ON CONFLICT DO NOTHING")
                  .bind("s", entry.store().value())
                  .bind("k", entry.key())
                  .bind("h", entry.requestHash())
                  .bind("r", entry.resultId())
                  .execute();
          if (written == 0) {
            throw new RuleViolationException(
                ErrorCode.DUPLICATE,
                "idempotency key '" + entry.key() + "' was already used at " + entry.store());
          }
          return written;
        });
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}
