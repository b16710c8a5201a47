package io.vruksha.retail.server.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.List;

/**
 * Requests a minute per token and per client address, as token buckets (bucket4j) that refill
 * steadily; a caller over its limit gets 429 with {@code Retry-After}. Buckets of callers not seen
 * for ten minutes are forgotten. Thread-safe.
 */
public final class RateLimits {

  private final int perToken;
  private final int perIp;
  private final Cache<String, Bucket> buckets =
      Caffeine.newBuilder()
          .expireAfterAccess(Duration.ofMinutes(10))
          .maximumSize(1_000_000)
          .build();

  /** Limits of {@code perToken} and {@code perIp} requests a minute. */
  public RateLimits(int perToken, int perIp) {
    this.perToken = perToken;
    this.perIp = perIp;
  }

  private static Bucket bucket(int perMinute) {
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(perMinute)
                .refillGreedy(perMinute, Duration.ofMinutes(1))
                .build())
        .build();
  }

  /** Takes one request from the address's bucket, or refuses with 429. */
  public void takeForIp(String ip) {
    take("ip:" + ip, perIp, "this address");
  }

  /** Takes one request from the token's bucket, or refuses with 429. */
  public void takeForToken(String subjectAndToken) {
    take("token:" + subjectAndToken, perToken, "this token");
  }

  private void take(String key, int perMinute, String who) {
    Bucket b = buckets.get(key, k -> bucket(perMinute));
    ConsumptionProbe probe = b.tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
      throw new RateLimited(who + " is over " + perMinute + " requests a minute", seconds);
    }
  }

  /** 429, with the seconds to wait. */
  public static final class RateLimited extends RuntimeException {
    private final long retryAfterSeconds;

    RateLimited(String message, long retryAfterSeconds) {
      super(message);
      this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The problem to answer with. */
    public ApiProblem problem() {
      return new ApiProblem(429, "rate_limited", getMessage(), List.of());
    }

    /** Seconds until a request would be accepted. */
    public long retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }
}
