package io.vruksha.retail.sqlite;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Reading the columns that may be empty: SQLite's NULL as {@link Optional#empty()}. */
final class Rows {

  private Rows() {}

  /** The instant (microseconds since the epoch) in {@code column}, if not NULL. */
  static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
    long micros = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(SqliteValues.instant(micros));
  }

  /** The text in {@code column}, if not NULL. */
  static Optional<String> text(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(rs.getString(column));
  }

  /** {@code at} as microseconds since the epoch, or NULL. */
  static Long micros(Optional<Instant> at) {
    return at.map(SqliteValues::micros).orElse(null);
  }
}
