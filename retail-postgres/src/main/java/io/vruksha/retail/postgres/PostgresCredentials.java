package io.vruksha.retail.postgres;

import io.vruksha.retail.store.Credentials;
import io.vruksha.retail.store.Role;
import io.vruksha.retail.store.Staff;
import io.vruksha.retail.store.StaffMember;
import io.vruksha.retail.store.StoreId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link Credentials} on PostgreSQL ({@code staff_credentials}, {@code staff_login_sources}). The
 * application role cannot read or write either table: a login is checked and counted inside the
 * database ({@code staff_login}, bcrypt by pgcrypto), token versions are read through {@code
 * staff_token_version} (the version and nothing else), and secrets, locks and versions are changed
 * through {@code staff_set_secrets}, {@code staff_set_locked} and {@code staff_next_token_version},
 * for a member of a store in the unit of work's scope. {@link #find}, {@link #save}, {@link
 * #findSource}, {@link #saveSource} and {@link #clearSources} are for the schema's owner.
 * Thread-safe.
 */
public final class PostgresCredentials implements Credentials {

  private final PostgresUnitOfWork work;

  /** The credentials of {@code db}. */
  public PostgresCredentials(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public Optional<Credential> find(String staffId) {
    return work.with(
        h ->
            h.createQuery("SELECT * FROM staff_credentials WHERE staff_id = :s")
                .bind("s", staffId)
                .map(
                    (rs, ctx) ->
                        new Credential(
                            staffId,
                            Optional.ofNullable(rs.getString("password_hash")),
                            Optional.ofNullable(rs.getString("pin_hash")),
                            rs.getInt("failed_attempts"),
                            instant(rs.getTimestamp("locked_until")),
                            rs.getLong("token_version"),
                            rs.getBoolean("locked")))
                .findOne());
  }

  @Override
  public void save(Credential c) {
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO staff_credentials (staff_id, password_hash, pin_hash,"
                        + " failed_attempts, locked_until, token_version, locked)"
                        + " VALUES (:s, :p, :pin, :f, :l, :v, :locked)"
                        + " ON CONFLICT (staff_id) DO UPDATE SET password_hash ="
                        + " EXCLUDED.password_hash, pin_hash = EXCLUDED.pin_hash, failed_attempts ="
                        + " EXCLUDED.failed_attempts, locked_until = EXCLUDED.locked_until,"
                        + " token_version = EXCLUDED.token_version, locked = EXCLUDED.locked")
                .bind("s", c.staffId())
                .bind("p", c.passwordHash().orElse(null))
                .bind("pin", c.pinHash().orElse(null))
                .bind("f", c.failedAttempts())
                .bind("l", c.lockedUntil().map(Timestamp::from).orElse(null))
                .bind("v", c.tokenVersion())
                .bind("locked", c.locked())
                .execute());
  }

  @Override
  public Optional<Source> findSource(String staffId, String source) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT * FROM staff_login_sources WHERE staff_id = :s AND source = :source")
                .bind("s", staffId)
                .bind("source", source)
                .map(
                    (rs, ctx) ->
                        new Source(
                            staffId,
                            source,
                            rs.getInt("failures"),
                            instant(rs.getTimestamp("blocked_until")),
                            rs.getBoolean("known")))
                .findOne());
  }

  @Override
  public void saveSource(Source s) {
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO staff_login_sources (staff_id, source, failures, blocked_until,"
                        + " known) VALUES (:s, :source, :f, :b, :k) ON CONFLICT (staff_id, source)"
                        + " DO UPDATE SET failures = EXCLUDED.failures, blocked_until ="
                        + " EXCLUDED.blocked_until, known = EXCLUDED.known")
                .bind("s", s.staffId())
                .bind("source", s.source())
                .bind("f", s.failures())
                .bind("b", s.blockedUntil().map(Timestamp::from).orElse(null))
                .bind("k", s.known())
                .execute());
  }

  @Override
  public void clearSources(String staffId) {
    work.with(
        h ->
            h.createUpdate("DELETE FROM staff_login_sources WHERE staff_id = :s")
                .bind("s", staffId)
                .execute());
  }

  /**
   * Checks and counts the attempt in the database ({@code staff_login}): the hashes never leave it,
   * the time is the database's, and {@code check} and {@code staff} are not used.
   */
  @Override
  public Attempt attempt(LoginAttempt a, SecretCheck check, Staff staff) {
    Throttling t = a.throttling();
    return work.with(
        h ->
            h.createQuery(
                    "SELECT * FROM staff_login(:s, :pin, :secret, :source, :free, :freeAll,"
                        + " make_interval(secs => :first), make_interval(secs => :max))")
                .bind("s", a.staffId())
                .bind("pin", a.pin())
                .bind("secret", a.secret())
                .bind("source", a.source())
                .bind("free", t.freeAttempts())
                .bind("freeAll", t.freeAttemptsAllAddresses())
                .bind("first", t.firstDelay().toMillis() / 1000.0)
                .bind("max", t.maxDelay().toMillis() / 1000.0)
                .map(
                    (rs, ctx) -> {
                      Outcome outcome = Outcome.valueOf(rs.getString("outcome"));
                      Optional<Instant> until = instant(rs.getTimestamp("locked_until"));
                      if (outcome != Outcome.PASSED) {
                        return Attempt.refused(outcome, until);
                      }
                      return new Attempt(
                          outcome,
                          until,
                          Optional.of(
                              new StaffMember(
                                  a.staffId(),
                                  rs.getString("name"),
                                  StoreId.of(rs.getString("store_id")),
                                  Role.valueOf(rs.getString("role")))),
                          rs.getLong("token_version"));
                    })
                .one());
  }

  /**
   * Sets the hashes through {@code staff_set_secrets}: only for a member of a store in the running
   * unit of work's scope; forgets failures and moves the token version on.
   */
  @Override
  public void setSecrets(String staffId, Optional<String> passwordHash, Optional<String> pinHash) {
    work.with(
        h ->
            h.createQuery("SELECT staff_set_secrets(:s, :p, :pin)::text")
                .bind("s", staffId)
                .bind("p", passwordHash.orElse(null))
                .bind("pin", pinHash.orElse(null))
                .mapTo(String.class)
                .findOne());
  }

  /** Through {@code staff_token_version}: any store's member, the version and nothing else. */
  @Override
  public Optional<Long> tokenVersion(String staffId, Staff staff) {
    return work.with(
        h ->
            h.createQuery("SELECT staff_token_version(:s)")
                .bind("s", staffId)
                .mapTo(Long.class)
                .findOne());
  }

  /** Through {@code staff_next_token_version}: a member of a store in the unit of work's scope. */
  @Override
  public void nextTokenVersion(String staffId) {
    work.with(
        h ->
            h.createQuery("SELECT staff_next_token_version(:s)::text")
                .bind("s", staffId)
                .mapTo(String.class)
                .findOne());
  }

  /**
   * Through {@code staff_set_locked}: a member of a store in the unit of work's scope; written to
   * {@code audit_log} (entity {@code staff_lock}).
   */
  @Override
  public void setLocked(String staffId, boolean lock, String by) {
    work.with(
        h ->
            h.createQuery("SELECT staff_set_locked(:s, :l, :by)::text")
                .bind("s", staffId)
                .bind("l", lock)
                .bind("by", by)
                .mapTo(String.class)
                .findOne());
  }

  private static Optional<Instant> instant(Timestamp t) {
    return Optional.ofNullable(t).map(Timestamp::toInstant);
  }
}
