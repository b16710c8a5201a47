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
import java.math.BigDecimal;
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

  @Test
  void eventsCommittedWhileNatsIsDownArriveOnceItIsBack() throws Exception {
    try (PrivateNatsServer server = new PrivateNatsServer()) {
      server.start();
      NatsEvents nats =
          NatsEvents.connect(new NatsConfig(server.url(), "RETAIL", "", 1, Duration.ofMinutes(2)));
      InMemoryOutbox outbox = new InMemoryOutbox();
      InMemoryUnitOfWork work = new InMemoryUnitOfWork();
      RetailEngine engine =
          DemoStore.engineBuilder().reactInProcess(false).outbox(outbox).unitOfWork(work).build();
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
      // until the relay has seen every committed event acknowledged: an empty pending list is not
      // enough, since a batch being published is already marked (and comes back if it fails)
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (relay.published() < outbox.all().size() && System.nanoTime() < deadline) {
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
