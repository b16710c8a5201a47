package io.vruksha.retail.postgres;

import java.sql.SQLException;

/** What a PostgreSQL failure was, by its SQLSTATE: the one place the codes are compared. */
public final class SqlStates {

  /** PostgreSQL's SQLSTATE for a duplicate key. */
  public static final String UNIQUE_VIOLATION = "23505";

  private SqlStates() {}

  /** Whether {@code e}, or an exception it wraps, is a unique-constraint violation. */
  public static boolean uniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
