package io.vruksha.retail.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.Nats;
import io.nats.client.api.KeyValueOperation;
import io.vruksha.retail.UnavailableException;
import io.vruksha.retail.cache.TieredCache;
import io.vruksha.retail.catalog.SellableItem;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.memory.CaffeineCache;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.pricing.CachingPriceBook;
import io.vruksha.retail.pricing.PriceBook;
import io.vruksha.retail.pricing.PriceListId;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NatsKeyValueCacheIT {

  private NatsEvents nats;
  private String bucket;

  @BeforeEach
  void ownStreamAndBucket() {
    nats = PrivateStream.open();
    bucket = "retail_cache_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  @AfterEach
  void dropThem() throws Exception {
    if (nats.connection().keyValueManagement().getBucketNames().contains(bucket)) {
      nats.connection().keyValueManagement().delete(bucket);
    }
    PrivateStream.dropAndClose(nats);
  }

  private static SellableItem mug() {
    return DemoStore.inMemory().catalog().item(Sku.of("MUG")).orElseThrow();
  }

  @Test
  void valuesRoundTripExpireAndAreDeletedByKeyOrPrefix() throws InterruptedException {
    NatsKeyValueCache cache = NatsKeyValueCache.open(nats, bucket, Duration.ofHours(1));
    SellableItem mug = mug();
    cache.put("catalog:sku:MUG", mug, Duration.ofMinutes(5));
    cache.put("catalog:barcode:0000096385074", mug, Duration.ofMinutes(5));
    cache.put("price:MUG|demo|EUR", "4.99", Duration.ofMinutes(5));
    assertThat(cache.get("catalog:sku:MUG", SellableItem.class)).contains(mug);
    assertThat(cache.get("catalog:sku:MUG", String.class)).isEmpty();

    cache.put("short", "lived", Duration.ofMillis(100));
    Thread.sleep(200);
    assertThat(cache.get("short", String.class)).isEmpty();

    cache.deletePrefix("catalog:");
    assertThat(cache.get("catalog:sku:MUG", SellableItem.class)).isEmpty();
    assertThat(cache.get("catalog:barcode:0000096385074", SellableItem.class)).isEmpty();
    assertThat(cache.get("price:MUG|demo|EUR", String.class)).contains("4.99");
    cache.delete("price:MUG|demo|EUR");
    assertThat(cache.get("price:MUG|demo|EUR", String.class)).isEmpty();
  }

  @Test
  void aDeleteInOneProcessDropsTheKeyFromAnotherProcesssNearCache() throws Exception {
    NatsEvents otherProcess = NatsEvents.connect(nats.config());
    try {
      NatsKeyValueCache here = NatsKeyValueCache.open(nats, bucket, Duration.ofHours(1));
      NatsKeyValueCache there = NatsKeyValueCache.open(otherProcess, bucket, Duration.ofHours(1));
      CaffeineCache thereNear = new CaffeineCache(100);
      thereNear.put("catalog:sku:MUG", mug(), Duration.ofMinutes(5));
      try (AutoCloseable watch = there.invalidating(thereNear)) {
        here.put("catalog:sku:MUG", mug(), Duration.ofMinutes(5));
        here.delete("catalog:sku:MUG");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (thereNear.get("catalog:sku:MUG", SellableItem.class).isPresent()
            && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(thereNear.get("catalog:sku:MUG", SellableItem.class)).isEmpty();
      }
    } finally {
      otherProcess.close();
    }
  }

  @Test
  void aPrefixDeleteDropsTheKeysAnotherProcessHoldsNearThoughTheBucketHasNone() throws Exception {
    NatsEvents otherProcess = NatsEvents.connect(nats.config());
    try {
      NatsKeyValueCache here = NatsKeyValueCache.open(nats, bucket, Duration.ofHours(1));
      NatsKeyValueCache there = NatsKeyValueCache.open(otherProcess, bucket, Duration.ofHours(1));
      CaffeineCache thereNear = new CaffeineCache(100);
      // read while the bucket rested, say: near only
      thereNear.put("price:MUG|demo|EUR", "4.99", Duration.ofMinutes(5));
      thereNear.put("price:TEE-M|demo|EUR", "19.99", Duration.ofMinutes(5));
      try (AutoCloseable watch = there.invalidating(thereNear)) {
        here.deletePrefix("price:MUG|");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (thereNear.get("price:MUG|demo|EUR", String.class).isPresent()
            && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(thereNear.get("price:MUG|demo|EUR", String.class)).isEmpty();
        assertThat(thereNear.get("price:TEE-M|demo|EUR", String.class)).contains("19.99");
      }
    } finally {
      otherProcess.close();
    }
  }

  @Test
  void aPriceChangedInOneProcessIsReadFreshByAnotherLongBeforeItsNearCacheExpires()
      throws Exception {
    NatsEvents otherProcess = NatsEvents.connect(nats.config());
    RetailEngine demo = DemoStore.inMemory(); // the price source both processes read (the database)
    Duration hour = Duration.ofHours(1);
    try {
      CaffeineCache nearA = new CaffeineCache(1_000);
      CaffeineCache nearB = new CaffeineCache(1_000);
      NatsKeyValueCache sharedA = NatsKeyValueCache.open(nats, bucket, hour);
      NatsKeyValueCache sharedB = NatsKeyValueCache.open(otherProcess, bucket, hour);
      PriceBook a =
          new CachingPriceBook(demo.priceBook(), new TieredCache(nearA, sharedA, hour), hour);
      PriceBook b =
          new CachingPriceBook(demo.priceBook(), new TieredCache(nearB, sharedB, hour), hour);
      try (AutoCloseable watchA = sharedA.invalidating(nearA);
          AutoCloseable watchB = sharedB.invalidating(nearB)) {
        assertThat(mugPrice(b)).isEqualTo("4.99 EUR");
        assertThat(mugPrice(a)).isEqualTo("4.99 EUR"); // from the shared cache

        a.setPrice(
            PriceListId.of("retail"),
            Sku.of("MUG"),
            UnitPrice.of("5.49", "EUR"),
            Instant.parse("2026-11-24T00:00:00Z"),
            "test");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!mugPrice(b).equals("5.49 EUR") && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(mugPrice(b)).isEqualTo("5.49 EUR");
      }
    } finally {
      otherProcess.close();
    }
  }

  /**
   * The server holding B's watch is killed and restarted: a price A sets once JetStream answers
   * again is charged by B within 2 s, not after the near-cache's lifetime. (Before the watch mended
   * itself, B's watch stayed deaf until jnats' own heartbeat check re-made it, 15 s or more.)
   */
  @Test
  void afterTheServerIsKilledAndRestartedAPriceChangedInOneProcessIsSeenByAnotherWithin2s()
      throws Exception {
    Duration bound = Duration.ofSeconds(2);
    Duration hour = Duration.ofHours(1);
    RetailEngine demo = DemoStore.inMemory(); // the price source both processes read
    try (PrivateNatsServer server = new PrivateNatsServer()) {
      server.start();
      NatsConfig config = new NatsConfig(server.url(), "RETAIL", "", 1, Duration.ofMinutes(2));
      try (NatsEvents processA = NatsEvents.connect(config);
          NatsEvents processB = NatsEvents.connect(config)) {
        CaffeineCache nearA = new CaffeineCache(1_000);
        CaffeineCache nearB = new CaffeineCache(1_000);
        NatsKeyValueCache sharedA = NatsKeyValueCache.open(processA, "retail_cache", hour);
        NatsKeyValueCache sharedB = NatsKeyValueCache.open(processB, "retail_cache", hour);
        PriceBook a =
            new CachingPriceBook(demo.priceBook(), new TieredCache(nearA, sharedA, hour), hour);
        PriceBook b =
            new CachingPriceBook(demo.priceBook(), new TieredCache(nearB, sharedB, hour), hour);
        try (AutoCloseable watchA = sharedA.invalidating(nearA);
            AutoCloseable watchB = sharedB.invalidating(nearB)) {
          assertThat(mugPrice(b)).isEqualTo("4.99 EUR");
          assertThat(mugPrice(a)).isEqualTo("4.99 EUR");

          try (Connection check = Nats.connect(server.url())) {
            assertThat(gone(check.keyValue("retail_cache"), PRICE_KEY))
                .as("the price is in the shared cache")
                .isFalse();
          }

          server.kill();
          server.start();
          long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
          try (Connection check = Nats.connect(server.url())) {
            KeyValue kv = awaitBucket(check, deadline);
            a.setPrice(
                PriceListId.of("retail"),
                Sku.of("MUG"),
                UnitPrice.of("5.49", "EUR"),
                Instant.parse("2026-11-24T00:00:00Z"),
                "test");
            // A's delete lands at once, or, owed, on A's next cache call once its connection
            // answers again (A goes on pricing meanwhile, as a server does)
            while (!gone(kv, PRICE_KEY)) {
              assertThat(mugPrice(a)).isEqualTo("5.49 EUR");
              assertThat(System.nanoTime())
                  .as("A's delete lands; A " + processA.connection().getStatus())
                  .isLessThan(deadline);
              Thread.sleep(20);
            }
            long landed = System.nanoTime();
            while (!mugPrice(b).equals("5.49 EUR")) {
              assertThat(Duration.ofNanos(System.nanoTime() - landed))
                  .as("B charges 5.49 EUR after A's delete reached the bucket")
                  .isLessThan(bound);
              Thread.sleep(20);
            }
            System.out.printf(
                "cache-watch: after a nats-server kill -9 and restart, a price set by one process"
                    + " was charged by another %d ms after its delete reached the bucket%n",
                Duration.ofNanos(System.nanoTime() - landed).toMillis());
          }
        }
      }
    }
  }

  /** The key {@link CachingPriceBook} keeps the mug's demo-store prices under. */
  private static final String PRICE_KEY = "price:MUG|demo|EUR";

  private static KeyValue awaitBucket(Connection c, long deadline) throws Exception {
    while (true) {
      try {
        KeyValue kv = c.keyValue("retail_cache");
        kv.get("none");
        return kv;
      } catch (IOException | JetStreamApiException notYet) {
        assertThat(System.nanoTime()).as("JetStream back").isLessThan(deadline);
        Thread.sleep(100);
      }
    }
  }

  private static String mugPrice(PriceBook book) {
    return book.entries(Sku.of("MUG"), DemoStore.ID, DemoStore.EUR).stream()
        .filter(e -> e.list().id().equals(PriceListId.of("retail")))
        .map(e -> e.price().toString())
        .findFirst()
        .orElse("none");
  }

  @Test
  void keysEscapeAndUnescape() {
    String key = "price:MUG|demo|EUR";
    assertThat(NatsKeyValueCache.escape(key)).matches("[-/_=.a-zA-Z0-9]+");
    assertThat(NatsKeyValueCache.unescape(NatsKeyValueCache.escape(key))).isEqualTo(key);
    assertThat(NatsKeyValueCache.escape(key)).startsWith(NatsKeyValueCache.escape("price:"));
  }

  @Test
  void whileNatsIsAwayTheCacheAnswersAtOnceAndADeleteMadeMeanwhileIsDoneOnceItIsBack()
      throws Exception {
    try (PrivateNatsServer server = new PrivateNatsServer()) {
      server.start();
      try (NatsEvents own =
          NatsEvents.connect(
              new NatsConfig(server.url(), "RETAIL", "", 1, Duration.ofMinutes(2)))) {
        NatsKeyValueCache cache = NatsKeyValueCache.open(own, "retail_cache", Duration.ofHours(1));
        cache.put("price:MUG|demo|EUR", "4.99", Duration.ofMinutes(5));
        cache.put("catalog:sku:MUG", "mug", Duration.ofMinutes(5));
        server.stop();
        while (own.connected()) {
          Thread.sleep(20);
        }

        long started = System.nanoTime();
        assertThat(cache.get("price:MUG|demo|EUR", String.class)).isEmpty();
        cache.put("price:TEE-M|demo|EUR", "19.99", Duration.ofMinutes(5));
        // the price changes while the bucket is out of reach: the delete cannot reach it now
        Assertions.assertThatThrownBy(() -> cache.delete("price:MUG|demo|EUR"))
            .isInstanceOf(UnavailableException.class);
        Assertions.assertThatThrownBy(() -> cache.deletePrefix("catalog:"))
            .isInstanceOf(UnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .as("no call waits for NATS")
            .isLessThan(Duration.ofMillis(500));

        Thread.sleep(1_000); // an outage, not a blink
        server.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        // checked on a connection of the test's own
        try (Connection check = Nats.connect(server.url())) {
          KeyValue kv = null;
          while (kv == null) {
            try {
              kv = check.keyValue("retail_cache");
            } catch (IOException notYet) {
              assertThat(System.nanoTime()).as("JetStream back").isLessThan(deadline);
              Thread.sleep(100);
            }
          }
          // the cache does the deletes it owes once JetStream answers it again (rebuilding its
          // connection if that stays deaf), and never serves the old values meanwhile
          while (!gone(kv, "price:MUG|demo|EUR") || !gone(kv, "catalog:sku:MUG")) {
            assertThat(cache.get("price:MUG|demo|EUR", String.class)).isEmpty();
            assertThat(cache.get("catalog:sku:MUG", String.class)).isEmpty();
            assertThat(System.nanoTime())
                .as("the deletes reach the bucket; connection " + own.connection().getStatus())
                .isLessThan(deadline);
            Thread.sleep(200);
          }
          // and it caches again
          while (cache.get("price:MUG|demo|EUR", String.class).isEmpty()) {
            cache.put("price:MUG|demo|EUR", "5.49", Duration.ofMinutes(5));
            assertThat(System.nanoTime()).as("caching again").isLessThan(deadline);
            Thread.sleep(200);
          }
          assertThat(cache.get("price:MUG|demo|EUR", String.class)).contains("5.49");
        }
      }
    }
  }

  @Test
  void aServerThatStopsAnsweringWhileStillConnectedDelaysAReadByAboutHalfASecond()
      throws Exception {
    try (PrivateNatsServer server = new PrivateNatsServer()) {
      server.start();
      try (NatsEvents own =
          NatsEvents.connect(
              new NatsConfig(server.url(), "RETAIL", "", 1, Duration.ofMinutes(2)))) {
        NatsKeyValueCache cache = NatsKeyValueCache.open(own, "retail_cache", Duration.ofHours(1));
        cache.put("price:MUG|demo|EUR", "4.99", Duration.ofMinutes(5));
        assertThat(cache.get("price:MUG|demo|EUR", String.class)).contains("4.99");

        server.freeze(); // the socket stays open: the connection still says it is connected
        try {
          long started = System.nanoTime();
          assertThat(cache.get("price:MUG|demo|EUR", String.class)).isEmpty();
          Duration first = Duration.ofNanos(System.nanoTime() - started);
          assertThat(own.connected()).isTrue();
          // jnats' own wait would be the connection timeout, 5 s
          assertThat(first).as("the first unanswered read").isLessThan(Duration.ofMillis(2500));
          assertThat(first)
              .as("it did wait for an answer")
              .isGreaterThanOrEqualTo(NatsKeyValueCache.REQUEST_TIMEOUT);

          // the bucket now rests: the next calls do not wait at all
          started = System.nanoTime();
          assertThat(cache.get("price:MUG|demo|EUR", String.class)).isEmpty();
          cache.put("price:TEE-M|demo|EUR", "19.99", Duration.ofMinutes(5));
          assertThat(Duration.ofNanos(System.nanoTime() - started))
              .as("calls while the bucket rests")
              .isLessThan(Duration.ofMillis(500));
        } finally {
          server.thaw();
        }

        // answered again once the rest is over
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (cache.get("price:MUG|demo|EUR", String.class).isEmpty()) {
          assertThat(System.nanoTime())
              .as("read again after the server thaws")
              .isLessThan(deadline);
          Thread.sleep(200);
        }
        assertThat(cache.get("price:MUG|demo|EUR", String.class)).contains("4.99");
      }
    }
  }

  private static boolean gone(KeyValue kv, String key) throws Exception {
    var entry = kv.get(NatsKeyValueCache.escape(key));
    return entry == null || entry.getOperation() != KeyValueOperation.PUT;
  }
}
