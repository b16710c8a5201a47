package io.vruksha.retail.sqlite;

import io.vruksha.retail.store.Credentials;
import io.vruksha.retail.store.Staff;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * {@link Credentials} on SQLite, so staff log in at the till while it is offline: the password and
 * PIN hashes (never the secrets), failures across addresses and per address, the manager's lock and
 * the token version. The till's application owns the file, so the hashes are checked by the
 * caller's {@link SecretCheck}; an attempt's read, check and count run as one unit of work, so two
 * attempts at once both count. Thread-safe (one writer at a time).
 */
public final class SqliteCredentials implements Credentials, JoinsUnitOfWork {

  private final SqliteUnitOfWork work;

  /** The credentials of {@code db}. */
  public SqliteCredentials(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public Optional<Credential> find(String staffId) {
    return work.with(
        h ->
            h.createQuery("SELECT * FROM staff_credentials WHERE staff_id = :id")
                .bind("id", staffId)
                .map((rs, ctx) -> readCredential(rs))
                .findOne());
  }

  @Override
  public void save(Credential c) {
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO staff_credentials VALUES (:id, :pw, :pin, :f, :until, :v, :l)"
                        + " ON CONFLICT (staff_id) DO UPDATE SET password_hash = :pw,"
                        + " pin_hash = :pin, failed_attempts = :f, locked_until = :until,"
                        + " token_version = :v, locked = :l")
                .bind("id", c.staffId())
                .bind("pw", c.passwordHash().orElse(null))
                .bind("pin", c.pinHash().orElse(null))
                .bind("f", c.failedAttempts())
                .bind("until", Rows.micros(c.lockedUntil()))
                .bind("v", c.tokenVersion())
                .bind("l", c.locked() ? 1 : 0)
                .execute());
  }

  private static Credential readCredential(ResultSet rs) throws SQLException {
    return new Credential(
        rs.getString("staff_id"),
        Rows.text(rs, "password_hash"),
        Rows.text(rs, "pin_hash"),
        rs.getInt("failed_attempts"),
        Rows.instant(rs, "locked_until"),
        rs.getLong("token_version"),
        rs.getInt("locked") == 1);
  }

  @Override
  public Optional<Source> findSource(String staffId, String source) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT * FROM staff_credential_sources"
                        + " WHERE staff_id = :id AND source = :src")
                .bind("id", staffId)
                .bind("src", source)
                .map(
                    (rs, ctx) ->
                        new Source(
                            rs.getString("staff_id"),
                            rs.getString("source"),
                            rs.getInt("failures"),
                            Rows.instant(rs, "blocked_until"),
                            rs.getInt("known") == 1))
                .findOne());
  }

  @Override
  public void saveSource(Source s) {
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO staff_credential_sources VALUES (:id, :src, :f, :until, :k)"
                        + " ON CONFLICT (staff_id, source) DO UPDATE SET failures = :f,"
                        + " blocked_until = :until, known = :k")
                .bind("id", s.staffId())
                .bind("src", s.source())
                .bind("f", s.failures())
                .bind("until", Rows.micros(s.blockedUntil()))
                .bind("k", s.known() ? 1 : 0)
                .execute());
  }

  @Override
  public void clearSources(String staffId) {
    work.with(
        h ->
            h.createUpdate("DELETE FROM staff_credential_sources WHERE staff_id = :id")
                .bind("id", staffId)
                .execute());
  }

  /** The port's check and count, as one unit of work (joining the caller's, if one runs). */
  @Override
  public Attempt attempt(LoginAttempt a, SecretCheck check, Staff staff) {
    return work.run(() -> Credentials.super.attempt(a, check, staff));
  }

  /** The port's change of secrets, as one unit of work. */
  @Override
  public void setSecrets(String staffId, Optional<String> passwordHash, Optional<String> pinHash) {
    work.run(
        () -> {
          Credentials.super.setSecrets(staffId, passwordHash, pinHash);
          return null;
        });
  }

  /** The port's next token version, as one unit of work. */
  @Override
  public void nextTokenVersion(String staffId) {
    work.run(
        () -> {
          Credentials.super.nextTokenVersion(staffId);
          return null;
        });
  }

  /** The port's lock or unlock, as one unit of work. */
  @Override
  public void setLocked(String staffId, boolean lock, String by) {
    work.run(
        () -> {
          Credentials.super.setLocked(staffId, lock, by);
          return null;
        });
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}
