package io.vruksha.retail.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.UnavailableException;
import io.vruksha.retail.memory.CaffeineCache;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TieredCacheTest {

  private final CaffeineCache shared = new CaffeineCache(100);
  private final CaffeineCache nearA = new CaffeineCache(100);
  private final CaffeineCache nearB = new CaffeineCache(100);
  private final TieredCache a = new TieredCache(nearA, shared, Duration.ofSeconds(30));
  private final TieredCache b = new TieredCache(nearB, shared, Duration.ofSeconds(30));

  @Test
  void aValuePutByOneProcessIsReadByAnotherAndKeptNear() {
    a.put("price:MUG|demo|EUR", "4.99", Duration.ofMinutes(5));
    assertThat(nearB.get("price:MUG|demo|EUR", String.class)).isEmpty();
    assertThat(b.get("price:MUG|demo|EUR", String.class)).contains("4.99");
    assertThat(nearB.get("price:MUG|demo|EUR", String.class)).contains("4.99");
  }

  @Test
  void deletesReachTheSharedCache() {
    a.put("catalog:sku:MUG", "mug", Duration.ofMinutes(5));
    a.put("catalog:sku:TEE", "tee", Duration.ofMinutes(5));
    a.put("price:MUG", "4.99", Duration.ofMinutes(5));
    a.deletePrefix("catalog:");
    a.delete("price:MUG");
    assertThat(shared.get("catalog:sku:MUG", String.class)).isEmpty();
    assertThat(shared.get("catalog:sku:TEE", String.class)).isEmpty();
    assertThat(shared.get("price:MUG", String.class)).isEmpty();
    assertThat(a.get("catalog:sku:MUG", String.class)).isEmpty();
  }

  @Test
  void anUnreachableSharedCacheStillDropsTheNearEntry() {
    KeyValueCache down =
        new KeyValueCache() {
          @Override
          public <T> Optional<T> get(String key, Class<T> type) {
            return Optional.empty();
          }

          @Override
          public void put(String key, Object value, Duration ttl) {}

          @Override
          public void delete(String key) {
            throw new UnavailableException("NATS is down", null);
          }

          @Override
          public void deletePrefix(String prefix) {
            throw new UnavailableException("NATS is down", null);
          }
        };
    TieredCache c = new TieredCache(nearA, down, Duration.ofSeconds(30));
    c.put("k", "v", Duration.ofMinutes(1));
    c.delete("k");
    assertThat(c.get("k", String.class)).isEmpty();
    c.put("p:1", "v", Duration.ofMinutes(1));
    c.deletePrefix("p:");
    assertThat(c.get("p:1", String.class)).isEmpty();
  }
}
