package io.vruksha.retail.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.memory.InMemoryOutbox;
import io.vruksha.retail.memory.InMemoryUnitOfWork;
import io.vruksha.retail.store.StoreId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NatsReplayIT {

  private NatsEvents nats;

  @BeforeEach
  void ownStream() {
    nats = PrivateStream.open();
  }

  @AfterEach
  void dropStream() {
    PrivateStream.dropAndClose(nats);
  }

  private void publish(String... customers) {
    InMemoryOutbox outbox = new InMemoryOutbox();
    for (String c : customers) {
      outbox.append(
          EventEnvelope.of(
              new DomainEvent.CustomerCreated(StoreId.of("s1"), c, false), Instant.EPOCH, c));
    }
    new NatsOutboxRelay(nats, outbox, new InMemoryUnitOfWork(), 100).relayOnce();
  }

  private static List<String> customers(List<EventEnvelope> events) {
    return events.stream()
        .map(e -> ((DomainEvent.CustomerCreated) e.payload()).customerId())
        .toList();
  }

  @Test
  void replayFromASequenceAndFromAnInstant() throws InterruptedException {
    publish("a", "b", "c");
    Thread.sleep(50);
    Instant between = Instant.now();
    Thread.sleep(50);
    publish("d", "e");

    List<EventEnvelope> fromThird = new ArrayList<>();
    assertThat(new NatsReplay(nats).fromSequence("retail.>", 3, fromThird::add)).isEqualTo(3);
    assertThat(customers(fromThird)).containsExactly("c", "d", "e");

    List<EventEnvelope> later = new ArrayList<>();
    new NatsReplay(nats).since("retail.customer.>", between, later::add);
    assertThat(customers(later)).containsExactly("d", "e");

    // replaying twice gives the same events: nothing was consumed
    List<EventEnvelope> again = new ArrayList<>();
    new NatsReplay(nats).fromSequence("retail.>", 1, again::add);
    assertThat(customers(again)).containsExactly("a", "b", "c", "d", "e");
  }
}
