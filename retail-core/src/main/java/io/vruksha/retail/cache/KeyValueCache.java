package io.vruksha.retail.cache;

import java.time.Duration;
import java.util.Optional;

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
}
