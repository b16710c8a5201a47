package io.vruksha.retail.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.memory.CaffeineCache;
import io.vruksha.retail.memory.InMemoryStores;
import io.vruksha.retail.money.CashRounding;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingStoresTest {

  private static Store store(String name) {
    return new Store(
        StoreId.of("s1"),
        name,
        Currency.getInstance("EUR"),
        ZoneId.of("Europe/Berlin"),
        CashRounding.NONE);
  }

  @Test
  void readsComeFromTheCacheUntilTheStoreIsSaved() {
    InMemoryStores real = new InMemoryStores();
    AtomicInteger reads = new AtomicInteger();
    Stores counting =
        new Stores() {
          @Override
          public void save(Store s) {
            real.save(s);
          }

          @Override
          public Optional<Store> find(StoreId id) {
            reads.incrementAndGet();
            return real.find(id);
          }

          @Override
          public List<Store> all() {
            return real.all();
          }
        };
    CachingStores stores =
        new CachingStores(counting, new CaffeineCache(100), Duration.ofMinutes(1));
    stores.save(store("Before"));
    assertThat(stores.find(StoreId.of("s1")).orElseThrow().name()).isEqualTo("Before");
    assertThat(stores.find(StoreId.of("s1")).orElseThrow().name()).isEqualTo("Before");
    assertThat(reads).hasValue(1);
    stores.save(store("After"));
    assertThat(stores.find(StoreId.of("s1")).orElseThrow().name()).isEqualTo("After");
    assertThat(reads).hasValue(2);
    assertThat(stores.find(StoreId.of("nope"))).isEmpty();
  }
}
