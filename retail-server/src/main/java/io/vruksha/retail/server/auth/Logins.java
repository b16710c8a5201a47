package io.vruksha.retail.server.auth;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.server.http.ApiProblem;
import io.vruksha.retail.store.Credentials;
import io.vruksha.retail.store.StaffMember;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Staff login by password or PIN: hashes checked with bcrypt, every failure counted, and after
 * {@code maxAttempts} failures in a row the member of staff is locked out for {@code lockout}. A
 * wrong id, a wrong secret and a lock-out all answer 401 without saying which of id or secret was
 * wrong. A success issues a token for the member's role and store.
 */
public final class Logins {

  /** Answered when the secret does not match. */
  public static final String INVALID = "unknown staff id or wrong password or PIN";

  private final RetailEngine engine;
  private final Passwords passwords;
  private final Tokens tokens;
  private final Clock clock;
  private final int maxAttempts;
  private final Duration lockout;
  private final Duration ttl;
  private final Credentials.SecretCheck check;

  /** Logins against {@code engine}'s staff and credentials. */
  public Logins(
      RetailEngine engine,
      Passwords passwords,
      Tokens tokens,
      Clock clock,
      int maxAttempts,
      Duration lockout,
      Duration ttl) {
    this.engine = engine;
    this.passwords = passwords;
    this.tokens = tokens;
    this.clock = clock;
    this.maxAttempts = maxAttempts;
    this.lockout = lockout;
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

  /** Sets a member of staff's password and/or PIN (each hashed), clearing failures. */
  public void setSecrets(String staffId, Optional<String> password, Optional<String> pin) {
    checkSecrets(password, pin);
    engine
        .credentials()
        .setSecrets(staffId, password.map(passwords::hash), pin.map(passwords::hash));
  }

  /**
   * Checks a new password (8 characters to 72 bytes in UTF-8, bcrypt's limit) and PIN (4 to 8
   * digits) without storing them, so a caller can refuse a request before it writes anything.
   */
  public static void checkSecrets(Optional<String> password, Optional<String> pin) {
    password.ifPresent(p -> requireStrength(p, 8, "a password", "password"));
    pin.ifPresent(
        p -> {
          if (!p.matches("[0-9]{4,8}")) {
            throw new InvalidInputException(
                ErrorCode.VALIDATION, "a PIN is 4 to 8 digits", List.of("pin"));
          }
        });
  }

  private static void requireStrength(String secret, int min, String what, String field) {
    if (secret.length() < min || !Passwords.fits(secret)) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          what
              + " needs at least "
              + min
              + " characters and at most "
              + Passwords.MAX_BYTES
              + " bytes in UTF-8",
          List.of(field));
    }
  }

  /** Logs in with a password or a PIN (exactly one). */
  public Session login(String staffId, Optional<String> password, Optional<String> pin) {
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
                    staffId, pin.isPresent(), secret, now, maxAttempts, lockout),
                check,
                engine.workforce().staff());
    if (attempt.outcome() == Credentials.Outcome.LOCKED) {
      throw new ApiProblem(
          401,
          "auth.locked",
          "too many failed attempts: try again after " + attempt.lockedUntil().orElseThrow(),
          List.of());
    }
    if (attempt.outcome() != Credentials.Outcome.PASSED || attempt.member().isEmpty()) {
      throw ApiProblem.unauthenticated(INVALID);
    }
    StaffMember staff = attempt.member().get();
    String token = tokens.issue(staffId, staff.role(), Set.of(staff.store().value()), ttl);
    return new Session(token, now.plus(ttl), staff);
  }
}
