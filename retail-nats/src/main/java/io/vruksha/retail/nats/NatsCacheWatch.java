package io.vruksha.retail.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatchOption;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.impl.NatsKeyValueWatchSubscription;
import io.vruksha.retail.UnavailableException;
import io.vruksha.retail.cache.KeyValueCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process's watch on the shared cache's bucket, dropping from its near-cache every key deleted
 * there ({@link NatsKeyValueCache#invalidating}), that mends itself.
 *
 * <p>jnats' watch is an ordered consumer with one replica on one server. When that server dies, the
 * watch can stay deaf for tens of seconds (seen: up to 30 s on a 3-node cluster) while the
 * connection, on another server, says it is fine. So the watch proves it hears: every {@link
 * #PROBE_EVERY} it writes a probe key of its own into the bucket and expects to see it come back
 * within {@link #PROBE_WAIT}. The watch is re-made, and the near-cache cleared (anything may have
 * changed while it was deaf: once before the watch is re-made, and again once it is in place), when
 * a probe does not come back; when no probe has come back for {@code PROBE_EVERY + PROBE_WAIT} on a
 * connection that says it is connected (JetStream does not answer it, while other processes'
 * deletes may land); and when the connection reconnects (a restarted server, or {@link NatsEvents}
 * rebuilding a deaf connection, which a failing probe reports to it). A delete that reaches the
 * bucket is therefore dropped from every near-cache within about {@code PROBE_EVERY + PROBE_WAIT}
 * (1.5 s) plus the time to re-make the watch, even when the server holding a watch died. The watch
 * is re-made on a thread of its own, which may wait seconds while JetStream elects leaders;
 * meanwhile the near-cache is cleared every quarter second, so nothing read while no watch listens
 * is kept. While the connection is down nothing can be deleted, and the near-cache keeps serving
 * until it reconnects.
 *
 * <p>Probe keys contain a dot, which {@link NatsKeyValueCache#escape} never writes, so they meet no
 * cache key. The watch acts only on deletes and purges, so probes (puts) drop nothing; the delete
 * of a prefix mark ({@link NatsKeyValueCache#PREFIX_MARK}) drops the whole prefix.
 */
public final class NatsCacheWatch implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NatsCacheWatch.class);

  /** How often the watch writes a probe. */
  static final Duration PROBE_EVERY = Duration.ofMillis(500);

  /** How long after its write a probe must have come back through the watch. */
  static final Duration PROBE_WAIT = Duration.ofSeconds(1);

  /** The start of every probe key: cache keys are escaped and never hold a dot. */
  static final String PROBE_PREFIX = "watch.probe.";

  private final KeyValue kv;
  private final KeyValue bulk;
  private final NatsEvents nats;
  private final Connection connection;
  private final KeyValueCache near;
  private final String probeKey = PROBE_PREFIX + UUID.randomUUID();
  private final ScheduledExecutorService timer = daemon("vruksha-cache-watch");
  private final ExecutorService remaker = daemon("vruksha-cache-watch-remake");
  private final AtomicLong heard = new AtomicLong();
  private final AtomicLong remakes = new AtomicLong();
  private final AtomicLong generation = new AtomicLong();
  private final AtomicBoolean remaking = new AtomicBoolean();
  private final ConnectionListener listener;

  private volatile NatsKeyValueWatchSubscription subscription;
  private volatile boolean closed;

  // the timer thread's own
  private long probe;
  private long probeSentAt;
  private boolean awaiting;
  private long verifiedAt = System.nanoTime();
  private long seenGeneration;

  /**
   * How long the watch may go without a probe coming back before it is re-made (and the near-cache
   * cleared) even though no probe could be written.
   */
  private static final long UNVERIFIED_NANOS = PROBE_EVERY.plus(PROBE_WAIT).toNanos();

  private final KeyValueWatcher watcher =
      new KeyValueWatcher() {
        @Override
        public void watch(KeyValueEntry entry) {
          String key = entry.getKey();
          if (key.startsWith(PROBE_PREFIX)) {
            if (key.equals(probeKey) && entry.getOperation() == KeyValueOperation.PUT) {
              heard.accumulateAndGet(number(entry.getValue()), Math::max);
            }
            return;
          }
          if (entry.getOperation() == KeyValueOperation.PUT) {
            return;
          }
          if (key.startsWith(NatsKeyValueCache.PREFIX_MARK)) {
            near.deletePrefix(
                NatsKeyValueCache.unescape(key.substring(NatsKeyValueCache.PREFIX_MARK.length())));
          } else {
            near.delete(NatsKeyValueCache.unescape(key));
          }
        }

        @Override
        public void endOfData() {}
      };

  /** Watches {@code bulk}, probing through {@code kv}; throws if the first watch cannot be made. */
  NatsCacheWatch(KeyValue kv, KeyValue bulk, NatsEvents nats, KeyValueCache near) {
    this.kv = kv;
    this.bulk = bulk;
    this.nats = nats;
    this.connection = nats.connection();
    this.near = near;
    try {
      subscription = watch();
    } catch (IOException | JetStreamApiException e) {
      timer.shutdownNow();
      remaker.shutdownNow();
      throw new UnavailableException("cannot watch the shared cache: " + e.getMessage(), e);
    }
    listener =
        (conn, event) -> {
          if (event == ConnectionListener.Events.RECONNECTED) {
            remakeSoon("the connection reconnected");
          }
        };
    connection.addConnectionListener(listener);
    long every = PROBE_EVERY.toMillis();
    timer.scheduleWithFixedDelay(this::tick, every, every / 2, TimeUnit.MILLISECONDS);
  }

  private static ScheduledExecutorService daemon(String name) {
    return Executors.newSingleThreadScheduledExecutor(
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }

  private NatsKeyValueWatchSubscription watch() throws IOException, JetStreamApiException {
    try {
      return bulk.watchAll(watcher, KeyValueWatchOption.UPDATES_ONLY);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while watching the shared cache", e);
    }
  }

  /** How many times the watch was re-made since it was started. */
  public long remakes() {
    return remakes.get();
  }

  private void tick() {
    try {
      if (closed) {
        return;
      }
      if (remaking.get()) {
        // no watch listens until the new one is made, which may take seconds while JetStream
        // elects leaders: what is read meanwhile is not kept
        near.deletePrefix("");
        return;
      }
      if (subscription == null) {
        remakeSoon("the last attempt to re-make it failed");
        return;
      }
      long now = System.nanoTime();
      long gen = generation.get();
      if (gen != seenGeneration) {
        seenGeneration = gen;
        awaiting = false; // a probe sent to the old watch may never come back
        verifiedAt = now;
      }
      if (connection.getStatus() != Connection.Status.CONNECTED) {
        awaiting = false; // nothing can be deleted meanwhile; the reconnect re-makes the watch
        verifiedAt = now;
        return;
      }
      if (awaiting && heard.get() >= probe) {
        awaiting = false;
        verifiedAt = now;
      }
      if (awaiting && now - probeSentAt > PROBE_WAIT.toNanos()) {
        remakeSoon("its probe did not come back within " + PROBE_WAIT.toMillis() + " ms");
        return;
      }
      if (now - verifiedAt > UNVERIFIED_NANOS) {
        // the probes cannot even be written (JetStream does not answer this connection, though
        // it says it is connected) while other processes' deletes may land: the near-cache
        // cannot be trusted
        remakeSoon(
            "no probe came back for "
                + Duration.ofNanos(now - verifiedAt).toMillis()
                + " ms on a connected connection");
        return;
      }
      if (!awaiting && now - probeSentAt >= PROBE_EVERY.toNanos()) {
        long next = probe + 1;
        try {
          kv.put(probeKey, Long.toString(next).getBytes(StandardCharsets.US_ASCII));
          nats.jetStreamAnswered();
        } catch (IOException | JetStreamApiException | RuntimeException notNow) {
          nats.jetStreamSilent(); // a connection that stays deaf is rebuilt
          return; // probed again next time
        }
        probe = next;
        probeSentAt = System.nanoTime(); // from the acknowledgement: the bucket has it
        awaiting = true;
      }
    } catch (RuntimeException e) {
      LOG.warn("the shared cache's watch check failed", e);
    }
  }

  /**
   * Re-makes the watch on a thread of its own, unless that is under way: the timer goes on clearing
   * the near-cache meanwhile.
   */
  private void remakeSoon(String why) {
    if (closed || !remaking.compareAndSet(false, true)) {
      return;
    }
    near.deletePrefix(""); // stale copies are dropped at once, not after the watch is back
    try {
      remaker.execute(
          () -> {
            try {
              remake(why);
            } finally {
              remaking.set(false);
            }
          });
    } catch (RejectedExecutionException closing) {
      remaking.set(false);
    }
  }

  private void remake(String why) {
    if (closed) {
      return;
    }
    NatsKeyValueWatchSubscription old = subscription;
    subscription = null;
    if (old != null) {
      try {
        old.unsubscribe();
      } catch (RuntimeException gone) {
        // the old consumer went with its server
      }
    }
    NatsKeyValueWatchSubscription made;
    try {
      made = watch();
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      LOG.warn("cannot re-make the shared cache's watch ({}); trying again: {}", why, e.toString());
      return;
    }
    subscription = made;
    generation.incrementAndGet();
    // what was read into the near-cache while no watch listened may be stale too
    near.deletePrefix("");
    remakes.incrementAndGet();
    LOG.warn("re-made the shared cache's watch and cleared the near-cache: {}", why);
  }

  private static long number(byte[] value) {
    try {
      return value == null ? 0 : Long.parseLong(new String(value, StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Stops watching. */
  @Override
  public void close() {
    closed = true;
    connection.removeConnectionListener(listener);
    timer.shutdownNow();
    remaker.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
      remaker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    NatsKeyValueWatchSubscription s = subscription;
    if (s != null) {
      try {
        s.unsubscribe();
      } catch (RuntimeException gone) {
        // closed connection
      }
    }
    if (connection.getStatus() == Connection.Status.CONNECTED) {
      try {
        kv.purge(probeKey);
      } catch (IOException | JetStreamApiException | RuntimeException ignored) {
        // the bucket's maximum age removes it
      }
    }
  }
}
