package io.vruksha.retail.nats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatchOption;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.api.StorageType;
import io.vruksha.retail.UnavailableException;
import io.vruksha.retail.cache.KeyValueCache;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link KeyValueCache} on the NATS {@code retail_cache} key-value bucket, shared by every process:
 * values are JSON with their expiry (a per-entry TTL on top of the bucket's own maximum age), keys
 * are escaped into the characters NATS allows. A value that cannot be written or read as JSON is
 * simply not cached. {@link #invalidating} keeps a process's near-cache in step: every delete in
 * the bucket drops the same key there. Thread-safe.
 */
public final class NatsKeyValueCache implements KeyValueCache {

  /** The bucket's name. */
  public static final String BUCKET = "retail_cache";

  private final KeyValue kv;

  private NatsKeyValueCache(KeyValue kv) {
    this.kv = kv;
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
      return new NatsKeyValueCache(nats.connection().keyValue(bucket));
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
        b.append('=').append(String.format("%04x", (int) c));
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
    try {
      KeyValueEntry entry = kv.get(escape(key));
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
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      return Optional.empty(); // a miss, never an error
    }
  }

  @Override
  public void put(String key, Object value, Duration ttl) {
    try {
      ObjectNode node = EventCodec.JSON.createObjectNode();
      node.put("type", value.getClass().getName());
      node.put("expiresAt", Instant.now().plus(ttl).toEpochMilli());
      node.set("value", EventCodec.JSON.valueToTree(value));
      kv.put(escape(key), EventCodec.JSON.writeValueAsBytes(node));
    } catch (IOException | JetStreamApiException | IllegalArgumentException e) {
      // not cacheable as JSON, or the bucket is unreachable: the next read goes to the source
    }
  }

  @Override
  public void delete(String key) {
    try {
      kv.delete(escape(key));
    } catch (IOException | JetStreamApiException e) {
      throw new UnavailableException(
          "cannot delete " + key + " from the shared cache: " + e.getMessage(), e);
    }
  }

  @Override
  public void deletePrefix(String prefix) {
    String escaped = escape(prefix);
    try {
      for (String k : kv.keys()) {
        if (k.startsWith(escaped)) {
          kv.delete(k);
        }
      }
    } catch (IOException | JetStreamApiException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new UnavailableException(
          "cannot delete " + prefix + "* from the shared cache: " + e.getMessage(), e);
    }
  }

  /**
   * Watches the bucket and drops from {@code nearCache} every key deleted in it, by any process.
   * Returns the watch; close it on shutdown.
   */
  public AutoCloseable invalidating(KeyValueCache nearCache) {
    KeyValueWatcher watcher =
        new KeyValueWatcher() {
          @Override
          public void watch(KeyValueEntry entry) {
            if (entry.getOperation() != KeyValueOperation.PUT) {
              nearCache.delete(unescape(entry.getKey()));
            }
          }

          @Override
          public void endOfData() {}
        };
    try {
      var subscription = kv.watchAll(watcher, KeyValueWatchOption.UPDATES_ONLY);
      return subscription::unsubscribe;
    } catch (IOException | JetStreamApiException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new UnavailableException("cannot watch the shared cache: " + e.getMessage(), e);
    }
  }
}
