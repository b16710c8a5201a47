package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.nats.NatsConfig;
import io.vruksha.retail.nats.NatsEvents;
import io.vruksha.retail.nats.NatsOutboxRelay;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.PostgresOutbox;
import io.vruksha.retail.postgres.TestDatabase;
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
