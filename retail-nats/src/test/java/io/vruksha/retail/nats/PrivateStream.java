package io.vruksha.retail.nats;

import java.time.Duration;
import java.util.UUID;

/**
 * A connection to the shared nats-server ({@code NATS_URL}, default 127.0.0.1:4222) with its own
 * stream and subject prefix, so test runs never collide; {@link #dropAndClose} removes the stream.
 */
final class PrivateStream {

  private PrivateStream() {}

  /** Connects with a fresh stream {@code RETAIL_IT...} on {@code it....retail.>}. */
  static NatsEvents open() {
    String run = "it" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    NatsConfig base = NatsConfig.from(System.getenv());
    return NatsEvents.connect(
        new NatsConfig(
            base.url(), "RETAIL_" + run.toUpperCase(), run + ".", 1, Duration.ofMinutes(2)));
  }

  /** Deletes the stream and closes the connection. */
  static void dropAndClose(NatsEvents nats) {
    nats.deleteStream();
    nats.close();
  }
}
