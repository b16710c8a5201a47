package io.vruksha.retail.store;

import io.vruksha.retail.time.Instants;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Port: how staff prove who they are — a password hash, a PIN hash (hashed by the caller with a
 * slow hash such as bcrypt; never the secrets themselves) — their failed attempts, which slow
 * further attempts down ({@link Throttling}), a lock a manager sets, and the version their tokens
 * must carry. Implementations must be thread-safe.
 *
 * <p>Failures are counted twice: per member of staff and source address ({@link Source}), so a
 * stranger's guesses slow down the stranger and not the member at their own till, and per member
 * across every address that has never logged them in (the credential's {@code failedAttempts}), a
 * ceiling for a guesser spread over many addresses. Neither is a hard lock: each failure beyond the
 * free ones doubles the wait before the next attempt from where it applies, up to a cap.
 */
public interface Credentials {

  /**
   * One member of staff's credentials.
   *
   * @param staffId who
   * @param passwordHash the password's hash, if they have one
   * @param pinHash the PIN's hash, if they have one
   * @param failedAttempts failed logins from addresses that have never logged them in, since the
   *     last success from a new address (the ceiling across addresses)
   * @param lockedUntil until when such addresses must wait, after too many of those failures
   * @param tokenVersion the version their tokens must carry: raised when they are locked, change
   *     role or credentials, or are removed, so older tokens stop being accepted
   * @param locked locked by a manager: every login refused until unlocked
   */
  record Credential(
      String staffId,
      Optional<String> passwordHash,
      Optional<String> pinHash,
      int failedAttempts,
      Optional<Instant> lockedUntil,
      long tokenVersion,
      boolean locked) {

    /** Checks for nulls. */
    public Credential {
      Objects.requireNonNull(staffId, "staffId");
      Objects.requireNonNull(passwordHash, "passwordHash");
      Objects.requireNonNull(pinHash, "pinHash");
      Objects.requireNonNull(lockedUntil, "lockedUntil");
      lockedUntil = lockedUntil.map(Instants::micros);
      if (tokenVersion < 0) {
        throw new IllegalArgumentException("tokenVersion must not be negative: " + tokenVersion);
      }
    }

    /** Credentials at token version 0, not locked. */
    public Credential(
        String staffId,
        Optional<String> passwordHash,
        Optional<String> pinHash,
        int failedAttempts,
        Optional<Instant> lockedUntil) {
      this(staffId, passwordHash, pinHash, failedAttempts, lockedUntil, 0, false);
    }

    /** None for {@code staffId}: no secrets, no failures, version 0. */
    public static Credential none(String staffId) {
      return new Credential(staffId, Optional.empty(), Optional.empty(), 0, Optional.empty());
    }

    /** This credential after a failed attempt, waiting until {@code until} if that is present. */
    public Credential failed(Optional<Instant> until) {
      return new Credential(
          staffId, passwordHash, pinHash, failedAttempts + 1, until, tokenVersion, locked);
    }

    /** This credential with its failures across addresses cleared. */
    public Credential succeeded() {
      return new Credential(
          staffId, passwordHash, pinHash, 0, Optional.empty(), tokenVersion, locked);
    }

    /** This credential with the next token version: tokens issued so far stop being accepted. */
    public Credential nextVersion() {
      return new Credential(
          staffId, passwordHash, pinHash, failedAttempts, lockedUntil, tokenVersion + 1, locked);
    }

    /** This credential locked or unlocked by a manager. */
    public Credential withLock(boolean lock) {
      return new Credential(
          staffId, passwordHash, pinHash, failedAttempts, lockedUntil, tokenVersion, lock);
    }
  }

  /**
   * Failed logins of one member of staff from one source address.
   *
   * @param staffId who
   * @param source the address
   * @param failures failed logins from there since the last success from there
   * @param blockedUntil until when attempts from there are refused unchecked
   * @param known whether a login from there has ever succeeded: a known address is exempt from the
   *     ceiling across addresses (the member's own till stays open)
   */
  record Source(
      String staffId, String source, int failures, Optional<Instant> blockedUntil, boolean known) {

    /** Checks for nulls. */
    public Source {
      Objects.requireNonNull(staffId, "staffId");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(blockedUntil, "blockedUntil");
      blockedUntil = blockedUntil.map(Instants::micros);
    }
  }

  /**
   * How failures slow logins down: after {@code freeAttempts} failures in a row from one address
   * (or {@code freeAttemptsAllAddresses} from addresses that never logged the member in), each
   * further failure makes the next attempt from there wait {@code firstDelay}, then twice as long,
   * and so on up to {@code maxDelay}. Attempts during a wait are refused unchecked and not counted.
   *
   * @param freeAttempts failures from one address before the first wait
   * @param freeAttemptsAllAddresses failures from new addresses before they all wait
   * @param firstDelay the first wait
   * @param maxDelay the longest wait
   */
  record Throttling(
      int freeAttempts, int freeAttemptsAllAddresses, Duration firstDelay, Duration maxDelay) {

    /** The server's default: 5 from one address, 20 from new ones, 1 s doubling to 15 minutes. */
    public static final Throttling DEFAULT =
        new Throttling(5, 20, Duration.ofSeconds(1), Duration.ofMinutes(15));

    /** Checks limits. */
    public Throttling {
      Objects.requireNonNull(firstDelay, "firstDelay");
      Objects.requireNonNull(maxDelay, "maxDelay");
      if (freeAttempts < 1 || freeAttempts > 100) {
        throw new IllegalArgumentException("freeAttempts must be 1 to 100: " + freeAttempts);
      }
      if (freeAttemptsAllAddresses < freeAttempts || freeAttemptsAllAddresses > 1000) {
        throw new IllegalArgumentException(
            "freeAttemptsAllAddresses must be freeAttempts to 1000: " + freeAttemptsAllAddresses);
      }
      if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
        throw new IllegalArgumentException(
            "firstDelay must be positive and maxDelay at least as long: " + this);
      }
    }

    /**
     * The wait after the {@code failures}-th failure in a row where {@code free} are free: none
     * before, {@code firstDelay} at the {@code free}-th, doubling to {@code maxDelay}.
     */
    public Optional<Duration> delayAfter(int failures, int free) {
      if (failures < free) {
        return Optional.empty();
      }
      int doublings = Math.min(failures - free, 40);
      Duration d = firstDelay;
      for (int i = 0; i < doublings && d.compareTo(maxDelay) < 0; i++) {
        d = d.multipliedBy(2);
      }
      return Optional.of(d.compareTo(maxDelay) > 0 ? maxDelay : d);
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

  /** The failures of {@code staffId} from {@code source}. Owner only, like {@link #find}. */
  Optional<Source> findSource(String staffId, String source);

  /** Creates or replaces a member's failures from one address. Owner only. */
  void saveSource(Source source);

  /** Forgets every address's failures of {@code staffId} (known addresses included). */
  void clearSources(String staffId);

  /** Whether a secret matches a stored hash: bcrypt, or whatever the caller hashed with. */
  interface SecretCheck {

    /** Whether {@code secret} matches {@code hash}. */
    boolean matches(String secret, String hash);

    /**
     * The same work as a check of {@code secret}, for an unknown id or a refusal without a check:
     * every refusal takes as long.
     */
    void matchesNothing(String secret);
  }

  /**
   * One login attempt.
   *
   * @param staffId who claims to log in
   * @param pin true for a PIN, false for a password
   * @param secret the password or PIN as typed
   * @param source the address it comes from
   * @param at when
   * @param throttling how failures slow further attempts down
   */
  record LoginAttempt(
      String staffId,
      boolean pin,
      String secret,
      String source,
      Instant at,
      Throttling throttling) {

    /** Checks for nulls. */
    public LoginAttempt {
      Objects.requireNonNull(staffId, "staffId");
      Objects.requireNonNull(secret, "secret");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(throttling, "throttling");
    }
  }

  /** How an attempt ended. */
  enum Outcome {
    /** The secret matched: this address's failures are cleared. */
    PASSED,
    /** Unknown id, no such secret or a wrong one: counted (a known id) and refused. */
    REFUSED,
    /** Waiting after failures, or locked by a manager: refused without a check, not counted. */
    LOCKED
  }

  /**
   * An attempt's result.
   *
   * @param outcome how it ended
   * @param lockedUntil until when attempts from this address wait, when they do
   * @param member who logged in, when it passed
   * @param tokenVersion the version the member's tokens carry, when it passed (else 0)
   */
  record Attempt(
      Outcome outcome,
      Optional<Instant> lockedUntil,
      Optional<StaffMember> member,
      long tokenVersion) {

    /** Checks for nulls. */
    public Attempt {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(lockedUntil, "lockedUntil");
      Objects.requireNonNull(member, "member");
    }

    /** A refusal (or a wait) without a member. */
    public static Attempt refused(Outcome outcome, Optional<Instant> until) {
      return new Attempt(outcome, until, Optional.empty(), 0);
    }
  }

  /**
   * Checks a login and counts it, as one step. A member locked by a manager, an address still
   * waiting after its failures, or a new address while every new address waits, is refused without
   * a check and without counting. A wrong secret adds a failure at this address (and, from an
   * address that has never logged the member in, to the count across addresses), each past the free
   * ones doubling the wait; a right one clears this address's failures and marks it known (a first
   * success from a new address also clears the count across addresses) and answers the member with
   * their token version. Unknown ids, members without that kind of secret and unchecked refusals
   * cost the same work ({@link SecretCheck#matchesNothing}).
   *
   * <p>This default reads and saves through {@link #find}, {@link #save}, {@link #findSource} and
   * {@link #saveSource} and looks the member up in {@code staff}. Adapters that keep the hashes
   * from the application check inside the database instead and use neither {@code check} nor {@code
   * staff}.
   */
  default Attempt attempt(LoginAttempt a, SecretCheck check, Staff staff) {
    Optional<StaffMember> member = staff.find(a.staffId());
    Optional<Credential> stored = find(a.staffId());
    if (member.isEmpty() || stored.isEmpty()) {
      check.matchesNothing(a.secret());
      return Attempt.refused(Outcome.REFUSED, Optional.empty());
    }
    Credential c = stored.get();
    Source s =
        findSource(a.staffId(), a.source())
            .orElse(new Source(a.staffId(), a.source(), 0, Optional.empty(), false));
    Instant at = a.at();
    Optional<Instant> waitHere = s.blockedUntil().filter(at::isBefore);
    Optional<Instant> waitAll = s.known() ? Optional.empty() : c.lockedUntil().filter(at::isBefore);
    if (c.locked() || waitHere.isPresent() || waitAll.isPresent()) {
      check.matchesNothing(a.secret()); // as long as a check: a wait tells nothing
      Optional<Instant> until =
          waitHere.isPresent() && waitAll.isPresent()
              ? Optional.of(Instants.micros(latest(waitHere.get(), waitAll.get())))
              : waitHere.or(() -> waitAll);
      return Attempt.refused(Outcome.LOCKED, c.locked() ? Optional.empty() : until);
    }
    Optional<String> hash = a.pin() ? c.pinHash() : c.passwordHash();
    if (hash.isEmpty() || !check.matches(a.secret(), hash.get())) {
      if (hash.isEmpty()) {
        check.matchesNothing(a.secret());
      }
      Throttling t = a.throttling();
      int failures = s.failures() + 1;
      Source failed =
          new Source(
              a.staffId(),
              a.source(),
              failures,
              t.delayAfter(failures, t.freeAttempts()).map(at::plus),
              s.known());
      saveSource(failed);
      if (!s.known()) {
        save(
            c.failed(
                t.delayAfter(c.failedAttempts() + 1, t.freeAttemptsAllAddresses()).map(at::plus)));
      }
      return Attempt.refused(Outcome.REFUSED, failed.blockedUntil());
    }
    if (s.failures() > 0 || s.blockedUntil().isPresent() || !s.known()) {
      saveSource(new Source(a.staffId(), a.source(), 0, Optional.empty(), true));
    }
    if (!s.known() && (c.failedAttempts() > 0 || c.lockedUntil().isPresent())) {
      save(c.succeeded());
    }
    return new Attempt(Outcome.PASSED, Optional.empty(), member, c.tokenVersion());
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /**
   * Sets a member of staff's password hash and/or PIN hash (an empty one keeps what is stored),
   * clears their failures (every address's) and, when anything was set, moves their tokens to the
   * next version. A manager's lock stays.
   */
  default void setSecrets(String staffId, Optional<String> passwordHash, Optional<String> pinHash) {
    if (passwordHash.isEmpty() && pinHash.isEmpty()) {
      return; // nothing to set, and failures are not cleared without a new secret
    }
    Credential old = find(staffId).orElse(Credential.none(staffId));
    save(
        new Credential(
            staffId,
            passwordHash.or(old::passwordHash),
            pinHash.or(old::pinHash),
            0,
            Optional.empty(),
            old.tokenVersion() + 1,
            old.locked()));
    clearSources(staffId);
  }

  /**
   * The version {@code staffId}'s tokens must carry, or empty when there is no such member of staff
   * (any store): what a token's verification compares against. Nothing else about the member. This
   * default looks the member up in {@code staff}; adapters that hide other stores' members answer
   * from the database and do not use it.
   */
  default Optional<Long> tokenVersion(String staffId, Staff staff) {
    if (staff.find(staffId).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(find(staffId).map(Credential::tokenVersion).orElse(0L));
  }

  /**
   * Moves {@code staffId}'s tokens to the next version (their role changed, they were removed or
   * created again): tokens issued so far stop being accepted. For a member of a store in the
   * running unit of work's scope.
   */
  default void nextTokenVersion(String staffId) {
    save(find(staffId).orElse(Credential.none(staffId)).nextVersion());
  }

  /**
   * Locks ({@code true}) or unlocks a member of staff, as a manager does. Locking refuses every
   * login until unlocked and moves their tokens to the next version; unlocking also forgets every
   * failure (each address's and the count across addresses). For a member of a store in the running
   * unit of work's scope; adapters that keep an audit trail record it, by the unit of work's actor
   * or else {@code by}.
   */
  default void setLocked(String staffId, boolean lock, String by) {
    Credential c = find(staffId).orElse(Credential.none(staffId));
    if (lock) {
      save(c.withLock(true).nextVersion());
    } else {
      save(c.withLock(false).succeeded());
      clearSources(staffId);
    }
  }
}
