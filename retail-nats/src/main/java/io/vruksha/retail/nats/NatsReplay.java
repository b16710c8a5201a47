package io.vruksha.retail.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.vruksha.retail.UnavailableException;
import io.vruksha.retail.event.EventEnvelope;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Replays stored events into a handler — from a stream sequence or from an instant, for a subject
 * filter — through a short-lived consumer that acknowledges nothing and leaves no trace. The CLI's
 * {@code replay} command and rebuilding a projection use it. Thread-safe.
 */
public final class NatsReplay {

  private final NatsEvents nats;

  /** Replays from {@code nats}. */
  public NatsReplay(NatsEvents nats) {
    this.nats = Objects.requireNonNull(nats, "nats");
  }

  /**
   * Replays events matching {@code subjectFilter} from stream sequence {@code sequence}; returns
   * how many.
   */
  public long fromSequence(String subjectFilter, long sequence, Consumer<EventEnvelope> handler) {
    return replay(
        subjectFilter,
        ConsumerConfiguration.builder()
            .deliverPolicy(DeliverPolicy.ByStartSequence)
            .startSequence(sequence),
        handler);
  }

  /**
   * Replays events matching {@code subjectFilter} stored at or after {@code since}; returns how
   * many.
   */
  public long since(String subjectFilter, Instant since, Consumer<EventEnvelope> handler) {
    return replay(
        subjectFilter,
        ConsumerConfiguration.builder()
            .deliverPolicy(DeliverPolicy.ByStartTime)
            .startTime(since.atZone(ZoneOffset.UTC)),
        handler);
  }

  private long replay(
      String subjectFilter, ConsumerConfiguration.Builder config, Consumer<EventEnvelope> handler) {
    String filter = nats.config().wire(subjectFilter);
    JetStreamSubscription sub;
    try {
      sub =
          nats.jetStream()
              .subscribe(
                  filter,
                  PullSubscribeOptions.builder()
                      .configuration(
                          config
                              .ackPolicy(AckPolicy.None)
                              .filterSubject(filter)
                              .inactiveThreshold(Duration.ofMinutes(1))
                              .build())
                      .build());
    } catch (IOException | JetStreamApiException e) {
      throw new UnavailableException("cannot replay " + filter + ": " + e.getMessage(), e);
    }
    long count = 0;
    try {
      while (true) {
        List<Message> batch = sub.fetch(256, Duration.ofMillis(500));
        if (batch.isEmpty()) {
          return count;
        }
        for (Message m : batch) {
          handler.accept(EventCodec.decode(m));
          count++;
        }
      }
    } finally {
      sub.unsubscribe();
    }
  }
}
