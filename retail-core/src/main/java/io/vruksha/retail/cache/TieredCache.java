package io.vruksha.retail.cache;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process's near-cache in front of a cache shared by every process (the NATS key-value bucket):
 * reads try the near-cache, then the shared one (keeping what they find near for at most {@code
 * nearTtl}); writes and deletes go to both. Deleting from the shared cache is how one process tells
 * the others: each watches the shared cache and drops deleted keys from its near-cache. When the
 * shared cache cannot be reached a delete still drops the near entry, is logged, and the other
 * processes' copies live at most their TTL. Thread-safe when both caches are.
 */
public final class TieredCache implements KeyValueCache {

  private static final Logger LOG = LoggerFactory.getLogger(TieredCache.class);

  private final KeyValueCache near;
  private final KeyValueCache shared;
  private final Duration nearTtl;

  /**
   * {@code near} in front of {@code shared}; a value found in {@code shared} stays near {@code
   * nearTtl}.
   */
  public TieredCache(KeyValueCache near, KeyValueCache shared, Duration nearTtl) {
    this.near = Objects.requireNonNull(near, "near");
    this.shared = Objects.requireNonNull(shared, "shared");
    this.nearTtl = Objects.requireNonNull(nearTtl, "nearTtl");
  }

  @Override
  public <T> Optional<T> get(String key, Class<T> type) {
    Optional<T> hit = near.get(key, type);
    if (hit.isPresent()) {
      return hit;
    }
    Optional<T> far = shared.get(key, type);
    far.ifPresent(v -> near.put(key, v, nearTtl));
    return far;
  }

  @Override
  public void put(String key, Object value, Duration ttl) {
    near.put(key, value, ttl.compareTo(nearTtl) < 0 ? ttl : nearTtl);
    shared.put(key, value, ttl);
  }

  @Override
  public void delete(String key) {
    near.delete(key);
    try {
      shared.delete(key);
    } catch (RuntimeException e) {
      LOG.warn(
          "shared cache delete of {} failed; other processes keep it until it expires", key, e);
    }
  }

  @Override
  public void deletePrefix(String prefix) {
    near.deletePrefix(prefix);
    try {
      shared.deletePrefix(prefix);
    } catch (RuntimeException e) {
      LOG.warn(
          "shared cache delete of {}* failed; other processes keep it until it expires", prefix, e);
    }
  }
}
