package io.vruksha.retail.server;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.auth.SecretPolicy;
import io.vruksha.retail.auth.Tokens;
import io.vruksha.retail.reaction.Reaction;
import io.vruksha.retail.store.Credentials;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The server's configuration, read from the environment: the reference's variables ({@code DB_*},
 * {@code NATS_URL}, {@code PORT}, {@code LOG_LEVEL}, {@code JWT_SECRET}), its feature flags and the
 * server's own limits. Every variable the server reads is named in {@link #VARIABLES}, and {@code
 * docs/configuration.md} describes each.
 *
 * @param port the HTTP port ({@code PORT}, default 8901)
 * @param demo true when no {@code DB_HOST} is set: in-memory adapters and the demo store
 * @param natsUrl {@code NATS_URL}, when set (with a database: relay and reactions start)
 * @param jwtSecret {@code JWT_SECRET}; required outside demo mode, at least 32 characters
 * @param tokenTtl how long a login's token lasts ({@code TOKEN_TTL}, default 8h, an ISO-8601
 *     duration or {@code 8h}, {@code 30m})
 * @param logLevel {@code LOG_LEVEL} (default INFO)
 * @param reactions the reactions the {@code ENABLE_*} flags leave on
 * @param loyalty {@code ENABLE_LOYALTY} (default on): the demo store runs its loyalty programme
 * @param rateLimitPerToken requests a minute one token may make ({@code RATE_LIMIT_PER_TOKEN},
 *     default 1200)
 * @param rateLimitPerIp requests a minute one address may make ({@code RATE_LIMIT_PER_IP}, default
 *     2400)
 * @param corsOrigins origins allowed to call from a browser ({@code CORS_ORIGINS}, comma separated;
 *     none by default)
 * @param maxBodyBytes the largest request body accepted ({@code MAX_BODY_BYTES}, default 1 MiB)
 * @param loginThrottling how failed logins slow further ones down: 5 free from one address, 20 from
 *     addresses that never logged the member in, then a wait of 1 s doubling to 15 minutes
 * @param passwordMinLength the shortest password a member of staff may be given ({@code
 *     PASSWORD_MIN_LENGTH}, default 10, at least 8)
 * @param pinMinLength the shortest PIN ({@code PIN_MIN_LENGTH}, default 4, 4 to 8)
 * @param tokenCheckCache how long a token's subject check (the member still exists, at the token's
 *     version) is remembered ({@code TOKEN_CHECK_CACHE}, default 5s, 0 to check on every request,
 *     at most 5 minutes): how long a removed, locked, demoted or re-credentialed member's tokens
 *     may still be accepted
 * @param bindAddress the address the HTTP port listens on ({@code BIND_ADDRESS}): by default the
 *     loopback address in demo mode (its printed admin token opens every store) and every address
 *     with a database
 * @param metricsToken {@code METRICS_TOKEN}: when set (at least 32 characters), {@code /metrics}
 *     answers only a scrape that sends {@code Authorization: Bearer} with it; unset, it is open
 */
