package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.memory.InMemoryStores;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.store.Stores;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Closing the server lets a request already running finish before the pools close. */
class GracefulShutdownTest {

  /** Stores whose lookups take a while once asked to. */
  static final class SlowStores implements Stores {
    final InMemoryStores delegate = new InMemoryStores();
    final CountDownLatch entered = new CountDownLatch(1);
    volatile boolean slow;

    @Override
    public void save(Store store) {
      delegate.save(store);
    }

    @Override
    public Optional<Store> find(StoreId id) {
      if (slow) {
        entered.countDown();
        try {
          Thread.sleep(1_500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return delegate.find(id);
    }

    @Override
    public List<Store> all() {
      return delegate.all();
    }
  }

  @Test
  void aRequestInFlightCompletesWhileTheServerCloses() throws Exception {
    SlowStores stores = new SlowStores();
    RetailEngine engine = DemoStore.engineBuilder().stores(stores).build();
    DemoStore.seed(engine);
    RetailServer server =
        RetailServer.start(DemoServerTest.config(), engine, List.of(), Map.of(), true);
    TestClient client = new TestClient(server);
    String token = server.demoToken().orElseThrow();
    stores.slow = true;
    CompletableFuture<TestClient.Response> inFlight =
        CompletableFuture.supplyAsync(() -> client.get("/api/v1/stores/demo", token));
    assertThat(stores.entered.await(5, TimeUnit.SECONDS)).isTrue();
    server.close();
    TestClient.Response r = inFlight.get(10, TimeUnit.SECONDS);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.data().get("id").asText()).isEqualTo("demo");
  }
}
