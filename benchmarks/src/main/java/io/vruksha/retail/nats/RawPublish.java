package io.vruksha.retail.nats;

import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.vruksha.retail.event.EventEnvelope;
import java.util.concurrent.CompletableFuture;

/**
 * The relay benchmark's baseline: the relay's own wire format, published straight to JetStream with
 * nothing around it (no outbox, no transaction). Lives in the adapter's package to reach the codec;
 * benchmarks only.
 */
public final class RawPublish {

  private RawPublish() {}

  /** The event's body as the relay writes it. */
  public static byte[] body(EventEnvelope e) {
    return EventCodec.body(e);
  }

  /** Publishes the event's headers and {@code body} asynchronously with a de-duplication id. */
  public static CompletableFuture<PublishAck> publish(
      NatsEvents nats, String wireSubject, EventEnvelope e, byte[] body, String id) {
    return nats.jetStream()
        .publishAsync(
            wireSubject,
            EventCodec.headers(e),
            body,
            PublishOptions.builder().messageId(id).build());
  }
}
