package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.memory.InMemoryOutbox;
import io.vruksha.retail.memory.InMemoryUnitOfWork;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.nats.NatsConfig;
import io.vruksha.retail.nats.NatsEvents;
import io.vruksha.retail.nats.NatsOutboxRelay;
import io.vruksha.retail.store.StoreId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replays events from a stream and subject prefix of this test's own on the shared nats-server. */
class EventsCommandIT {

  private NatsEvents nats;
  private Map<String, String> env;

  @BeforeEach
  void ownStream() {
    String run = "cliit" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    NatsConfig base = NatsConfig.from(System.getenv());
    nats =
        NatsEvents.connect(
            new NatsConfig(
                base.url(), "RETAIL_" + run.toUpperCase(), run + ".", 1, Duration.ofMinutes(2)));
    env =
        Map.of(
            "NATS_URL", base.url(),
            "NATS_STREAM", nats.config().streamName(),
            "NATS_SUBJECT_PREFIX", nats.config().subjectPrefix());
  }

  @AfterEach
  void dropStream() {
    nats.deleteStream();
    nats.close();
  }

  private EventEnvelope publish(DomainEvent event) {
    InMemoryOutbox outbox = new InMemoryOutbox();
    EventEnvelope e = EventEnvelope.of(event, Instant.parse("2026-11-24T17:00:00Z"), "test");
    outbox.append(e);
    new NatsOutboxRelay(nats, outbox, new InMemoryUnitOfWork(), 100).relayOnce();
    return e;
  }

  private static DomainEvent closed(String store, String shift) {
    return new DomainEvent.ShiftClosed(
        StoreId.of(store), shift, "Z001-2026-000001", Money.of("0.00", "EUR"));
  }

  @Test
  void replaysFromASequenceAndFromAnInstant() throws InterruptedException {
    EventEnvelope first = publish(closed("s1", "shift-1"));
    EventEnvelope customer =
        publish(new DomainEvent.CustomerCreated(StoreId.of("s1"), "c-1", false));
    Thread.sleep(50);
    Instant between = Instant.now();
    Thread.sleep(50);
    EventEnvelope third = publish(closed("s2", "shift-2"));

    CliRun all =
        CliRun.run(env, "events", "replay", "--subject", "retail.pos.>", "--from-sequence", "1");
    assertThat(all.code()).as(all.toString()).isZero();
    List<String> lines = all.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("sequence  subject");
    // the customer event (sequence 2) is not on retail.pos.>
    assertThat(lines.get(1))
        .startsWith("1         retail.pos.shift.closed.v1  " + first.eventId() + "  s1");
    assertThat(lines.get(2))
        .startsWith("3         retail.pos.shift.closed.v1  " + third.eventId() + "  s2");
    assertThat(all.out()).doesNotContain(customer.eventId().toString());
    assertThat(all.err()).contains("replayed 2 events");

    CliRun later =
        CliRun.run(
            env,
            "events",
            "replay",
            "--subject",
            "retail.>",
            "--since",
            between.toString(),
            "--format",
            "json");
    assertThat(later.code()).as(later.toString()).isZero();
    assertThat(later.out().lines().toList())
        .containsExactly(
            "{\"sequence\": \"3\", \"subject\": \"retail.pos.shift.closed.v1\", \"event_id\": \""
                + third.eventId()
                + "\", \"store\": \"s2\", \"occurred_at\": \"2026-11-24T17:00:00Z\","
                + " \"type\": \"ShiftClosed\"}");

    CliRun fromTwo =
        CliRun.run(
            env,
            "events",
            "replay",
            "--subject",
            "retail.>",
            "--from-sequence",
            "2",
            "--format",
            "csv");
    assertThat(fromTwo.csv())
        .extracting(r -> r.get("event_id"))
        .containsExactly(customer.eventId().toString(), third.eventId().toString());
  }

  @Test
  void usageErrors() {
    assertThat(CliRun.run(env, "events", "replay", "--subject", "retail.>").code())
        .isEqualTo(Retail.USAGE);
    assertThat(
            CliRun.run(
                    env,
                    "events",
                    "replay",
                    "--subject",
                    "retail.>",
                    "--from-sequence",
                    "1",
                    "--since",
                    "2026-11-24T00:00:00Z")
                .code())
        .isEqualTo(Retail.USAGE);
    assertThat(
            CliRun.run(env, "events", "replay", "--subject", "retail.>", "--since", "yesterday")
                .code())
        .isEqualTo(Retail.USAGE);
    assertThat(CliRun.run(env, "events", "replay", "--help").out())
        .contains("--from-sequence", "--since", "--nats-url");
  }
}
