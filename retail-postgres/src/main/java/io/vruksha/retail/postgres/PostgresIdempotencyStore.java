package io.vruksha.retail.postgres;

import io.vruksha.retail.sale.IdempotencyStore;
import io.vruksha.retail.store.StoreId;
import java.util.Optional;

/** {@link IdempotencyStore} on PostgreSQL, keyed by store and key. Thread-safe. */
public final class PostgresIdempotencyStore implements IdempotencyStore {

  private final PostgresUnitOfWork work;

  /** The idempotency keys of {@code db}. */
  public PostgresIdempotencyStore(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public Optional<Entry> find(StoreId store, String key) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT request_hash, result_id FROM idempotency_keys WHERE store_id = :s AND key = :k")
                .bind("s", store.value())
                .bind("k", key)
                .map((rs, ctx) -> new Entry(store, key, rs.getString(1), rs.getString(2)))
                .findOne());
  }

  @Override
  public void save(Entry entry) {
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO idempotency_keys (store_id, key, request_hash, result_id) VALUES (:s, :k, :h, :r)")
                .bind("s", entry.store().value())
                .bind("k", entry.key())
                .bind("h", entry.requestHash())
                .bind("r", entry.resultId())
                .execute());
  }
}
