package io.vruksha.retail.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.vruksha.retail.cache.KeyValueCache;
import java.time.Duration;
import java.util.Optional;

/**
 * {@link KeyValueCache} in process memory on Caffeine: bounded in size, each entry expiring after
 * its own TTL. The near-cache in front of a database, and the embedded default. Thread-safe.
 */
public final class CaffeineCache implements KeyValueCache {

  private record Entry(Object value, Duration ttl) {}

  private final Cache<String, Entry> cache;

  /** A cache holding at most {@code maximumSize} entries. */
  public CaffeineCache(long maximumSize) {
    this.cache =
        Caffeine.newBuilder()
            .recordStats()
            .maximumSize(maximumSize)
            .expireAfter(
                new Expiry<String, Entry>() {
                  @Override
                  public long expireAfterCreate(String key, Entry entry, long now) {
                    return entry.ttl().toNanos();
                  }

                  @Override
                  public long expireAfterUpdate(String key, Entry entry, long now, long current) {
                    return entry.ttl().toNanos();
                  }

                  @Override
                  public long expireAfterRead(String key, Entry entry, long now, long current) {
                    return current;
                  }
                })
            .build();
  }

  /** Reads that found their key, for metrics. */
  public long hits() {
    return cache.stats().hitCount();
  }

  /** Reads that did not, for metrics. */
  public long misses() {
    return cache.stats().missCount();
  }

  @Override
  public <T> Optional<T> get(String key, Class<T> type) {
    Entry e = cache.getIfPresent(key);
    return e != null && type.isInstance(e.value())
        ? Optional.of(type.cast(e.value()))
        : Optional.empty();
  }

  @Override
  public void put(String key, Object value, Duration ttl) {
    cache.put(key, new Entry(value, ttl));
  }

  @Override
  public void delete(String key) {
    cache.invalidate(key);
  }

  @Override
  public void deletePrefix(String prefix) {
    cache.asMap().keySet().removeIf(k -> k.startsWith(prefix));
  }
}
