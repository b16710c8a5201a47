package io.vruksha.retail.server.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.vruksha.retail.server.http.ApiProblem;
import io.vruksha.retail.store.Role;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Bearer tokens: JWTs signed with HS256 and {@code JWT_SECRET}, issued by {@code vruksha}, carrying
 * the subject, its {@code role} and the {@code stores} it may touch. Verification accepts only
 * HS256 with this secret (an {@code alg=none} or re-signed token is refused), within its expiry.
 * Thread-safe.
 */
public final class Tokens {

  private static final String ISSUER = "vruksha";

  private final Algorithm algorithm;
  private final JWTVerifier verifier;
  private final Clock clock;

  /** Tokens signed with {@code secret} (at least 32 characters). */
  public Tokens(String secret, Clock clock) {
    if (secret == null || secret.length() < 32) {
      throw new IllegalArgumentException("a JWT secret needs at least 32 characters");
    }
    this.algorithm = Algorithm.HMAC256(secret);
    this.clock = clock;
    this.verifier = JWT.require(algorithm).withIssuer(ISSUER).acceptLeeway(5).build();
  }

  /** A random secret, for demo mode without {@code JWT_SECRET}. */
  public static String randomSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** A token for {@code subject} with {@code role} on {@code stores}, valid for {@code ttl}. */
  public String issue(String subject, Role role, Set<String> stores, Duration ttl) {
    Instant now = clock.instant();
    return JWT.create()
        .withIssuer(ISSUER)
        .withSubject(subject)
        .withClaim("role", role.name())
        .withClaim("stores", List.copyOf(stores))
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
      throw ApiProblem.unauthenticated("the token has expired");
    } catch (JWTVerificationException e) {
      throw ApiProblem.unauthenticated("the token is not valid");
    }
    try {
      Role role = Role.valueOf(jwt.getClaim("role").asString());
      List<String> stores = jwt.getClaim("stores").asList(String.class);
      if (jwt.getSubject() == null || stores == null || jwt.getExpiresAtAsInstant() == null) {
        throw new IllegalArgumentException();
      }
      return new Principal(
          jwt.getSubject(), role, new HashSet<>(stores), jwt.getExpiresAtAsInstant());
    } catch (RuntimeException e) {
      throw ApiProblem.unauthenticated("the token lacks its role, stores or expiry");
    }
  }
}
