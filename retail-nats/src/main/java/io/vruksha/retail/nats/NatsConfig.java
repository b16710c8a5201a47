package io.vruksha.retail.nats;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Where the events go: the server ({@code NATS_URL}), the stream that holds {@code retail.>}, and
 * an optional subject prefix that keeps environments (or test runs) apart on one server.
 *
 * @param url the server URL, e.g. {@code nats://127.0.0.1:4222}
 * @param streamName the JetStream stream, {@code RETAIL} by default
 * @param subjectPrefix prepended to every subject ({@code ""} in production)
 * @param replicas stream replicas (3 on a 3-node cluster)
 * @param duplicateWindow how long JetStream remembers message ids to drop duplicates
 */
public record NatsConfig(
    String url, String streamName, String subjectPrefix, int replicas, Duration duplicateWindow) {

  /** Validates. */
  public NatsConfig {
    if (url == null
        || url.isBlank()
        || streamName == null
        || streamName.isBlank()
        || subjectPrefix == null) {
      throw new InvalidInputException(ErrorCode.VALIDATION, "NATS needs a URL and a stream name");
    }
    if (replicas < 1 || replicas > 5 || duplicateWindow.isNegative() || duplicateWindow.isZero()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "stream replicas must be 1 to 5 and the duplicate window positive");
    }
  }

  /**
   * From {@code NATS_URL} (default {@code nats://127.0.0.1:4222}) and {@code NATS_REPLICAS} (the
   * stream's and the cache bucket's replicas, 1 to 5, default 1: 3 on a 3-node cluster); stream
   * RETAIL, a 2-minute duplicate window.
   */
  public static NatsConfig from(Map<String, String> env) {
    String replicas = env.getOrDefault("NATS_REPLICAS", "1").strip();
    int n;
    try {
      n = Integer.parseInt(replicas.isEmpty() ? "1" : replicas);
    } catch (NumberFormatException e) {
      n = 0;
    }
    if (n < 1 || n > 5) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "NATS_REPLICAS must be 1 to 5, was '" + replicas + "'");
    }
    String stream = env.getOrDefault("NATS_STREAM", "RETAIL").strip();
    String prefix = env.getOrDefault("NATS_SUBJECT_PREFIX", "").strip();
    if (!stream.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "NATS_STREAM must be 1 to 64 letters, digits, _ or -, was '" + stream + "'");
    }
    if (!prefix.isEmpty() && !prefix.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.")) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "NATS_SUBJECT_PREFIX must be dot-separated tokens ending in a dot, e.g. 'eu.', was '"
              + prefix
              + "'");
    }
    return new NatsConfig(
        env.getOrDefault("NATS_URL", "nats://127.0.0.1:4222"),
        stream,
        prefix,
        n,
        Duration.ofMinutes(2));
  }

  /**
   * The shared cache's key-value bucket: {@code retail_cache} for the {@code RETAIL} stream, else
   * {@code retail_cache_<stream>}, so that two deployments on one NATS never share entries.
   */
  public String cacheBucket() {
    return streamName.equals("RETAIL")
        ? NatsKeyValueCache.BUCKET
        : NatsKeyValueCache.BUCKET + "_" + streamName.toLowerCase(Locale.ROOT);
  }

  /** The subject an event of {@code subject} is published on. */
  public String wire(String subject) {
    return subjectPrefix + subject;
  }

  /** The subjects the stream holds. */
  public String streamSubjects() {
    return subjectPrefix + "retail.>";
  }
}
