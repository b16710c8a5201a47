package io.vruksha.retail.server;

import io.javalin.http.Context;
import io.vruksha.retail.server.http.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** What a scrape of {@code /metrics} is answered with, and who may scrape. */
final class MetricsScrape {

  private MetricsScrape() {}

  /** The content type of Prometheus's text exposition format. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  /**
   * Refuses a scrape without {@code Authorization: Bearer <token>} (401 in the JSON envelope). The
   * SHA-256 digests are compared, in constant time: the answer's time tells neither where the sent
   * token differs nor how long the right one is.
   */
  static void requireToken(Context ctx, String token) {
    String header = ctx.header("Authorization");
    String sent =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? header.substring(7).trim()
            : "";
    if (!MessageDigest.isEqual(sha256(sent), sha256(token))) {
      throw ApiProblem.unauthenticated(
          "/metrics needs Authorization: Bearer with the METRICS_TOKEN the server was given");
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
