package io.vruksha.retail.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.memory.InMemoryOutbox;
import io.vruksha.retail.memory.InMemoryUnitOfWork;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Actor;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A private nats-server (its own port and store directory, so the shared one is untouched) is
 * stopped and restarted while sales keep committing: every outbox event still arrives exactly once
 * per id, and nothing is left unsent.
 */
class NatsOutageIT {

  private static final Path NATS_SERVER =
      Files.isExecutable(Path.of("/usr/sbin/nats-server"))
          ? Path.of("/usr/sbin/nats-server")
          : Path.of("nats-server");

  private static final class PrivateServer implements AutoCloseable {
    final int port;
    final Path store;
    Process process;

    PrivateServer() throws IOException {
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      store = Files.createTempDirectory("vruksha-nats-it");
    }

    void start() throws Exception {
      process =
          new ProcessBuilder(
                  NATS_SERVER.toString(),
                  "-a",
                  "127.0.0.1",
                  "-p",
                  Integer.toString(port),
                  "-js",
                  "-sd",
                  store.toString())
              .redirectErrorStream(true)
              .redirectOutput(store.resolve("server.log").toFile())
              .start();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
          return;
        } catch (IOException notYet) {
          Thread.sleep(50);
        }
      }
      throw new IllegalStateException("nats-server did not start on port " + port);
    }

    void stop() throws InterruptedException {
      process.destroy();
      process.waitFor();
    }

    @Override
    public void close() {
      if (process != null && process.isAlive()) {
        process.destroyForcibly();
      }
    }
  }

  @Test
  void eventsCommittedWhileNatsIsDownArriveOnceItIsBack() throws Exception {
    try (PrivateServer server = new PrivateServer()) {
      server.start();
      NatsEvents nats =
          NatsEvents.connect(
              new NatsConfig(
                  "nats://127.0.0.1:" + server.port, "RETAIL", "", 1, Duration.ofMinutes(2)));
      InMemoryOutbox outbox = new InMemoryOutbox();
      InMemoryUnitOfWork work = new InMemoryUnitOfWork();
      RetailEngine engine = DemoStore.engineBuilder().outbox(outbox).unitOfWork(work).build();
      DemoStore.seed(engine);
      engine
          .stock()
          .receive(StockKey.floor(DemoStore.ID, Sku.of("MUG")), new BigDecimal("1000"), "po");
      NatsOutboxRelay relay = new NatsOutboxRelay(nats, outbox, work, 20, Duration.ofSeconds(1));
      relay.start();
      int sale = 0;
      for (int outage = 0; outage < 3; outage++) {
        for (int i = 0; i < 10; i++) {
          sell(engine, sale++);
        }
        server.stop();
        for (int i = 0; i < 10; i++) {
          sell(engine, sale++); // the till keeps selling while the bus is down
        }
        server.start();
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!outbox.pending(1).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      relay.close();
      assertThat(outbox.pending(10_000)).isEmpty();

      Set<UUID> committed =
          outbox.all().stream().map(EventEnvelope::eventId).collect(Collectors.toSet());
      List<EventEnvelope> received = new ArrayList<>();
      try (NatsEventConsumer consumer =
          new NatsEventConsumer(
              nats, "audit", "retail.>", 3, Duration.ofMillis(50), received::add)) {
        while (consumer.poll(500, Duration.ofSeconds(1)) > 0) {
          // drain
        }
      }
      assertThat(received).extracting(EventEnvelope::eventId).doesNotHaveDuplicates();
      assertThat(received.stream().map(EventEnvelope::eventId).collect(Collectors.toSet()))
          .isEqualTo(committed);
      assertThat(sale).isEqualTo(60);
      nats.close();
    }
  }

  private static void sell(RetailEngine engine, int n) {
    engine.checkout(
        CheckoutRequest.of(
            "sale-" + n,
            BasketRequest.builder(DemoStore.ID)
                .at(Instant.parse("2026-11-24T11:00:00Z"))
                .add("MUG", 1)
                .build(),
            new Tender.Cash(Money.of("5.00", "EUR"))),
        Actor.cashier("anna"));
  }
}
