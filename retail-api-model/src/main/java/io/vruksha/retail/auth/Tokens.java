package io.vruksha.retail.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.PermissionDeniedException;
import io.vruksha.retail.store.Role;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Bearer tokens: JWTs signed with HS256 and {@code JWT_SECRET}, issued by {@code vruksha}, carrying
 * the subject (a staff id), its {@code role}, the {@code stores} it may touch and the subject's
 * token version ({@code ver}) — or, for a service token minted by {@code retail auth token}, {@code
 * kind=service} instead of a version. Verification accepts only HS256 with this secret (an {@code
 * alg=none} or re-signed token is refused), within its expiry, and — when built with a subject
 * check — only while the subject is a member of staff whose token version is still the token's: a
 * member who is removed, locked, changes role or changes password or PIN loses every token issued
 * before. The check goes through a short cache, so it takes effect within the cache's time. Thread-
 * safe.
 */
public final class Tokens {

  private static final String ISSUER = "vruksha";

  /** The claim carrying the subject's token version (staff tokens). */
  public static final String VERSION_CLAIM = "ver";

  /** The claim marking a service token ({@code "service"}): minted, not a member of staff's. */
  public static final String KIND_CLAIM = "kind";

  /** The {@link #KIND_CLAIM} of a service token. */
  public static final String SERVICE = "service";

  /** The longest a service token may last. */
  public static final Duration SERVICE_MAX_TTL = Duration.ofDays(30);

  private final Algorithm algorithm;
  private final JWTVerifier verifier;
  private final Clock clock;
  private final Optional<Function<String, Optional<Long>>> versions;
  private final Optional<Function<String, Optional<Long>>> uncached;

  /** Tokens signed with {@code secret} (at least 32 characters), without a subject check. */
  public Tokens(String secret, Clock clock) {
    this(secret, clock, Optional.empty(), Optional.empty());
  }

  private Tokens(
      String secret,
      Clock clock,
      Optional<Function<String, Optional<Long>>> versions,
      Optional<Function<String, Optional<Long>>> uncached) {
    if (secret == null || secret.length() < 32) {
      throw new IllegalArgumentException("a JWT secret needs at least 32 characters");
    }
    this.algorithm = Algorithm.HMAC256(secret);
    this.clock = clock;
    this.verifier = JWT.require(algorithm).withIssuer(ISSUER).acceptLeeway(5).build();
    this.versions = versions;
    this.uncached = uncached;
  }

  /**
   * Tokens signed with {@code secret} whose verification also asks {@code versions} for the
   * subject's current token version (empty: no such member of staff), remembering each answer for
   * {@code cacheFor} (zero: asks every time) as {@code ticker} counts time.
   */
  public static Tokens checked(
      String secret,
      Clock clock,
      Function<String, Optional<Long>> versions,
      Duration cacheFor,
      Ticker ticker) {
    if (cacheFor.isNegative()) {
      throw new IllegalArgumentException("cacheFor must not be negative: " + cacheFor);
    }
    if (cacheFor.isZero()) {
      return new Tokens(secret, clock, Optional.of(versions), Optional.of(versions));
    }
    LoadingCache<String, Optional<Long>> cache =
        Caffeine.newBuilder()
            .expireAfterWrite(cacheFor)
            .maximumSize(100_000)
            .ticker(ticker)
            .build(versions::apply);
    Function<String, Optional<Long>> cached = cache::get;
    return new Tokens(secret, clock, Optional.of(cached), Optional.of(versions));
  }

  /** {@link #checked} without a cache: every verification asks {@code versions}. */
  public static Tokens checked(
      String secret, Clock clock, Function<String, Optional<Long>> versions) {
    return new Tokens(secret, clock, Optional.of(versions), Optional.of(versions));
  }

  /** A random secret, for demo mode without {@code JWT_SECRET}. */
  public static String randomSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * A token for {@code subject} at token version {@code version}, with {@code role} on {@code
   * stores}, valid for {@code ttl}.
   */
  public String issue(String subject, Role role, Set<String> stores, Duration ttl, long version) {
    Instant now = clock.instant();
    return JWT.create()
        .withIssuer(ISSUER)
        .withSubject(subject)
        .withClaim("role", role.name())
        .withClaim("stores", List.copyOf(stores))
        .withClaim(VERSION_CLAIM, version)
        .withIssuedAt(now)
        .withExpiresAt(now.plus(ttl))
        .withJWTId(UUID.randomUUID().toString())
        .sign(algorithm);
  }

