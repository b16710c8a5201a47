package io.vruksha.retail.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.impl.Headers;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.memory.InMemoryOutbox;
import io.vruksha.retail.memory.InMemoryUnitOfWork;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.store.Actor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against the real nats-server at {@code NATS_URL} (default 127.0.0.1:4222). Each test uses its own
 * stream and subject prefix, so runs never collide, and deletes the stream afterwards.
 */
class NatsOutboxRelayIT {

  private NatsEvents nats;

  @BeforeEach
  void ownStream() {
    nats = PrivateStream.open();
  }

  @AfterEach
  void dropStream() {
    PrivateStream.dropAndClose(nats);
  }

  @Test
  void everyCommittedEventArrivesOnceAndARepublishedIdIsDropped() {
    InMemoryOutbox outbox = new InMemoryOutbox();
    InMemoryUnitOfWork work = new InMemoryUnitOfWork();
    RetailEngine engine =
        DemoStore.engineBuilder().reactInProcess(false).outbox(outbox).unitOfWork(work).build();
    DemoStore.seed(engine);
    engine.checkout(
        CheckoutRequest.of(
            "k-1",
            BasketRequest.builder(DemoStore.ID)
                .at(Instant.parse("2026-11-24T11:00:00Z"))
                .add("MUG", 3)
                .build(),
            new Tender.Cash(Money.of("20.00", "EUR"))),
        Actor.cashier("anna"));
    List<EventEnvelope> committed = outbox.all();
    NatsOutboxRelay relay = new NatsOutboxRelay(nats, outbox, work, 4);
    int published = 0;
    for (int n = relay.relayOnce(); n > 0; n = relay.relayOnce()) {
      published += n;
    }
    assertThat(published).isEqualTo(committed.size());
    assertThat(outbox.pending(100)).isEmpty();

    // the same event ids again (a relay that crashed after publishing, before marking sent)
    InMemoryOutbox replayed = new InMemoryOutbox();
    committed.forEach(replayed::append);
    new NatsOutboxRelay(nats, replayed, work, 100).relayOnce();

    List<EventEnvelope> received = new ArrayList<>();
    try (NatsEventConsumer consumer =
        new NatsEventConsumer(nats, "all", "retail.>", 3, Duration.ofMillis(50), received::add)) {
      while (consumer.poll(50, Duration.ofMillis(500)) > 0) {
        // drain
      }
      assertThat(consumer.lag()).isZero();
    }
    assertThat(received).extracting(EventEnvelope::eventId).doesNotHaveDuplicates();
    assertThat(received).containsExactlyElementsOf(committed);
    assertThat(received)
        .extracting(EventEnvelope::subject)
        .contains("retail.pos.sale.completed.v1", "retail.billing.invoice.created.v1");
  }

  @Test
  void aHandlerThatKeepsFailingSendsTheEventToTheDeadLetterSubject() throws Exception {
    InMemoryOutbox outbox = new InMemoryOutbox();
    InMemoryUnitOfWork work = new InMemoryUnitOfWork();
    outbox.append(
        EventEnvelope.of(
            new DomainEvent.SaleCompleted(
                DemoStore.ID, "sale-1", "S001-2026-000001", "", Money.of("1.00", "EUR"), List.of()),
            Instant.EPOCH,
            "sale-1"));
    new NatsOutboxRelay(nats, outbox, work, 10).relayOnce();

    int[] attempts = {0};
    try (NatsEventConsumer consumer =
        new NatsEventConsumer(
            nats,
            "failing",
            "retail.pos.>",
            2,
            Duration.ofMillis(100),
            e -> {
              attempts[0]++;
              throw new IllegalStateException("the printer is out of paper");
            })) {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (attempts[0] < 2 && System.nanoTime() < deadline) {
        consumer.poll(10, Duration.ofMillis(300));
      }
    }
    assertThat(attempts[0]).isEqualTo(2);

    String dlq = nats.config().wire("retail.dlq.retail.pos.sale.completed.v1");
    JetStreamSubscription sub =
        nats.jetStream()
            .subscribe(dlq, PullSubscribeOptions.builder().durable("dlq-reader").build());
    List<Message> dead = sub.fetch(1, Duration.ofSeconds(2));
    assertThat(dead)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.getHeaders().getFirst(EventCodec.FAILURE))
                  .isEqualTo("the printer is out of paper");
              assertThat(m.getHeaders().getFirst(EventCodec.CORRELATION)).isEqualTo("sale-1");
            });
  }

  @Test
  void anUnreadableMessageIsDeadLetteredAtOnceAndTheNextEventStillArrives() throws Exception {
    String subject = nats.config().wire("retail.pos.sale.completed.v1");
    Headers forged = new Headers();
    forged.add(EventCodec.TYPE, "java.lang.ProcessBuilder"); // never a type the codec will build
    nats.jetStream().publish(subject, forged, "{\"command\":[\"rm\"]}".getBytes());
    nats.jetStream().publish(subject, "not json at all".getBytes());
    InMemoryOutbox outbox = new InMemoryOutbox();
    outbox.append(
        EventEnvelope.of(
            new DomainEvent.SaleCompleted(
                DemoStore.ID, "sale-2", "S001-2026-000002", "", Money.of("2.00", "EUR"), List.of()),
            Instant.EPOCH,
            "sale-2"));
    new NatsOutboxRelay(nats, outbox, new InMemoryUnitOfWork(), 10).relayOnce();

    List<EventEnvelope> received = new ArrayList<>();
    try (NatsEventConsumer consumer =
        new NatsEventConsumer(
            nats, "sturdy", "retail.pos.>", 3, Duration.ofMillis(50), received::add)) {
      while (consumer.poll(10, Duration.ofMillis(500)) > 0) {
        // drain
      }
      assertThat(consumer.lag()).isZero();
    }
    assertThat(received)
        .extracting(e -> ((DomainEvent.SaleCompleted) e.payload()).saleId())
        .containsExactly("sale-2");

    String dlq = nats.config().wire("retail.dlq.retail.pos.sale.completed.v1");
    JetStreamSubscription sub =
        nats.jetStream()
            .subscribe(dlq, PullSubscribeOptions.builder().durable("dlq-unreadable").build());
    List<Message> dead = sub.fetch(5, Duration.ofSeconds(2));
    assertThat(dead).hasSize(2);
    assertThat(dead.get(0).getHeaders().getFirst(EventCodec.FAILURE))
        .contains("not a readable event");
  }
}
