package io.vruksha.retail.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PublishOptions;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.impl.Headers;
import io.vruksha.retail.UnavailableException;
import io.vruksha.retail.event.EventEnvelope;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A durable pull consumer of the engine's events with explicit acks. A handler that throws gets the
 * event again after a back-off, up to {@code maxDeliveries}; then the event goes to {@code
 * retail.dlq.<original subject>} with the failure in the {@code Retail-Failure} header and is
 * acked. Events are handed to the handler once per event id among the last {@value #RECENT_IDS} it
 * handled, however often the wire repeats them; a handler whose effect must happen once for good
 * marks ids durably ({@link io.vruksha.retail.event.HandledEvents}, as the reactions do). Not
 * thread-safe: poll from one thread.
 */
public final class NatsEventConsumer implements AutoCloseable {

  /** How many handled ids a consumer remembers; a durable store (HandledEvents) remembers all. */
  static final int RECENT_IDS = 100_000;

  private final NatsEvents nats;
  private final JetStreamSubscription subscription;
  private final Consumer<EventEnvelope> handler;
  private final int maxDeliveries;
  private final Duration backoff;

  /** The ids handed to the handler lately: the wire's repeats within the duplicate window. */
  private final Set<UUID> handled =
      Collections.newSetFromMap(
          new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
              return size() > RECENT_IDS;
            }
          });

  /**
   * A durable consumer named {@code durable} of the events matching {@code subjectFilter} (for
   * example {@code retail.pos.>}).
   */
  public NatsEventConsumer(
      NatsEvents nats,
      String durable,
      String subjectFilter,
      int maxDeliveries,
      Duration backoff,
      Consumer<EventEnvelope> handler) {
    this.nats = Objects.requireNonNull(nats, "nats");
    this.handler = Objects.requireNonNull(handler, "handler");
    this.maxDeliveries = maxDeliveries;
    this.backoff = backoff;
    String filter = nats.config().wire(subjectFilter);
    ConsumerConfiguration config =
        ConsumerConfiguration.builder()
            .durable(durable)
            .ackPolicy(AckPolicy.Explicit)
            .filterSubject(filter)
            .maxDeliver(maxDeliveries)
            .ackWait(Duration.ofSeconds(30))
            .build();
    try {
      this.subscription =
          nats.jetStream()
              .subscribe(
                  filter,
                  PullSubscribeOptions.builder().durable(durable).configuration(config).build());
    } catch (IOException | JetStreamApiException e) {
      throw new UnavailableException(
          "cannot create consumer " + durable + ": " + e.getMessage(), e);
    }
  }

  /**
   * Fetches and handles up to {@code batch} events, waiting at most {@code wait}; returns how many
   * arrived.
   */
  public int poll(int batch, Duration wait) {
    List<Message> messages = subscription.fetch(batch, wait);
    for (Message m : messages) {
      EventEnvelope event;
      try {
        event = EventCodec.decode(m);
      } catch (RuntimeException unreadable) {
        // no handler can ever take it: straight to the dead letters, never redelivered forever
        deadLetterUnreadable(m, unreadable);
        m.ack();
        continue;
      }
      if (handled.contains(event.eventId())) {
        m.ack();
        continue;
      }
      try {
        handler.accept(event);
        handled.add(event.eventId());
        consumed.increment();
        m.ack();
      } catch (RuntimeException failure) {
        if (m.metaData().deliveredCount() >= maxDeliveries) {
          deadLetter(m, event, failure);
          m.ack();
        } else {
          m.nakWithDelay(backoff.multipliedBy(m.metaData().deliveredCount()));
        }
      }
    }
    return messages.size();
  }

  private void deadLetter(Message m, EventEnvelope event, RuntimeException failure) {
    Headers h = EventCodec.headers(event);
    h.add(EventCodec.FAILURE, String.valueOf(failure.getMessage()));
    try {
      nats.jetStream()
          .publish(
              nats.config().wire("retail.dlq." + event.subject()),
              h,
              m.getData(),
              PublishOptions.builder().messageId("dlq-" + event.eventId()).build());
    } catch (IOException | JetStreamApiException e) {
      throw new UnavailableException(
          "cannot dead-letter " + event.eventId() + ": " + e.getMessage(), e);
    }
  }

  private void deadLetterUnreadable(Message m, RuntimeException failure) {
    String prefix = nats.config().subjectPrefix();
    String subject =
        m.getSubject().startsWith(prefix)
            ? m.getSubject().substring(prefix.length())
            : m.getSubject();
    Headers h = new Headers();
    if (m.getHeaders() != null) {
      m.getHeaders().forEach((k, v) -> h.add(k, v));
    }
    h.remove(EventCodec.MSG_ID);
    h.put(EventCodec.FAILURE, String.valueOf(failure.getMessage()));
    try {
      nats.jetStream().publish(nats.config().wire("retail.dlq." + subject), h, m.getData());
    } catch (IOException | JetStreamApiException e) {
      throw new UnavailableException(
          "cannot dead-letter an unreadable message: " + e.getMessage(), e);
    }
  }

  private final LongAdder consumed = new LongAdder();

  /** Events handed to the handler and acknowledged, for metrics. */
  public long consumed() {
    return consumed.sum();
  }

  /** Events waiting for this consumer (its lag), for metrics. */
  public long lag() {
    try {
      return subscription.getConsumerInfo().getNumPending();
    } catch (IOException | JetStreamApiException e) {
      throw new UnavailableException("cannot read consumer lag: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    subscription.unsubscribe();
  }
}
