package io.vruksha.retail.postgres;

import io.vruksha.retail.store.Credentials;
import java.sql.Timestamp;
import java.util.Optional;

/** {@link Credentials} on PostgreSQL ({@code staff_credentials}). Thread-safe. */
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
