package io.vruksha.retail.sqlite;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How values are kept in SQLite, in one place: amounts as decimal strings (SQLite's REAL would
 * round them, and its NUMERIC affinity too), instants as microseconds since the epoch (the engine's
 * precision, as PostgreSQL keeps them).
 */
final class SqliteValues {

  private SqliteValues() {}

  static String decimal(BigDecimal amount) {
    return amount.toPlainString();
  }

  static BigDecimal decimal(String stored) {
    return new BigDecimal(stored);
  }

  static long micros(Instant at) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, at);
  }

  static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }
}
