package io.vruksha.retail.postgres;

import io.vruksha.retail.sale.IdempotencyStore;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.util.Optional;
import java.util.Set;

/** {@link IdempotencyStore} on PostgreSQL, keyed by store and key. Thread-safe. */
public final class PostgresIdempotencyStore implements IdempotencyStore, JoinsUnitOfWork {

  private final PostgresUnitOfWork work;

  /** The idempotency keys of {@code db}. */
  public PostgresIdempotencyStore(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  /**
   * A request's stored key (a checkout's first statement, which carries the store scope with it;
   * its plan is pinned by HotPathPlansIT).
   */
  static final String FIND =
      "SELECT request_hash, result_id FROM idempotency_keys WHERE store_id = ? AND key = ?";

  @Override
  public Optional<Entry> find(StoreId store, String key) {
    return work.query(
        Set.of("idempotency_keys"),
        FIND,
        rs ->
            rs.next()
                ? Optional.of(new Entry(store, key, rs.getString(1), rs.getString(2)))
                : Optional.<Entry>empty(),
        store.value(),
        key);
  }

  @Override
  public void save(Entry entry) {
    // sent with the unit of work's other writes (PostgresUnitOfWork.defer); a concurrent request
    // that stored the key first fails this unit of work with DUPLICATE all the same
    work.defer(
        "INSERT INTO idempotency_keys (store_id, key, request_hash, result_id) VALUES (?, ?, ?, ?)",
        entry.store().value(),
        entry.key(),
        entry.requestHash(),
        entry.resultId());
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}
