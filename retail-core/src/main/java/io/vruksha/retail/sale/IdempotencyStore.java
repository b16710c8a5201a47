package io.vruksha.retail.sale;

import io.vruksha.retail.store.StoreId;
import java.util.Optional;

/**
 * Port: which idempotency keys have produced which result, with a hash of the request that used
 * them. Written in the unit of work of the result; implementations must be thread-safe.
 */
public interface IdempotencyStore {

  /**
   * A key's record.
   *
   * @param store the store
   * @param key the client's key
   * @param requestHash SHA-256 of the canonical request
   * @param resultId the id of what the request created (a sale id)
   */
  record Entry(StoreId store, String key, String requestHash, String resultId) {}

  /** The record of a key. */
  Optional<Entry> find(StoreId store, String key);

  /** Records a key. */
  void save(Entry entry);
}
