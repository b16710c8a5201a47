package io.vruksha.retail.auth;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.PermissionDeniedException;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.store.Credentials;
import io.vruksha.retail.store.StaffMember;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Staff login by password or PIN: hashes checked with bcrypt, failures counted per staff id and
 * source address and across new addresses, each failure past the free ones doubling the wait before
 * the next attempt from there ({@link Credentials.Throttling}) — no hard lock a stranger can set
 * off. An unknown id, a wrong secret, a wait and a manager's lock all answer the same 401 after the
 * same bcrypt work. A success issues a token for the member's role, store and token version.
 */
public final class Logins {

  /** Answered to every refused login. */
  public static final String INVALID = "unknown staff id or wrong password or PIN";

  private final RetailEngine engine;
  private final Passwords passwords;
  private final Tokens tokens;
  private final Clock clock;
  private final Credentials.Throttling throttling;
  private final SecretPolicy policy;
  private final Duration ttl;
  private final Credentials.SecretCheck check;

  /** Logins against {@code engine}'s staff and credentials. */
  public Logins(
      RetailEngine engine,
      Passwords passwords,
      Tokens tokens,
      Clock clock,
      Credentials.Throttling throttling,
      SecretPolicy policy,
      Duration ttl) {
    this.engine = engine;
    this.passwords = passwords;
    this.tokens = tokens;
    this.clock = clock;
    this.throttling = throttling;
    this.policy = policy;
    this.ttl = ttl;
    String dummyHash = passwords.hash("no such member of staff");
    this.check =
        new Credentials.SecretCheck() {
          @Override
          public boolean matches(String secret, String hash) {
            return passwords.matches(secret, hash);
          }

          @Override
          public void matchesNothing(String secret) {
            passwords.matches(secret, dummyHash); // same time either way
          }
        };
  }

  /**
   * A login's result.
   *
   * @param token the bearer token
   * @param expiresAt when it expires
   * @param staff who logged in
   */
  public record Session(String token, Instant expiresAt, StaffMember staff) {}

  /** What new passwords and PINs must be. */
  public SecretPolicy policy() {
    return policy;
  }

  /**
   * Sets a member of staff's password and/or PIN (each checked against the policy and hashed),
   * forgetting their failures and ending their tokens.
   */
  public void setSecrets(String staffId, Optional<String> password, Optional<String> pin) {
    checkSecrets(staffId, password, pin);
    engine
        .credentials()
        .setSecrets(staffId, password.map(passwords::hash), pin.map(passwords::hash));
  }

  /**
   * Checks a new password and PIN against the policy without storing them, so a caller can refuse a
   * request before it writes anything.
   */
  public void checkSecrets(String staffId, Optional<String> password, Optional<String> pin) {
    policy.check(staffId, password, pin);
  }

  /**
   * Logs in with a password or a PIN (exactly one) from {@code source}, the caller's address. Every
   * refusal is the same 401.
   */
  public Session login(
      String staffId, Optional<String> password, Optional<String> pin, String source) {
    if (staffId == null || staffId.isBlank() || password.isPresent() == pin.isPresent()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "give a staffId and either a password or a PIN",
          List.of("staffId", "password", "pin"));
    }
    String secret = password.or(() -> pin).orElseThrow();
    Instant now = clock.instant();
    Credentials.Attempt attempt =
        engine
            .credentials()
            .attempt(
                new Credentials.LoginAttempt(
                    staffId, pin.isPresent(), secret, source, now, throttling),
                check,
                engine.workforce().staff());
    if (attempt.outcome() != Credentials.Outcome.PASSED || attempt.member().isEmpty()) {
      // a wait or a lock answers as a wrong secret does: it tells nobody the id exists
      throw unauthenticated(INVALID);
    }
    StaffMember staff = attempt.member().get();
    String token =
        tokens.issue(
            staffId, staff.role(), Set.of(staff.store().value()), ttl, attempt.tokenVersion());
    return new Session(token, now.plus(ttl), staff);
  }

  /** 401 {@code auth.unauthenticated} on the server (see its {@code Errors}). */
  private static PermissionDeniedException unauthenticated(String why) {
    return new PermissionDeniedException(ErrorCode.UNAUTHENTICATED, why);
  }
}
