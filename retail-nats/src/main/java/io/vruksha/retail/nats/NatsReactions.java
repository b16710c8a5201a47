package io.vruksha.retail.nats;

import io.vruksha.retail.reaction.Reaction;
import io.vruksha.retail.reaction.Reactions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the engine's enabled {@link Reactions} on JetStream: one durable pull consumer per reaction
 * (named by {@link Reaction#consumerName()}, filtered by {@link Reaction#subjectFilter()}), each
 * polled by a thread of its own. Several processes running it share each durable consumer, so an
 * event goes to one of them; the reactions' handled-events marks keep the effect once per event id
 * even when it is delivered twice. A reaction that keeps failing on an event retries it with a
 * growing back-off and, after {@code maxDeliveries}, dead-letters it on {@code
 * retail.dlq.<subject>}. While NATS is down the threads wait and resume by themselves.
 */
public final class NatsReactions implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NatsReactions.class);

  private final NatsEvents nats;
  private final Map<Reaction, NatsEventConsumer> consumers = new EnumMap<>(Reaction.class);
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;

  private NatsReactions(NatsEvents nats) {
    this.nats = nats;
  }

  /**
   * Starts a consumer for every reaction {@code reactions} enables: up to 5 deliveries, 1 s
   * back-off growing with each delivery.
   */
  public static NatsReactions start(NatsEvents nats, Reactions reactions) {
    return start(nats, reactions, 5, Duration.ofSeconds(1));
  }

  /** Starts the consumers with the given retry policy. */
  public static NatsReactions start(
      NatsEvents nats, Reactions reactions, int maxDeliveries, Duration backoff) {
    Objects.requireNonNull(reactions, "reactions");
    NatsReactions running = new NatsReactions(Objects.requireNonNull(nats, "nats"));
    try {
      for (Reaction r : reactions.enabled()) {
        NatsEventConsumer consumer =
            new NatsEventConsumer(
                nats,
                r.consumerName(),
                r.subjectFilter(),
                maxDeliveries,
                backoff,
                event -> reactions.handle(r, event));
        running.consumers.put(r, consumer);
      }
    } catch (RuntimeException e) {
      running.close();
      throw e;
    }
    running.consumers.forEach(running::poll);
    return running;
  }

  private void poll(Reaction reaction, NatsEventConsumer consumer) {
    Thread t =
        new Thread(
            () -> {
              Duration pause = Duration.ofMillis(100);
              while (running) {
                try {
                  consumer.poll(100, Duration.ofMillis(500));
                  pause = Duration.ofMillis(100);
                } catch (RuntimeException e) {
                  if (!running) {
                    return;
                  }
                  LOG.warn(
                      "{} waiting {} ms: {}",
                      reaction.consumerName(),
                      pause.toMillis(),
                      e.getMessage());
                  try {
                    Thread.sleep(pause.toMillis());
                  } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                  pause =
                      pause.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0
                          ? Duration.ofSeconds(5)
                          : pause.multipliedBy(2);
                }
              }
            },
            "vruksha-" + reaction.consumerName());
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  /** The reactions running. */
  public Set<Reaction> reactions() {
    return Collections.unmodifiableSet(consumers.keySet());
  }

  /** Events each reaction's consumer has taken, for metrics. */
  public Map<Reaction, Long> consumed() {
    Map<Reaction, Long> n = new EnumMap<>(Reaction.class);
    consumers.forEach((r, c) -> n.put(r, c.consumed()));
    return n;
  }

  /** Events waiting for each reaction (its consumer's lag), for metrics; -1 when unreadable. */
  public Map<Reaction, Long> lag() {
    Map<Reaction, Long> lag = new EnumMap<>(Reaction.class);
    consumers.forEach(
        (r, c) -> {
          try {
            lag.put(r, c.lag());
          } catch (RuntimeException e) {
            lag.put(r, -1L);
          }
        });
    return lag;
  }

  /**
   * Stops polling and unsubscribes; the durable consumers stay on the stream for the next start.
   */
  @Override
  public void close() {
    running = false;
    for (Thread t : threads) {
      try {
        t.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (NatsEventConsumer c : consumers.values()) {
      try {
        c.close();
      } catch (RuntimeException e) {
        LOG.debug("closing {}: {}", c, e.getMessage());
      }
    }
    LOG.debug("reactions on {} stopped", nats.config().streamName());
  }
}
