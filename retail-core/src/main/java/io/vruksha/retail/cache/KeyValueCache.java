package io.vruksha.retail.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Port: a key-value cache with a time to live, for cache-aside reads of data that changes rarely
 * (catalogue items, prices). A miss is never an error; a stale entry lives at most its TTL, and
 * writers delete what they change. Implementations must be thread-safe.
 */
public interface KeyValueCache {

  /** The value under {@code key}, if present, not expired and of {@code type}. */
  <T> Optional<T> get(String key, Class<T> type);

  /** Stores {@code value} under {@code key} for {@code ttl}. */
  void put(String key, Object value, Duration ttl);

  /** Removes {@code key}. */
  void delete(String key);

  /** Removes every key starting with {@code prefix}. */
  void deletePrefix(String prefix);

  /**
   * Cache-aside: the value cached under {@code key}, else what {@code load} finds, cached for
   * {@code ttl} when there is one (an absent value is not cached, so it is looked up again).
   */
  default <T> Optional<T> getOrLoad(
      String key, Class<T> type, Duration ttl, Supplier<Optional<T>> load) {
    Optional<T> hit = get(key, type);
    if (hit.isPresent()) {
      return hit;
    }
    Optional<T> loaded = load.get();
    loaded.ifPresent(value -> put(key, value, ttl));
    return loaded;
  }
}