public record ServerConfig(
    int port,
    boolean demo,
    Optional<String> natsUrl,
    Optional<String> jwtSecret,
    Duration tokenTtl,
    String logLevel,
    Set<Reaction> reactions,
    boolean loyalty,
    int rateLimitPerToken,
    int rateLimitPerIp,
    List<String> corsOrigins,
    long maxBodyBytes,
    Credentials.Throttling loginThrottling,
    int passwordMinLength,
    int pinMinLength,
    Duration tokenCheckCache,
    String bindAddress,
    Optional<String> metricsToken) {

  /**
   * The configuration with the JWT secret and any credentials in the NATS URL masked, so that
   * logging it can leak nothing.
   */
  @Override
  public String toString() {
    return "ServerConfig[port="
        + port
        + ", demo="
        + demo
        + ", natsUrl="
        + natsUrl.map(u -> u.replaceAll("//[^@/]*@", "//***@")).orElse("")
        + ", jwtSecret="
        + (jwtSecret.isPresent() ? "***" : "(random)")
        + ", tokenTtl="
        + tokenTtl
        + ", logLevel="
        + logLevel
        + ", reactions="
        + reactions
        + ", loyalty="
        + loyalty
        + ", rateLimitPerToken="
        + rateLimitPerToken
        + ", rateLimitPerIp="
        + rateLimitPerIp
        + ", corsOrigins="
        + corsOrigins
        + ", maxBodyBytes="
        + maxBodyBytes
        + ", loginThrottling="
        + loginThrottling
        + ", passwordMinLength="
        + passwordMinLength
        + ", pinMinLength="
        + pinMinLength
        + ", tokenCheckCache="
        + tokenCheckCache
        + ", bindAddress="
        + bindAddress
        + ", metricsToken="
        + (metricsToken.isPresent() ? "***" : "(none: /metrics is open)")
        + "]";
  }

  /** Every environment variable the server reads (the database's and NATS's own included). */
  public static final List<String> VARIABLES =
      List.of(
          "PORT",
          "DB_HOST",
          "DB_PORT",
          "DB_NAME",
          "DB_USER",
          "DB_PASSWORD",
          "DB_SSLMODE",
          "DB_POOL_SIZE",
          "DB_CONNECT_TIMEOUT",
          "DB_ALLOW_OWNER",
          "NATS_URL",
          "NATS_REPLICAS",
          "NATS_STREAM",
          "NATS_SUBJECT_PREFIX",
          "LOG_LEVEL",
          "JWT_SECRET",
          "TOKEN_TTL",
          "ENABLE_LOYALTY",
          "ENABLE_ANALYTICS_EVENTS",
          "ENABLE_AUTO_REORDER",
          "ENABLE_NOTIFICATIONS",
          "NOTIFY_WEBHOOK_SECRET",
          "ENABLE_BNPL",
          "ENABLE_CRYPTO_PAYMENTS",
          "PAYMENT_SIMULATORS",
          "PAYMENT_CALLBACK_SECRET",
          "RATE_LIMIT_PER_TOKEN",
          "RATE_LIMIT_PER_IP",
          "CORS_ORIGINS",
          "MAX_BODY_BYTES",
          "BIND_ADDRESS",
          "METRICS_TOKEN",
          "PASSWORD_MIN_LENGTH",
          "PIN_MIN_LENGTH",
          "TOKEN_CHECK_CACHE");

  /** The configuration {@code env} describes; a bad value is refused, naming its variable. */
  public static ServerConfig from(Map<String, String> env) {
    boolean demo = blank(env.get("DB_HOST"));
    // the payment flags, read again where the providers are registered (PendingPayments): a typo
    // is refused before anything starts
    Reaction.flagValue(env, "ENABLE_BNPL");
    Reaction.flagValue(env, "ENABLE_CRYPTO_PAYMENTS");
    if (env.get("PAYMENT_SIMULATORS") != null && !env.get("PAYMENT_SIMULATORS").isBlank()) {
      Reaction.flagValue(env, "PAYMENT_SIMULATORS");
    }
    Optional<String> secret = Optional.ofNullable(env.get("JWT_SECRET")).filter(s -> !s.isBlank());
    if (!demo && secret.isEmpty()) {
      throw invalid("JWT_SECRET is required when DB_HOST is set (at least 32 characters)");
    }
    secret.ifPresent(
        s -> {
          if (s.length() < 32) {
            throw invalid("JWT_SECRET must be at least 32 characters long");
          }
        });
    return builder()
        .port(intOf(env, "PORT", 8901, 0, 65535))
        .demo(demo)
        .natsUrl(Optional.ofNullable(env.get("NATS_URL")).filter(s -> !s.isBlank()))
        .jwtSecret(secret)
        .tokenTtl(durationOf(env, "TOKEN_TTL", Duration.ofHours(8)))
        .logLevel(
            Optional.ofNullable(env.get("LOG_LEVEL")).filter(s -> !s.isBlank()).orElse("INFO"))
        .reactions(Reaction.enabled(env))
        .loyalty(Reaction.flagValue(env, "ENABLE_LOYALTY"))
        .rateLimits(
            intOf(env, "RATE_LIMIT_PER_TOKEN", 1200, 1, 10_000_000),
            intOf(env, "RATE_LIMIT_PER_IP", 2400, 1, 10_000_000))
        .corsOrigins(
            blank(env.get("CORS_ORIGINS"))
                ? List.of()
                : Arrays.stream(env.get("CORS_ORIGINS").split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .toList())
        .maxBodyBytes(intOf(env, "MAX_BODY_BYTES", 1 << 20, 1024, 64 << 20))
        .passwordMinLength(
            intOf(env, "PASSWORD_MIN_LENGTH", SecretPolicy.DEFAULT_PASSWORD_MIN_LENGTH, 8, 72))
        .pinMinLength(intOf(env, "PIN_MIN_LENGTH", SecretPolicy.DEFAULT_PIN_MIN_LENGTH, 4, 8))
        .tokenCheckCache(tokenCheckCacheOf(env))
        .bindAddress(
            Optional.ofNullable(env.get("BIND_ADDRESS"))
                .map(String::trim)
                .filter(a -> !a.isEmpty())
                .orElse(demo ? "127.0.0.1" : "0.0.0.0"))
        .metricsToken(metricsToken(env))
        .build();
  }

  /**
   * {@code METRICS_TOKEN}, when set: a shared secret, so as long as {@code JWT_SECRET}'s minimum.
   */
  private static Optional<String> metricsToken(Map<String, String> env) {
    Optional<String> token =
        Optional.ofNullable(env.get("METRICS_TOKEN")).map(String::trim).filter(t -> !t.isEmpty());
    token.ifPresent(
        t -> {
          if (t.length() < 32) {
            throw invalid("METRICS_TOKEN must be at least 32 characters long");
          }
        });
    return token;
  }

  /**
   * Whether {@code DB_ALLOW_OWNER} lets the server connect as a superuser or the schema's owner
   * (development only; it then migrates the schema itself). Unset is false.
   */
  public static boolean allowOwner(Map<String, String> env) {
    String v = env.get("DB_ALLOW_OWNER");
    if (blank(v)) {
      return false;
    }
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw invalid("DB_ALLOW_OWNER=" + v + " is not a flag: use true or false");
    };
  }

  /** This configuration on another port (0: any free port). */
  public ServerConfig withPort(int newPort) {
    return toBuilder().port(newPort).build();
  }

  /** This configuration with {@code /metrics} behind {@code token} (empty: open). */
  public ServerConfig withMetricsToken(Optional<String> token) {
    return toBuilder().metricsToken(token).build();
  }

  /** This configuration with other rate limits. */
  public ServerConfig withRateLimits(int perToken, int perIp) {
    return toBuilder().rateLimits(perToken, perIp).build();
  }

  /** This configuration with another login throttling (tests: small waits). */
  public ServerConfig withLoginThrottling(Credentials.Throttling t) {
    return toBuilder().loginThrottling(t).build();
  }

  /**
   * A configuration built value by value, starting from the defaults {@link #from} gives when only
   * {@code DB_HOST} is set (no JWT secret yet); {@link #from} reads the environment through it.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's values, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.port = port;
    b.demo = demo;
    b.natsUrl = natsUrl;
    b.jwtSecret = jwtSecret;
    b.tokenTtl = tokenTtl;
    b.logLevel = logLevel;
    b.reactions = reactions;
    b.loyalty = loyalty;
    b.rateLimitPerToken = rateLimitPerToken;
    b.rateLimitPerIp = rateLimitPerIp;
    b.corsOrigins = corsOrigins;
    b.maxBodyBytes = maxBodyBytes;
    b.loginThrottling = loginThrottling;
    b.passwordMinLength = passwordMinLength;
    b.pinMinLength = pinMinLength;
    b.tokenCheckCache = tokenCheckCache;
    b.bindAddress = bindAddress;
    b.metricsToken = metricsToken;
    return b;
  }

  /**
   * Builds a {@link ServerConfig} one named value at a time; each value is documented on the
   * record's component of the same name. Not thread-safe.
   */
  public static final class Builder {
    private int port = 8901;
    private boolean demo = false;
    private Optional<String> natsUrl = Optional.empty();
    private Optional<String> jwtSecret = Optional.empty();
    private Duration tokenTtl = Duration.ofHours(8);
    private String logLevel = "INFO";
    private Set<Reaction> reactions = Reaction.enabled(Map.of());
    private boolean loyalty = true;
    private int rateLimitPerToken = 1200;
    private int rateLimitPerIp = 2400;
    private List<String> corsOrigins = List.of();
    private long maxBodyBytes = 1 << 20;
    private Credentials.Throttling loginThrottling = Credentials.Throttling.DEFAULT;
    private int passwordMinLength = SecretPolicy.DEFAULT_PASSWORD_MIN_LENGTH;
    private int pinMinLength = SecretPolicy.DEFAULT_PIN_MIN_LENGTH;
    private Duration tokenCheckCache = Duration.ofSeconds(5);
    private String bindAddress = "0.0.0.0";
    private Optional<String> metricsToken = Optional.empty();

    private Builder() {}

    /** See {@link ServerConfig#port()}. */
    public Builder port(int value) {
      this.port = value;
      return this;
    }

    /** See {@link ServerConfig#demo()}. */
    public Builder demo(boolean value) {
      this.demo = value;
      return this;
    }

    /** See {@link ServerConfig#natsUrl()}. */
    public Builder natsUrl(Optional<String> value) {
      this.natsUrl = value;
      return this;
    }

    /** See {@link ServerConfig#jwtSecret()}. */
    public Builder jwtSecret(Optional<String> value) {
      this.jwtSecret = value;
      return this;
    }

    /** See {@link ServerConfig#tokenTtl()}. */
    public Builder tokenTtl(Duration value) {
      this.tokenTtl = value;
      return this;
    }

    /** See {@link ServerConfig#logLevel()}. */
    public Builder logLevel(String value) {
      this.logLevel = value;
      return this;
    }

    /** See {@link ServerConfig#reactions()}. */
    public Builder reactions(Set<Reaction> value) {
      this.reactions = value;
      return this;
    }

    /** See {@link ServerConfig#loyalty()}. */
    public Builder loyalty(boolean value) {
      this.loyalty = value;
      return this;
    }

    /** See {@link ServerConfig#corsOrigins()}. */
    public Builder corsOrigins(List<String> value) {
      this.corsOrigins = value;
      return this;
    }

    /** See {@link ServerConfig#maxBodyBytes()}. */
    public Builder maxBodyBytes(long value) {
      this.maxBodyBytes = value;
      return this;
    }

    /** See {@link ServerConfig#loginThrottling()}. */
    public Builder loginThrottling(Credentials.Throttling value) {
      this.loginThrottling = value;
      return this;
    }

    /** See {@link ServerConfig#passwordMinLength()}. */
    public Builder passwordMinLength(int value) {
      this.passwordMinLength = value;
      return this;
    }

    /** See {@link ServerConfig#pinMinLength()}. */
    public Builder pinMinLength(int value) {
      this.pinMinLength = value;
      return this;
    }

    /** See {@link ServerConfig#tokenCheckCache()}. */
    public Builder tokenCheckCache(Duration value) {
      this.tokenCheckCache = value;
      return this;
    }

    /** See {@link ServerConfig#bindAddress()}. */
    public Builder bindAddress(String value) {
      this.bindAddress = value;
      return this;
    }

    /** See {@link ServerConfig#metricsToken()}. */
    public Builder metricsToken(Optional<String> value) {
      this.metricsToken = value;
      return this;
    }

    /** See {@link ServerConfig#rateLimitPerToken()} and {@link ServerConfig#rateLimitPerIp()}. */
    public Builder rateLimits(int perToken, int perIp) {
      this.rateLimitPerToken = perToken;
      this.rateLimitPerIp = perIp;
      return this;
    }

    /** The configuration. */
    public ServerConfig build() {
      return new ServerConfig(
          port,
          demo,
          natsUrl,
          jwtSecret,
          tokenTtl,
          logLevel,
          reactions,
          loyalty,
          rateLimitPerToken,
          rateLimitPerIp,
          corsOrigins,
          maxBodyBytes,
          loginThrottling,
          passwordMinLength,
          pinMinLength,
          tokenCheckCache,
          bindAddress,
          metricsToken);
    }
  }

  private static Duration tokenCheckCacheOf(Map<String, String> env) {
    String v = env.get("TOKEN_CHECK_CACHE");
    if (!blank(v) && v.trim().matches("0+[smh]?")) {
      return Duration.ZERO;
    }
    Duration d = durationOf(env, "TOKEN_CHECK_CACHE", Duration.ofSeconds(5));
    if (d.compareTo(Duration.ofMinutes(5)) > 0) {
      throw invalid(
          "TOKEN_CHECK_CACHE="
              + v
              + " is over 5 minutes: a removed member's tokens"
              + " would be accepted that long");
    }
    return d;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static InvalidInputException invalid(String message) {
    return new InvalidInputException(ErrorCode.VALIDATION, message);
  }

  private static int intOf(Map<String, String> env, String name, int dflt, int min, int max) {
    String v = env.get(name);
    if (blank(v)) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < min || n > max) {
        throw invalid(name + "=" + v + " is out of range " + min + ".." + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw invalid(name + "=" + v + " is not a whole number");
    }
  }

  static Duration durationOf(Map<String, String> env, String name, Duration dflt) {
    String v = env.get(name);
    if (blank(v)) {
      return dflt;
    }
    try {
      return Tokens.lifetime(v);
    } catch (IllegalArgumentException e) {
      throw invalid(name + "=" + v + " is not a duration: use e.g. 30m, 8h, 7d or PT8H");
    }
  }
}
