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
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * within {@link #PROBE_WAIT}. If it does not, or the connection reconnects (a restarted server, or
 * {@link NatsEvents} rebuilding a deaf connection), the watch is re-made, and the near-cache is
 * cleared, because anything may have changed while it was deaf: once before the watch is re-made,
 * and again once it is in place. A delete that reaches the bucket is therefore dropped from every
 * near-cache within {@code PROBE_EVERY + PROBE_WAIT} plus the time to re-make the watch, even when
 * the server holding a watch died.
 *
 * <p>Probe keys contain a dot, which {@link NatsKeyValueCache#escape} never writes, so they meet no
 * cache key and no prefix delete. The watch acts only on deletes and purges, so probes (puts) drop
 * nothing.
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
  private final Connection connection;
  private final KeyValueCache near;
  private final String probeKey = PROBE_PREFIX + UUID.randomUUID();
  private final ScheduledExecutorService timer;
  private final AtomicLong heard = new AtomicLong();
  private final AtomicLong remakes = new AtomicLong();
  private final ConnectionListener listener;

  private volatile NatsKeyValueWatchSubscription subscription;
  private volatile boolean closed;

  // the timer thread's own
  private long probe;
  private long probeSentAt;
  private boolean awaiting;

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
  NatsCacheWatch(KeyValue kv, KeyValue bulk, Connection connection, KeyValueCache near) {
    this.kv = kv;
    this.bulk = bulk;
    this.connection = connection;
    this.near = near;
    try {
      subscription = watch();
    } catch (IOException | JetStreamApiException e) {
      throw new UnavailableException("cannot watch the shared cache: " + e.getMessage(), e);
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "vruksha-cache-watch");
              t.setDaemon(true);
              return t;
            });
    listener =
        (conn, event) -> {
          if (event == ConnectionListener.Events.RECONNECTED) {
            // off jnats' thread: re-making the watch waits for JetStream
            submit(() -> remake("the connection reconnected"));
          }
        };
    connection.addConnectionListener(listener);
    long every = PROBE_EVERY.toMillis();
    timer.scheduleWithFixedDelay(this::tick, every, every / 2, TimeUnit.MILLISECONDS);
  }

  private NatsKeyValueWatchSubscription watch() throws IOException, JetStreamApiException {
    try {
      return bulk.watchAll(watcher, KeyValueWatchOption.UPDATES_ONLY);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while watching the shared cache", e);
    }
  }

  private void submit(Runnable task) {
    try {
      timer.execute(task);
    } catch (RejectedExecutionException closing) {
      // closed meanwhile
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
      if (subscription == null) {
        remake("the last attempt to re-make it failed");
        return;
      }
      if (connection.getStatus() != Connection.Status.CONNECTED) {
        awaiting = false; // the reconnect re-makes the watch
        return;
      }
      long now = System.nanoTime();
      if (awaiting) {
        if (heard.get() >= probe) {
          awaiting = false;
        } else if (now - probeSentAt > PROBE_WAIT.toNanos()) {
          remake("its probe did not come back within " + PROBE_WAIT.toMillis() + " ms");
          return;
        } else {
          return;
        }
      }
      if (now - probeSentAt >= PROBE_EVERY.toNanos()) {
        long next = probe + 1;
        try {
          kv.put(probeKey, Long.toString(next).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException | JetStreamApiException | RuntimeException notNow) {
          return; // JetStream is not answering now: a delete cannot land either; probe again
        }
        probe = next;
        probeSentAt = System.nanoTime(); // from the acknowledgement: the bucket has it
        awaiting = true;
      }
    } catch (RuntimeException e) {
      LOG.warn("the shared cache's watch check failed", e);
    }
  }

  private void remake(String why) {
    if (closed) {
      return;
    }
    NatsKeyValueWatchSubscription old = subscription;
    subscription = null;
    awaiting = false;
    if (old != null) {
      try {
        old.unsubscribe();
      } catch (RuntimeException gone) {
        // the old consumer went with its server
      }
    }
    near.deletePrefix(""); // stale copies are dropped at once, not after the watch is back
    try {
      subscription = watch();
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      LOG.warn("cannot re-make the shared cache's watch ({}); trying again: {}", why, e.toString());
      return;
    }
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
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
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
