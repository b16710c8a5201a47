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

  /** The credentials of {@code staffId}. */
  Optional<Credential> find(String staffId);

  /** Creates or replaces a member of staff's credentials. */
  void save(Credential credential);
}