  /**
   * A token for the member of staff {@code subject} at their current token version (asked now, not
   * from the cache), with {@code role} on {@code stores}, valid for {@code ttl}: what a script's or
   * a test's token is. Refuses a subject that is not a member of staff, and works only on tokens
   * built with a subject check.
   */
  public String issueCurrent(String subject, Role role, Set<String> stores, Duration ttl) {
    Function<String, Optional<Long>> ask =
        uncached.orElseThrow(
            () -> new IllegalStateException("these tokens have no subject check to ask"));
    long version =
        ask.apply(subject)
            .orElseThrow(() -> new IllegalArgumentException("no member of staff " + subject));
    return issue(subject, role, stores, ttl, version);
  }

  /**
   * A service token for a script or an integration named {@code name}, with {@code role} on {@code
   * stores}, valid for {@code ttl} (at most {@link #SERVICE_MAX_TTL}): not a member of staff's, so
   * no member's change ends it; it ends at its expiry or when {@code JWT_SECRET} changes. What
   * {@code retail auth token} mints without {@code --subject}.
   */
  public String issueService(String name, Role role, Set<String> stores, Duration ttl) {
    if (ttl.compareTo(SERVICE_MAX_TTL) > 0) {
      throw new IllegalArgumentException(
          "a service token lasts at most " + SERVICE_MAX_TTL.toDays() + " days");
    }
    Instant now = clock.instant();
    return JWT.create()
        .withIssuer(ISSUER)
        .withSubject(name)
        .withClaim("role", role.name())
        .withClaim("stores", List.copyOf(stores))
        .withClaim(KIND_CLAIM, SERVICE)
        .withIssuedAt(now)
        .withExpiresAt(now.plus(ttl))
        .withJWTId(UUID.randomUUID().toString())
        .sign(algorithm);
  }

  /** The principal of a valid token; 401 for anything else. */
  public Principal verify(String token) {
    DecodedJWT jwt;
    try {
      jwt = verifier.verify(token);
    } catch (TokenExpiredException e) {
      throw unauthenticated("the token has expired");
    } catch (JWTVerificationException e) {
      throw unauthenticated("the token is not valid");
    }
    Principal principal;
    Long version;
    boolean service;
    try {
      Role role = Role.valueOf(jwt.getClaim("role").asString());
      List<String> stores = jwt.getClaim("stores").asList(String.class);
      version = jwt.getClaim(VERSION_CLAIM).asLong();
      String kind = jwt.getClaim(KIND_CLAIM).asString();
      service = SERVICE.equals(kind);
      if (jwt.getSubject() == null
          || stores == null
          || (kind != null && !service)
          || (version == null) == (kind == null)
          || jwt.getExpiresAtAsInstant() == null
          || (service
              && (jwt.getIssuedAtAsInstant() == null
                  || Duration.between(jwt.getIssuedAtAsInstant(), jwt.getExpiresAtAsInstant())
                          .compareTo(SERVICE_MAX_TTL)
                      > 0))) {
        throw new IllegalArgumentException();
      }
      principal =
          new Principal(jwt.getSubject(), role, new HashSet<>(stores), jwt.getExpiresAtAsInstant());
    } catch (RuntimeException e) {
      throw unauthenticated("the token lacks its role, stores, version or expiry");
    }
    if (versions.isPresent() && !service) {
      Optional<Long> current = versions.get().apply(principal.subject());
      if (current.isEmpty() || !current.get().equals(version)) {
        // one answer whether the member is gone or their version moved on
        throw unauthenticated("the token is no longer valid: log in again");
      }
    }
    return principal;
  }

  /**
   * A token's lifetime as {@code TOKEN_TTL} and {@code retail auth token --ttl} take it: {@code
   * 30m}, {@code 8h}, {@code 7d}, {@code 90s} or an ISO-8601 duration ({@code PT8H}); positive.
   *
   * @throws IllegalArgumentException when {@code text} is none of these
   */
  public static Duration lifetime(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    try {
      Duration d;
      if (s.startsWith("p")) {
        d = Duration.parse(s.toUpperCase(Locale.ROOT));
        return d;
      }
      long n = Long.parseLong(s.substring(0, s.length() - 1));
      d =
          switch (s.charAt(s.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new NumberFormatException();
          };
      if (d.isNegative() || d.isZero()) {
        throw new NumberFormatException();
      }
      return d;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("'" + text + "' is not a duration", e);
    }
  }

  /** 401 {@code auth.unauthenticated} on the server (see its {@code Errors}). */
  private static PermissionDeniedException unauthenticated(String why) {
    return new PermissionDeniedException(ErrorCode.UNAUTHENTICATED, why);
  }
}
