package io.vruksha.retail.nats;

import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.vruksha.retail.UnavailableException;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.work.UnitOfWork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes committed events from the outbox to JetStream, exactly once per event id on the wire:
 * each batch is claimed and marked sent inside a unit of work ({@link Outbox#claimAsSent}),
 * published asynchronously with {@code Nats-Msg-Id} = event id, and the unit commits only after
 * every acknowledgement; a failure rolls the unit back and the rows wait. A republished id inside
 * the stream's duplicate window is dropped by JetStream. Several relays may run at once on an
 * outbox that supports claims (PostgreSQL: {@code SKIP LOCKED}).
 *
 * <p>{@link #start} runs it in the background on {@code workers} threads (two by default), backing
 * off while NATS is down. With more than one, while one worker waits for its batch's
 * acknowledgements the next claims and publishes the following batch; claiming and publishing take
 * turns, so one relay puts its batches on the wire in the order it claimed them. A batch that fails
 * and is published again later arrives after younger events. Thread-safe.
 */
public final class NatsOutboxRelay implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NatsOutboxRelay.class);

  private final NatsEvents nats;
  private final Outbox outbox;
  private final UnitOfWork work;
  private final int batchSize;
  private final Duration ackTimeout;
  private final int workers;

  /** Held while a batch is claimed and put on the wire, so batches go out in claim order. */
  private final ReentrantLock turn = new ReentrantLock();

  /** The background run {@link #start} began and {@link #close} has not ended; guarded by this. */
  private Run run;

  /** One background run: its workers, and the flag that stops them (and only them). */
  private static final class Run {
    volatile boolean running = true;
    final List<Thread> threads = new ArrayList<>();

    /** Failures in a row, counted across the run's workers: one reconnect for all of them. */
    final AtomicInteger failures = new AtomicInteger();
  }

  /**
   * Background workers by default: while one waits for its batch's acknowledgements, the other
   * claims and publishes the next. On a 2-core machine shared with PostgreSQL and nats-server, two
   * published 2–26% more events a second than one in five alternating pairs, once a claim no longer
   * rewrote its rows (docs/performance.md, round 7). Each holds a database connection while its
   * batch is out.
   */
  public static final int DEFAULT_WORKERS = 2;

  /** A relay from {@code outbox} to {@code nats}, {@code batchSize} events at a time. */
  public NatsOutboxRelay(NatsEvents nats, Outbox outbox, UnitOfWork work, int batchSize) {
    this(nats, outbox, work, batchSize, Duration.ofSeconds(10));
  }

  /**
   * A relay that gives up on a batch whose acknowledgements take longer than {@code ackTimeout}.
   */
  public NatsOutboxRelay(
      NatsEvents nats, Outbox outbox, UnitOfWork work, int batchSize, Duration ackTimeout) {
    this(nats, outbox, work, batchSize, ackTimeout, DEFAULT_WORKERS);
  }

  /**
   * A relay whose background run ({@link #start}) uses {@code workers} threads, each with a unit of
   * work (a database connection) of its own.
   */
  public NatsOutboxRelay(
      NatsEvents nats,
      Outbox outbox,
      UnitOfWork work,
      int batchSize,
      Duration ackTimeout,
      int workers) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
    }
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, was " + workers);
    }
    this.ackTimeout = Objects.requireNonNull(ackTimeout, "ackTimeout");
    this.nats = Objects.requireNonNull(nats, "nats");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.work = Objects.requireNonNull(work, "work");
    this.batchSize = batchSize;
    this.workers = workers;
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

  private final LongAdder published = new LongAdder();

  private int relayBatch() {
    return work.run(
        () -> {
          List<EventEnvelope> batch;
          List<CompletableFuture<PublishAck>> acks;
          // the next batch is claimed only once this one is on the wire; its acks are waited for
          // outside the turn, while another worker claims and publishes
          turn.lock();
          try {
            batch = outbox.claimAsSent(batchSize);
            if (batch.isEmpty()) {
              return 0;
            }
            acks = publish(batch);
          } finally {
            turn.unlock();
          }
          try {
            for (CompletableFuture<PublishAck> ack : acks) {
              ack.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
          } catch (Exception e) {
            if (e instanceof InterruptedException) {
              Thread.currentThread().interrupt();
            } else if (e instanceof TimeoutException || e instanceof CancellationException) {
              nats.jetStreamSilent();
            }
            throw new UnavailableException(
                "NATS did not acknowledge the batch: " + e.getMessage(), e);
          }
          nats.jetStreamAnswered();
          return batch.size();
        });
  }

  private List<CompletableFuture<PublishAck>> publish(List<EventEnvelope> batch) {
    // every message is made first, then all go out in one tight loop, so that jnats' writer sends
    // them in a few large writes, as for a publisher with its messages ready: in alternating full
    // relay benchmarks, 27,200-30,700 events/s against 22,500-28,500 (docs/performance.md, round 8)
    int n = batch.size();
    String[] subjects = new String[n];
    Headers[] headers = new Headers[n];
    byte[][] bodies = new byte[n][];
    PublishOptions[] options = new PublishOptions[n];
    for (int i = 0; i < n; i++) {
      EventEnvelope e = batch.get(i);
      subjects[i] = nats.config().wire(e.subject());
      headers[i] = EventCodec.headers(e);
      bodies[i] = EventCodec.body(e);
      options[i] = PublishOptions.builder().messageId(e.eventId().toString()).build();
    }
    List<CompletableFuture<PublishAck>> acks = new ArrayList<>(n);
    try {
      for (int i = 0; i < n; i++) {
        acks.add(nats.jetStream().publishAsync(subjects[i], headers[i], bodies[i], options[i]));
      }
    } catch (RuntimeException e) {
      // a closed or reconnecting connection refuses to publish: the batch waits
      throw new UnavailableException("NATS refused the batch: " + e.getMessage(), e);
    }
    return acks;
  }

  /**
   * Relays until closed on {@code workers} background threads, each backing off from 100 ms to 5 s
   * while NATS is down.
   */
  public synchronized void start() {
    if (run != null) {
      return;
    }
    Run started = new Run();
    for (int w = 1; w <= workers; w++) {
      Thread thread = new Thread(() -> relayUntilClosed(started), "vruksha-outbox-relay-" + w);
      thread.setDaemon(true);
      started.threads.add(thread);
    }
    run = started;
    started.threads.forEach(Thread::start);
  }

  private void relayUntilClosed(Run run) {
    Duration pause = Duration.ofMillis(100);
    while (run.running) {
      try {
        int n = relayOnce();
        pause = Duration.ofMillis(100);
        run.failures.set(0);
        if (n == 0) {
          Thread.sleep(50);
        }
      } catch (RuntimeException e) {
        // whatever failed, the batch was rolled back and waits; never let the relay die
        LOG.warn("outbox relay waiting {} ms: {}", pause.toMillis(), e.getMessage());
        if (run.failures.incrementAndGet() % 3 == 0) {
          // acknowledgements can stop coming on a connection that survived a server
          // restart: start a fresh one, in the turn, so no worker is putting a batch on the wire
          turn.lock();
          try {
            nats.forceReconnect();
          } catch (RuntimeException reconnect) {
            LOG.warn("outbox relay could not reconnect: {}", reconnect.getMessage());
          } finally {
            turn.unlock();
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
    Run stopping = run;
    run = null;
    if (stopping == null) {
      return;
    }
    // a worker that outlives the wait below still stops: its run's flag stays false
    stopping.running = false;
    stopping.threads.forEach(Thread::interrupt);
    for (Thread thread : stopping.threads) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
