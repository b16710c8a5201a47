package io.vruksha.retail.postgres;

import io.vruksha.retail.store.Credentials;
import java.sql.Timestamp;
import java.util.Optional;

/**
 * {@link Credentials} on PostgreSQL ({@code staff_credentials}). The application role cannot read
 * or write the table: a login is checked and counted inside the database ({@code staff_login},
 * bcrypt by pgcrypto) and secrets are set through {@code staff_set_secrets}, for a member of a
 * store in the unit of work's scope. {@link #find} and {@link #save} are for the schema's owner.
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
                    (rs, ctx) -> {
                      Timestamp locked = rs.getTimestamp("locked_until");
                      return new Credential(
                          staffId,
                          Optional.ofNullable(rs.getString("password_hash")),
                          Optional.ofNullable(rs.getString("pin_hash")),
                          rs.getInt("failed_attempts"),
                          Optional.ofNullable(locked).map(Timestamp::toInstant));
                    })
                .findOne());
  }

  /**
   * Checks and counts the attempt in the database ({@code staff_login}): the hashes never leave it,
   * the time is the database's, and {@code check} and {@code staff} are not used.
   */
  @Override
  public Attempt attempt(LoginAttempt a, SecretCheck check, io.vruksha.retail.store.Staff staff) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT * FROM staff_login(:s, :pin, :secret, :max,"
                        + " make_interval(secs => :lockout))")
                .bind("s", a.staffId())
                .bind("pin", a.pin())
                .bind("secret", a.secret())
                .bind("max", a.maxAttempts())
                .bind("lockout", (double) a.lockout().toSeconds())
                .map(
                    (rs, ctx) -> {
                      Outcome outcome = Outcome.valueOf(rs.getString("outcome"));
                      Optional<java.time.Instant> until =
                          Optional.ofNullable(rs.getTimestamp("locked_until"))
                              .map(Timestamp::toInstant);
                      Optional<io.vruksha.retail.store.StaffMember> member =
                          outcome == Outcome.PASSED
                              ? Optional.of(
                                  new io.vruksha.retail.store.StaffMember(
                                      a.staffId(),
                                      rs.getString("name"),
                                      io.vruksha.retail.store.StoreId.of(rs.getString("store_id")),
                                      io.vruksha.retail.store.Role.valueOf(rs.getString("role"))))
                              : Optional.empty();
                      return new Attempt(outcome, until, member);
                    })
                .one());
  }

  /**
   * Sets the hashes through {@code staff_set_secrets}: only for a member of a store in the running
   * unit of work's scope.
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

  @Override
  public void save(Credential c) {
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO staff_credentials"
                        + " (staff_id, password_hash, pin_hash, failed_attempts, locked_until)"
                        + " VALUES (:s, :p, :pin, :f, :l)"
                        + " ON CONFLICT (staff_id) DO UPDATE SET password_hash = EXCLUDED.password_hash,"
                        + " pin_hash = EXCLUDED.pin_hash, failed_attempts = EXCLUDED.failed_attempts,"
                        + " locked_until = EXCLUDED.locked_until")
                .bind("s", c.staffId())
                .bind("p", c.passwordHash().orElse(null))
                .bind("pin", c.pinHash().orElse(null))
                .bind("f", c.failedAttempts())
                .bind("l", c.lockedUntil().map(Timestamp::from).orElse(null))
                .execute());
  }
}
