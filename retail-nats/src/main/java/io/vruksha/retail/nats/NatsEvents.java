package io.vruksha.retail.nats;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.vruksha.retail.UnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * A connection to NATS with the engine's JetStream stream: file storage, the configured replicas
 * and duplicate window, created or updated on {@link #connect} (idempotently). Reconnects by itself
 * after an outage. Thread-safe; close it on shutdown.
 */
public final class NatsEvents implements AutoCloseable {

  private final NatsConfig config;
  private final Connection connection;
  private final JetStream jetStream;

  private NatsEvents(NatsConfig config, Connection connection) throws IOException {
    this.config = config;
    this.connection = connection;
    this.jetStream = connection.jetStream();
  }

  /** Connects and makes sure the stream exists with the configured settings. */
  public static NatsEvents connect(NatsConfig config) {
    try {
      Options options =
          new Options.Builder()
              .server(config.url())
              .connectionTimeout(Duration.ofSeconds(5))
              .maxReconnects(-1)
              .reconnectWait(Duration.ofMillis(250))
              .build();
      NatsEvents events = new NatsEvents(config, Nats.connect(options));
      events.ensureStream();
      return events;
    } catch (IOException | JetStreamApiException e) {
      throw new UnavailableException(
          "cannot reach NATS JetStream at " + config.url() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while connecting to NATS", e);
    }
  }

  private void ensureStream() throws IOException, JetStreamApiException {
    JetStreamManagement jsm = connection.jetStreamManagement();
    StreamConfiguration wanted =
        StreamConfiguration.builder()
            .name(config.streamName())
            .subjects(config.streamSubjects())
            .storageType(StorageType.File)
            .replicas(config.replicas())
            .duplicateWindow(config.duplicateWindow())
            .build();
    if (jsm.getStreamNames().contains(config.streamName())) {
      jsm.updateStream(wanted);
    } else {
      jsm.addStream(wanted);
    }
  }

  /** The configuration. */
  public NatsConfig config() {
    return config;
  }

  /** The connection, for consumers. */
  Connection connection() {
    return connection;
  }

  /** Whether the connection is up now (for readiness checks). */
  public boolean connected() {
    return connection.getStatus() == Connection.Status.CONNECTED;
  }

  private final AtomicLong silentSince = new AtomicLong();
  private final AtomicLong lastRebuilt = new AtomicLong(System.nanoTime() - REBUILD_EVERY_NANOS);

  private static final long SILENCE_NANOS = Duration.ofSeconds(5).toNanos();
  private static final long REBUILD_EVERY_NANOS = Duration.ofSeconds(15).toNanos();

  /**
   * A JetStream request went unanswered although the connection says it is connected. After a
   * server restart a reconnected connection can stay deaf to JetStream replies while a new one is
   * answered at once; after 5 s of nothing but timeouts the connection is rebuilt (at most every 15
   * s), so the relay and the shared cache recover by themselves.
   */
  void jetStreamSilent() {
    if (!connected()) {
      return;
    }
    long now = System.nanoTime();
    silentSince.compareAndSet(0, now);
    long since = silentSince.get();
    long last = lastRebuilt.get();
    if (since != 0
        && now - since > SILENCE_NANOS
        && now - last > REBUILD_EVERY_NANOS
        && lastRebuilt.compareAndSet(last, now)) {
      silentSince.set(0);
      LoggerFactory.getLogger(NatsEvents.class)
          .warn("JetStream has not answered for 5 s on a connected connection: reconnecting");
      try {
        connection.forceReconnect();
      } catch (IOException e) {
        // the reconnect logic takes over
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A JetStream request was answered. */
  void jetStreamAnswered() {
    silentSince.set(0);
  }

  /** JetStream on this connection. */
  JetStream jetStream() {
    return jetStream;
  }

  /**
   * Drops the current socket and reconnects, for a relay whose acknowledgements stopped coming
   * after the server restarted.
   */
  void forceReconnect() {
    try {
      connection.forceReconnect();
    } catch (IOException e) {
      throw new UnavailableException("cannot reconnect to NATS: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Deletes the shared cache's bucket, if there is one (tests and tear-downs only). */
  public void deleteCacheBucket() {
    try {
      var kvm = connection.keyValueManagement();
      if (kvm.getBucketNames().contains(config.cacheBucket())) {
        kvm.delete(config.cacheBucket());
      }
    } catch (IOException | JetStreamApiException e) {
      throw new UnavailableException(
          "cannot delete bucket " + config.cacheBucket() + ": " + e.getMessage(), e);
    }
  }

  /** Deletes the stream (tests and tear-down only). */
  public void deleteStream() {
    try {
      connection.jetStreamManagement().deleteStream(config.streamName());
    } catch (IOException | JetStreamApiException e) {
      throw new UnavailableException(
          "cannot delete stream " + config.streamName() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
