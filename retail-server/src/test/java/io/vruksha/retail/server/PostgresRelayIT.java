package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Message;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.nats.NatsConfig;
import io.vruksha.retail.nats.NatsEvents;
import io.vruksha.retail.nats.NatsOutboxRelay;
import io.vruksha.retail.nats.NatsReplay;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.PostgresOutbox;
import io.vruksha.retail.postgres.TestDatabase;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.store.Actor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The relay on a PostgreSQL outbox and the real nats-server, with two background workers, each
 * claiming a batch in a transaction of its own while the other waits for its acknowledgements:
 * every event still reaches the stream once, and in the outbox's order (the sales commit one after
 * another here, so outbox order is commit order).
 */
class PostgresRelayIT {

  private static final int EVENTS = 2_000;

  @Test
  void twoWorkersPublishEveryEventOnceInOutboxOrder() throws Exception {
    PostgresDatabase db = TestDatabase.fresh();
    PostgresOutbox outbox = new PostgresOutbox(db);
    String run = "it" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    NatsConfig base = NatsConfig.from(System.getenv());
    NatsConfig config =
        new NatsConfig(
            base.url(),
            "RETAIL_" + run.toUpperCase(Locale.ROOT),
            run + ".",
            1,
            Duration.ofMinutes(2));
    List<String> appended = new ArrayList<>();
    try (NatsEvents nats = NatsEvents.connect(config)) {
      try {
        NatsOutboxRelay relay =
            new NatsOutboxRelay(nats, outbox, db.unitOfWork(), 50, Duration.ofSeconds(10), 2);
        relay.start();
        try {
          // sales keep committing while the relay runs, 25 events to a transaction
          for (int i = 0; i < EVENTS; i += 25) {
            int from = i;
            db.unitOfWork()
                .run(
                    () -> {
                      for (int k = from; k < from + 25; k++) {
                        EventEnvelope e = saleCompleted(k);
                        outbox.append(e);
                        appended.add(e.eventId().toString());
                      }
                      return null;
                    });
          }
          long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
          while (relay.published() < EVENTS && System.nanoTime() < deadline) {
            Thread.sleep(20);
          }
        } finally {
          relay.close();
        }
        assertThat(relay.published()).isEqualTo(EVENTS);
        assertThat(outbox.pending(10)).isEmpty();
        assertThat(StreamIds.inOrder(config.url(), config)).containsExactlyElementsOf(appended);
      } finally {
        nats.deleteStream();
      }
    }
  }

  @Test
  void aCheckoutsOneOutboxRowArrivesAsItsFiveEventsWithTheirIds() throws Exception {
    PostgresDatabase db = TestDatabase.fresh();
    RetailEngine engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
    DemoStore.seed(engine);
    PostgresOutbox outbox = new PostgresOutbox(db);
    db.jdbi().useHandle(h -> h.execute("DELETE FROM outbox"));
    Sale sale =
        engine.checkout(
            CheckoutRequest.of(
                "till-1:0001",
                BasketRequest.builder(DemoStore.ID)
                    .add("TEE-M", 1)
                    .add("MUG", 1)
                    .add("COFFEE", 1)
                    .build(),
                new Tender.Cash(Money.of("100.00", "EUR"))),
            Actor.cashier("anna"));
    long rows =
        db.jdbi()
            .withHandle(h -> h.createQuery("SELECT count(*) FROM outbox").mapTo(Long.class).one());
    assertThat(rows).isOne();
    List<EventEnvelope> events = outbox.pending(10);
    assertThat(events).hasSize(5);
    NatsConfig config = config();
    try (NatsEvents nats = NatsEvents.connect(config)) {
      try {
        NatsOutboxRelay relay = new NatsOutboxRelay(nats, outbox, db.unitOfWork(), 500);
        assertThat(relay.relayOnce()).isEqualTo(5);
        assertThat(relay.relayOnce()).isZero();
        List<Message> messages = StreamIds.messages(config.url(), config);
        assertThat(messages).hasSize(5);
        for (int i = 0; i < 5; i++) {
          EventEnvelope e = events.get(i);
          Message m = messages.get(i);
          assertThat(m.getSubject()).isEqualTo(config.wire(e.subject()));
          assertThat(m.getHeaders().getFirst("Nats-Msg-Id")).isEqualTo(e.eventId().toString());
          assertThat(m.getHeaders().getFirst("Retail-Correlation-Id")).isEqualTo(sale.id());
          assertThat(m.getHeaders().getFirst("Retail-Occurred-At"))
              .isEqualTo(e.occurredAt().toString());
        }
        // read back as a consumer reads it: the same envelopes, payloads included
        List<EventEnvelope> replayed = new ArrayList<>();
        new NatsReplay(nats).fromSequence("retail.>", 1, replayed::add);
        assertThat(replayed).containsExactlyElementsOf(events);
        assertThat(events)
            .extracting(EventEnvelope::subject)
            .containsExactlyInAnyOrder(
                "retail.inventory.stock.updated.v1",
                "retail.inventory.stock.updated.v1",
                "retail.inventory.stock.updated.v1",
                "retail.pos.sale.completed.v1",
                "retail.billing.invoice.created.v1");
      } finally {
        nats.deleteStream();
      }
    }
  }

  private static NatsConfig config() {
    String run = "it" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    NatsConfig base = NatsConfig.from(System.getenv());
    return new NatsConfig(
        base.url(), "RETAIL_" + run.toUpperCase(Locale.ROOT), run + ".", 1, Duration.ofMinutes(2));
  }

  private static EventEnvelope saleCompleted(int k) {
    String sale = "sale-" + k;
    return EventEnvelope.of(
        new DomainEvent.SaleCompleted(
            DemoStore.ID,
            sale,
            String.format(Locale.ROOT, "S001-2026-%06d", k + 1),
            "",
            Money.of("1.00", "EUR"),
            List.of()),
        Instant.parse("2026-11-25T10:00:00Z"),
        sale);
  }
}
