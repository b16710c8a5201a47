package io.vruksha.examples.events;

import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.nats.NatsConfig;
import io.vruksha.retail.nats.NatsEventConsumer;
import io.vruksha.retail.nats.NatsEvents;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/**
 * Subscribes to {@code retail.>} with a durable consumer and prints what happens in the stores, one
 * line an event: when, subject, store and the payload. Dead letters ({@code retail.dlq.>}) are
 * skipped. A restart carries on where it stopped (the consumer is durable); each event is printed
 * once.
 *
 * <p>Run: {@code scripts/services.sh start}, start the server with a database and {@code NATS_URL},
 * then {@code mvn -q exec:java -pl examples/event-consumer}; sell something and watch.
 */
public final class EventPrinter {

  private EventPrinter() {}

  /** One line for an event. */
  static String line(EventEnvelope e) {
    return e.occurredAt() + " " + e.subject() + " store=" + e.store() + " " + e.payload();
  }

  /** A durable consumer named {@code durable} that prints to {@code out}. */
  static NatsEventConsumer consumer(NatsEvents nats, String durable, PrintStream out) {
    return new NatsEventConsumer(
        nats,
        durable,
        "retail.>",
        5,
        Duration.ofSeconds(1),
        e -> {
          if (!e.subject().startsWith("retail.dlq.")) {
            out.println(line(e));
          }
        });
  }

  /** Prints events until the process is stopped. */
  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    try (NatsEvents nats = NatsEvents.connect(NatsConfig.from(env));
        NatsEventConsumer consumer = consumer(nats, "event-printer", System.out)) {
      System.err.println("listening on retail.> of stream " + nats.config().streamName());
      while (!Thread.currentThread().isInterrupted()) {
        consumer.poll(100, Duration.ofSeconds(1));
      }
    }
  }
}
