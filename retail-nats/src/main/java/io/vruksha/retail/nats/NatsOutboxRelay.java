package io.vruksha.retail.nats;

import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.vruksha.retail.UnavailableException;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.work.UnitOfWork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes committed events from the outbox to JetStream, exactly once per event id on the wire:
 * each batch is claimed inside a unit of work, published asynchronously with {@code Nats-Msg-Id} =
 * event id, and marked sent only after every acknowledgement; a failure rolls the unit back and the
 * rows wait. A republished id inside the stream's duplicate window is dropped by JetStream. Several
 * relays may run at once on an outbox that supports claims (PostgreSQL: {@code SKIP LOCKED}).
 * {@link #start} runs it in the background, backing off while NATS is down. Thread-safe.
 */
public final class NatsOutboxRelay implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NatsOutboxRelay.class);

  private final NatsEvents nats;
  private final Outbox outbox;
  private final UnitOfWork work;
  private final int batchSize;
  private final Duration ackTimeout;
  private volatile boolean running;
  private Thread thread;

  /** A relay from {@code outbox} to {@code nats}, {@code batchSize} events at a time. */
  public NatsOutboxRelay(NatsEvents nats, Outbox outbox, UnitOfWork work, int batchSize) {
    this(nats, outbox, work, batchSize, Duration.ofSeconds(10));
  }

  /**
   * A relay that gives up on a batch whose acknowledgements take longer than {@code ackTimeout}.
   */
  public NatsOutboxRelay(
      NatsEvents nats, Outbox outbox, UnitOfWork work, int batchSize, Duration ackTimeout) {
    this.ackTimeout = Objects.requireNonNull(ackTimeout, "ackTimeout");
    this.nats = Objects.requireNonNull(nats, "nats");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.work = Objects.requireNonNull(work, "work");
    this.batchSize = batchSize;
  }

  /**
   * Publishes one batch and returns how many events were acknowledged.
   *
   * @throws UnavailableException when NATS does not acknowledge; the batch stays unsent
   */
  public int relayOnce() {
    int n = relayBatch();
    published.add(n);
    return n;
  }

  /** Events this relay has published and seen acknowledged, for metrics. */
  public long published() {
    return published.sum();
  }

  private final java.util.concurrent.atomic.LongAdder published =
      new java.util.concurrent.atomic.LongAdder();

  private int relayBatch() {
    return work.run(
        () -> {
          List<EventEnvelope> batch = outbox.claim(batchSize);
          if (batch.isEmpty()) {
            return 0;
          }
          List<CompletableFuture<PublishAck>> acks = new ArrayList<>(batch.size());
          try {
            for (EventEnvelope e : batch) {
              acks.add(
                  nats.jetStream()
                      .publishAsync(
                          nats.config().wire(e.subject()),
                          EventCodec.headers(e),
                          EventCodec.body(e),
                          PublishOptions.builder().messageId(e.eventId().toString()).build()));
            }
          } catch (RuntimeException e) {
            // a closed or reconnecting connection refuses to publish: the batch waits
            throw new UnavailableException("NATS refused the batch: " + e.getMessage(), e);
          }
          List<UUID> sent = new ArrayList<>(batch.size());
          try {
            for (int i = 0; i < batch.size(); i++) {
              acks.get(i).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
              sent.add(batch.get(i).eventId());
            }
          } catch (Exception e) {
            if (e instanceof InterruptedException) {
              Thread.currentThread().interrupt();
            } else if (e instanceof java.util.concurrent.TimeoutException
                || e instanceof java.util.concurrent.CancellationException) {
              nats.jetStreamSilent();
            }
            throw new UnavailableException(
                "NATS did not acknowledge the batch: " + e.getMessage(), e);
          }
          nats.jetStreamAnswered();
          outbox.markSent(sent);
          return sent.size();
        });
  }

  /** Relays until closed, backing off from 100 ms to 5 s while NATS is down. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread =
        new Thread(
            () -> {
              Duration pause = Duration.ofMillis(100);
              int failures = 0;
              while (running) {
                try {
                  int n = relayOnce();
                  pause = Duration.ofMillis(100);
                  failures = 0;
                  if (n == 0) {
                    Thread.sleep(50);
                  }
                } catch (RuntimeException e) {
                  // whatever failed, the batch was rolled back and waits; never let the relay die
                  LOG.warn("outbox relay waiting {} ms: {}", pause.toMillis(), e.getMessage());
                  if (++failures % 3 == 0) {
                    // acknowledgements can stop coming on a connection that survived a server
                    // restart: start a fresh one
                    try {
                      nats.forceReconnect();
                    } catch (RuntimeException reconnect) {
                      LOG.warn("outbox relay could not reconnect: {}", reconnect.getMessage());
                    }
                  }
                  sleep(pause);
                  pause =
                      pause.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0
                          ? Duration.ofSeconds(5)
                          : pause.multipliedBy(2);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
              }
            },
            "vruksha-outbox-relay");
    thread.setDaemon(true);
    thread.start();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the background relay. */
  @Override
  public synchronized void close() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
