package io.vruksha.retail.nats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.KeyValueOptions;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.StorageType;
import io.vruksha.retail.UnavailableException;
import io.vruksha.retail.cache.KeyValueCache;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link KeyValueCache} on the NATS {@code retail_cache} key-value bucket, shared by every process:
 * values are JSON with their expiry (a per-entry TTL on top of the bucket's own maximum age), keys
 * are escaped into the characters NATS allows. A value that cannot be written or read as JSON is
 * simply not cached. {@link #invalidating} keeps a process's near-cache in step: every delete in
 * the bucket drops the same key there, and a watch that went deaf is re-made. Thread-safe.
 */
public final class NatsKeyValueCache implements KeyValueCache {

  /** The bucket's name. */
  public static final String BUCKET = "retail_cache";

  /** Gets, puts and deletes: each request waits at most {@link #REQUEST_TIMEOUT}. */
  private final KeyValue kv;

  /**
   * Listing keys and watching, with jnats' own timeouts: a key listing ends when no key has come
   * for two of them, so on a short timeout a slow server would cut it short without an error, and a
   * prefix delete would miss keys.
   */
  private final KeyValue bulk;

  private final Connection connection;

  /**
   * Deletes (keys and prefixes, escaped) that could not reach the bucket while NATS was down: done
   * first once it is back, and until then the keys read as misses, so no process is served a value
   * that was changed while the bucket was out of reach.
   */
  private final Set<String> pendingKeys = ConcurrentHashMap.newKeySet();

  private final Set<String> pendingPrefixes = ConcurrentHashMap.newKeySet();

  /**
   * After a call that failed (a timeout while JetStream is still coming back, say), the bucket is
   * left alone until this {@link System#nanoTime()}: the next few seconds of checkouts go to the
   * database instead of each waiting for a timeout of its own.
   */
  private volatile long restUntil = System.nanoTime();

  private static final long REST_NANOS = Duration.ofSeconds(3).toNanos();

  /**
   * How long a call waits for JetStream. jnats would wait the connection's timeout (5 s) for a
   * request that went out just as the server stopped answering, while the connection still says it
   * is connected; a checkout that missed its near-cache would wait that long. Half a second, then
   * the call misses (or skips) and the bucket rests.
   */
  static final Duration REQUEST_TIMEOUT = Duration.ofMillis(500);

  private void rest() {
    restUntil = System.nanoTime() + REST_NANOS;
    nats.jetStreamSilent();
  }

  private final NatsEvents nats;

  private NatsKeyValueCache(KeyValue kv, KeyValue bulk, NatsEvents nats) {
    this.kv = kv;
    this.bulk = bulk;
    this.nats = nats;
    this.connection = nats.connection();
  }

  /**
   * Whether the bucket can be reached now. While NATS is away, jnats would hold each request until
   * its timeout; a cache must not make a checkout wait, so reads miss and writes are skipped at
   * once instead.
   */
  private boolean reachable() {
    if (connection.getStatus() != Connection.Status.CONNECTED
        || System.nanoTime() - restUntil < 0) {
      return false;
    }
    flushOwed();
    return true;
  }

  private boolean owed() {
    return !pendingKeys.isEmpty() || !pendingPrefixes.isEmpty();
  }

  /**
   * Starts, unless one runs, the thread that does the deletes owed since NATS was away: off the
   * caller's thread (a checkout does not wait for a key listing), trying whenever the bucket is
   * reachable until nothing is owed, whether or not this process calls the cache meanwhile (a quiet
   * process's near-cache may answer every read). The owed keys read as misses until then.
   */
  private void flushOwed() {
    if (!owed() || !flushing.compareAndSet(false, true)) {
      return;
    }
    Thread flush =
        new Thread(
            () -> {
              try {
                while (owed()) {
                  if (connection.getStatus() == Connection.Status.CONNECTED
                      && System.nanoTime() - restUntil >= 0) {
                    flushPending();
                  }
                  if (owed()) {
                    Thread.sleep(FLUSH_RETRY_MILLIS);
                  }
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                flushing.set(false);
              }
              flushOwed(); // owed just as the loop ended
            },
            "vruksha-cache-deletes");
    flush.setDaemon(true);
    flush.start();
  }

  private static final long FLUSH_RETRY_MILLIS = 250;

  /** Whether a thread is doing the deletes owed since NATS was away. */
  private final AtomicBoolean flushing = new AtomicBoolean();

  private void flushPending() {
    try {
      for (String k : List.copyOf(pendingKeys)) {
        kv.delete(k);
        pendingKeys.remove(k);
      }
      if (!pendingPrefixes.isEmpty()) {
        List<String> prefixes = List.copyOf(pendingPrefixes);
        for (String k : bulk.keys()) {
          if (prefixes.stream().anyMatch(k::startsWith)) {
            kv.delete(k);
          }
        }
        for (String p : prefixes) {
          kv.delete(prefixMark(p));
        }
        pendingPrefixes.removeAll(prefixes);
      }
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      rest(); // still unreachable: tried again after the rest
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The start of the key whose delete tells every watch to drop a prefix. Another process's
   * near-cache may hold keys under the prefix that the bucket does not (it read them while the
   * bucket rested, or they expired there first); the keys listed in the bucket would miss those.
   * Cache keys are escaped and never hold a dot, so the mark meets none of them.
   */
  static final String PREFIX_MARK = "prefix.=";

  /** The key deleted to drop {@code escaped}, a prefix, from every near-cache. */
  static String prefixMark(String escaped) {
    return PREFIX_MARK + escaped;
  }

  private boolean pending(String escaped) {
    return pendingKeys.contains(escaped) || pendingPrefixes.stream().anyMatch(escaped::startsWith);
  }

  /**
   * The cache on {@code bucket} (created if missing), whose entries live at most {@code maxAge}.
   */
  public static NatsKeyValueCache open(NatsEvents nats, String bucket, Duration maxAge) {
    try {
      KeyValueManagement kvm = nats.connection().keyValueManagement();
      if (!kvm.getBucketNames().contains(bucket)) {
        kvm.create(
            KeyValueConfiguration.builder()
                .name(bucket)
                .maxHistoryPerKey(1)
                .ttl(maxAge)
                .storageType(StorageType.File)
                .replicas(nats.config().replicas())
                .build());
      }
      return new NatsKeyValueCache(
          nats.connection()
              .keyValue(
                  bucket, KeyValueOptions.builder().jsRequestTimeout(REQUEST_TIMEOUT).build()),
          nats.connection().keyValue(bucket),
          nats);
    } catch (IOException | JetStreamApiException e) {
      throw new UnavailableException("cannot open the " + bucket + " bucket: " + e.getMessage(), e);
    }
  }

  /**
   * Escapes a cache key into NATS key characters; a key's prefix escapes to the escaped key's
   * prefix.
   */
  static String escape(String key) {
    StringBuilder b = new StringBuilder(key.length());
    for (char c : key.toCharArray()) {
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '/') {
        b.append(c);
      } else {
        b.append('=').append(String.format(Locale.ROOT, "%04x", (int) c));
      }
    }
    return b.toString();
  }

  static String unescape(String key) {
    StringBuilder b = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '=' && i + 4 < key.length()) {
        b.append((char) Integer.parseInt(key.substring(i + 1, i + 5), 16));
        i += 4;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  @Override
  public <T> Optional<T> get(String key, Class<T> type) {
    String escaped = escape(key);
    if (!reachable() || pending(escaped)) {
      return Optional.empty();
    }
    try {
      KeyValueEntry entry = kv.get(escaped);
      nats.jetStreamAnswered();
      if (entry == null
          || entry.getOperation() != KeyValueOperation.PUT
          || entry.getValue() == null) {
        return Optional.empty();
      }
      JsonNode node = EventCodec.JSON.readTree(entry.getValue());
      if (Instant.ofEpochMilli(node.get("expiresAt").asLong()).isBefore(Instant.now())
          || !type.getName().equals(node.get("type").asText())) {
        return Optional.empty();
      }
      return Optional.of(EventCodec.JSON.treeToValue(node.get("value"), type));
    } catch (IOException e) {
      rest();
      return Optional.empty(); // a miss, never an error
    } catch (JetStreamApiException | RuntimeException e) {
      return Optional.empty(); // a miss, never an error
    }
  }

  @Override
  public void put(String key, Object value, Duration ttl) {
    if (!reachable() || pending(escape(key))) {
      return;
    }
    try {
      ObjectNode node = EventCodec.JSON.createObjectNode();
      node.put("type", value.getClass().getName());
      node.put("expiresAt", Instant.now().plus(ttl).toEpochMilli());
      node.set("value", EventCodec.JSON.valueToTree(value));
      kv.put(escape(key), EventCodec.JSON.writeValueAsBytes(node));
    } catch (IOException e) {
      rest(); // the bucket is unreachable: the next read goes to the source
    } catch (JetStreamApiException | IllegalArgumentException e) {
      // not cacheable as JSON: the next read goes to the source
    }
  }

  @Override
  public void delete(String key) {
    String escaped = escape(key);
    if (!reachable()) {
      pendingKeys.add(escaped);
      flushOwed();
      throw new UnavailableException(
          "cannot delete " + key + " from the shared cache now: NATS is away; deleted once back",
          null);
    }
    try {
      kv.delete(escaped);
    } catch (IOException | JetStreamApiException e) {
      rest();
      pendingKeys.add(escaped);
      flushOwed();
      throw new UnavailableException(
          "cannot delete " + key + " from the shared cache: " + e.getMessage(), e);
    }
  }

  @Override
  public void deletePrefix(String prefix) {
    String escaped = escape(prefix);
    if (!reachable()) {
      pendingPrefixes.add(escaped);
      flushOwed();
      throw new UnavailableException(
          "cannot delete "
              + prefix
              + "* from the shared cache now: NATS is away; deleted once back",
          null);
    }
    try {
      for (String k : bulk.keys()) {
        if (k.startsWith(escaped)) {
          kv.delete(k);
        }
      }
      kv.delete(prefixMark(escaped));
    } catch (IOException | JetStreamApiException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      rest();
      pendingPrefixes.add(escaped);
      flushOwed();
      throw new UnavailableException(
          "cannot delete " + prefix + "* from the shared cache: " + e.getMessage(), e);
    }
  }

  /**
   * Watches the bucket and drops from {@code nearCache} every key deleted in it, by any process.
   * The watch mends itself: when it stops hearing (its server died) or the connection reconnects,
   * it is re-made and {@code nearCache} cleared ({@link NatsCacheWatch}). Returns the watch; close
   * it on shutdown.
   */
  public NatsCacheWatch invalidating(KeyValueCache nearCache) {
    return new NatsCacheWatch(kv, bulk, nats, nearCache);
  }
}
