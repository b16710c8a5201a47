package io.vruksha.examples.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.memory.InMemoryOutbox;
import io.vruksha.retail.memory.InMemoryUnitOfWork;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.nats.NatsConfig;
import io.vruksha.retail.nats.NatsEventConsumer;
import io.vruksha.retail.nats.NatsEvents;
import io.vruksha.retail.nats.NatsOutboxRelay;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.store.Actor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The printer prints a sale's events, on a stream of this run's own. */
class EventPrinterIT {

  @Test
  void printsTheEventsOfASale() throws Exception {
    String run = "ex" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    Map<String, String> env =
        Map.of(
            "NATS_URL", System.getenv().getOrDefault("NATS_URL", "nats://127.0.0.1:4222"),
            "NATS_STREAM", "RETAIL_" + run.toUpperCase(),
            "NATS_SUBJECT_PREFIX", run + ".");
    try (NatsEvents nats = NatsEvents.connect(NatsConfig.from(env))) {
      try {
        InMemoryOutbox outbox = new InMemoryOutbox();
        InMemoryUnitOfWork work = new InMemoryUnitOfWork();
        RetailEngine engine =
            DemoStore.engineBuilder().reactInProcess(false).outbox(outbox).unitOfWork(work).build();
        DemoStore.seed(engine);
        outbox.markSent(outbox.pending(10_000).stream().map(e -> e.eventId()).toList());
        engine.checkout(
            CheckoutRequest.of(
                "k-1",
                BasketRequest.builder(DemoStore.ID).add("MUG", 1).build(),
                new Tender.Cash(Money.of("5.00", "EUR"))),
            Actor.cashier("anna"));
        new NatsOutboxRelay(nats, outbox, work, 100).relayOnce();

        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        try (NatsEventConsumer consumer = EventPrinter.consumer(nats, "event-printer", out)) {
          while (consumer.poll(50, Duration.ofMillis(500)) > 0) {
            // drain
          }
        }
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(printed)
            .contains(
                "retail.pos.sale.completed.v1 store=demo",
                "retail.billing.invoice.created.v1 store=demo",
                "retail.inventory.stock.updated.v1 store=demo");
        assertThat(printed.lines()).allMatch(l -> !l.contains("retail.dlq."));
      } finally {
        nats.deleteStream();
      }
    }
  }
}
