package io.vruksha.retail.store;

import io.vruksha.retail.time.Instants;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Port: how staff prove who they are — a password hash, a PIN hash (hashed by the caller with a
 * slow hash such as bcrypt; never the secrets themselves) — and their failed attempts, for
 * lock-out. Implementations must be thread-safe.
 */
public interface Credentials {

  /**
   * One member of staff's credentials.
   *
   * @param staffId who
   * @param passwordHash the password's hash, if they have one
   * @param pinHash the PIN's hash, if they have one
   * @param failedAttempts failed logins since the last success
   * @param lockedUntil until when logins are refused, if locked out
   */
  record Credential(
      String staffId,
      Optional<String> passwordHash,
      Optional<String> pinHash,
      int failedAttempts,
      Optional<Instant> lockedUntil) {

    /** Checks for nulls. */
    public Credential {
      Objects.requireNonNull(staffId, "staffId");
      Objects.requireNonNull(passwordHash, "passwordHash");
      Objects.requireNonNull(pinHash, "pinHash");
      Objects.requireNonNull(lockedUntil, "lockedUntil");
      lockedUntil = lockedUntil.map(Instants::micros);
    }

    /** This credential after a failed attempt, locked until {@code until} if that is present. */
    public Credential failed(Optional<Instant> until) {
      return new Credential(staffId, passwordHash, pinHash, failedAttempts + 1, until);
    }

    /** This credential after a successful login. */
    public Credential succeeded() {
      return new Credential(staffId, passwordHash, pinHash, 0, Optional.empty());
    }
  }

  /**
   * The credentials of {@code staffId}, hashes included. Adapters that keep the hashes from the
   * application (PostgreSQL's application role) answer this to their owner only; logins go through
   * {@link #attempt}.
   */
  Optional<Credential> find(String staffId);

  /** Creates or replaces a member of staff's credentials. */
  void save(Credential credential);

  /** Whether a secret matches a stored hash: bcrypt, or whatever the caller hashed with. */
  interface SecretCheck {

    /** Whether {@code secret} matches {@code hash}. */
    boolean matches(String secret, String hash);

    /**
     * The same work as a check of {@code secret}, for an unknown id: every refusal takes as long.
     */
    void matchesNothing(String secret);
  }

  /**
   * One login attempt.
   *
   * @param staffId who claims to log in
   * @param pin true for a PIN, false for a password
   * @param secret the password or PIN as typed
   * @param at when
   * @param maxAttempts failures in a row that lock the member out
   * @param lockout how long a lock-out lasts
   */
  record LoginAttempt(
      String staffId,
      boolean pin,
      String secret,
      Instant at,
      int maxAttempts,
      java.time.Duration lockout) {

    /** Checks for nulls and limits. */
    public LoginAttempt {
      Objects.requireNonNull(staffId, "staffId");
      Objects.requireNonNull(secret, "secret");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(lockout, "lockout");
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
      }
    }
  }

  /** How an attempt ended. */
  enum Outcome {
    /** The secret matched: failures are cleared. */
    PASSED,
    /** Unknown id, no such secret or a wrong one: counted (a known id) and refused. */
    REFUSED,
    /** Locked out: refused without checking. */
    LOCKED
  }

  /**
   * An attempt's result.
   *
   * @param outcome how it ended
   * @param lockedUntil until when logins are refused, when locked out (by this attempt or before)
   * @param member who logged in, when it passed
   */
  record Attempt(Outcome outcome, Optional<Instant> lockedUntil, Optional<StaffMember> member) {

    /** Checks for nulls. */
    public Attempt {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(lockedUntil, "lockedUntil");
      Objects.requireNonNull(member, "member");
    }
  }

  /**
   * Checks a login and counts it, as one step: a lock-out that is over starts the count again; a
   * locked member is refused without a check; a wrong secret adds a failure and locks the member
   * out for {@code lockout} at {@code maxAttempts} in a row; a right one clears the failures and
   * answers the member of staff. Unknown ids and members without that kind of secret are refused
   * after the same work ({@link SecretCheck#matchesNothing}).
   *
   * <p>This default reads and saves through {@link #find} and {@link #save} and looks the member up
   * in {@code staff}. Adapters that keep the hashes from the application check inside the database
   * instead and use neither {@code check} nor {@code staff}.
   */
  default Attempt attempt(LoginAttempt a, SecretCheck check, Staff staff) {
    Optional<StaffMember> member = staff.find(a.staffId());
    Optional<Credential> stored = find(a.staffId());
    if (member.isEmpty() || stored.isEmpty()) {
      check.matchesNothing(a.secret());
      return new Attempt(Outcome.REFUSED, Optional.empty(), Optional.empty());
    }
    Credential c = stored.get();
    if (c.lockedUntil().map(until -> !a.at().isBefore(until)).orElse(false)) {
      c = c.succeeded(); // the lock-out is over: the count starts again
    }
    if (c.lockedUntil().map(a.at()::isBefore).orElse(false)) {
      return new Attempt(Outcome.LOCKED, c.lockedUntil(), Optional.empty());
    }
    Optional<String> hash = a.pin() ? c.pinHash() : c.passwordHash();
    if (hash.isEmpty() || !check.matches(a.secret(), hash.get())) {
      if (hash.isEmpty()) {
        check.matchesNothing(a.secret());
      }
      boolean lock = c.failedAttempts() + 1 >= a.maxAttempts();
      Credential failed = c.failed(lock ? Optional.of(a.at().plus(a.lockout())) : Optional.empty());
      save(failed);
      return new Attempt(Outcome.REFUSED, failed.lockedUntil(), Optional.empty());
    }
    if (c.failedAttempts() > 0 || c.lockedUntil().isPresent() || c != stored.get()) {
      save(c.succeeded());
    }
    return new Attempt(Outcome.PASSED, Optional.empty(), member);
  }

  /**
   * Sets a member of staff's password hash and/or PIN hash (an empty one keeps what is stored) and
   * clears their failures and lock-out.
   */
  default void setSecrets(String staffId, Optional<String> passwordHash, Optional<String> pinHash) {
    Credential old =
        find(staffId)
            .orElse(
                new Credential(staffId, Optional.empty(), Optional.empty(), 0, Optional.empty()));
    save(
        new Credential(
            staffId,
            passwordHash.or(old::passwordHash),
            pinHash.or(old::pinHash),
            0,
            Optional.empty()));
  }
}
