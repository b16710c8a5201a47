package io.vruksha.retail.postgres;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * A hot statement run with plain JDBC on a unit of work's connection ({@link
 * PostgresUnitOfWork#query}). Jdbi's statement machinery (its statement context, argument factories
 * and mappers) was a fifth of a checkout's CPU in the JVM; the statements every checkout sends skip
 * it. A row-level-security scope set just before the statement is sent with it: pgjdbc sends the
 * two statements of one prepared statement in one round trip.
 */
final class PlainStatement {

  /** Reads the rows of a statement's answer. */
  @FunctionalInterface
  interface Rows<T> {
    /** What the rows say; {@code rs} is before its first row. */
    T read(ResultSet rs) throws SQLException;
  }

  /** Sets the row-level-security scope in the same round trip as the statement it precedes. */
  private static final String SCOPE = "SELECT set_config('app.store_ids', ?, true); ";

  private PlainStatement() {}

  /**
   * Runs {@code sql} with {@code args} on {@code h}'s connection and reads its rows; {@code scope},
   * when not null, goes first into {@code app.store_ids}. Failures come as Jdbi's, as a statement
   * through Jdbi would fail.
   */
  static <T> T query(Handle h, String scope, String sql, Rows<T> rows, Object... args) {
    String text = scope == null ? sql : SCOPE + sql;
    try (PreparedStatement st = h.getConnection().prepareStatement(text)) {
      int first = 1;
      if (scope != null) {
        st.setString(first++, scope);
      }
      for (int i = 0; i < args.length; i++) {
        bind(st, first + i, args[i]);
      }
      st.execute();
      if (scope != null) {
        st.getMoreResults(); // past set_config's row, to the statement's own answer
      }
      T answer;
      try (ResultSet rs = st.getResultSet()) {
        answer = rows.read(rs);
      }
      logged(h, text);
      return answer;
    } catch (SQLException e) {
      throw new UnableToExecuteStatementException(e, null);
    }
  }

  /**
   * Tells Jdbi's statement logger, when one is set, of a statement sent (one round trip, its raw
   * text): the statement counts of the tests and the benchmarks keep counting every statement.
   */
  private static void logged(Handle h, String text) {
    SqlLogger logger = h.getConfig(SqlStatements.class).getSqlLogger();
    if (logger != SqlLogger.NOP_SQL_LOGGER) {
      try (Query q = h.createQuery(text)) {
        logger.logAfterExecution(q.getContext());
      }
    }
  }

  /** Binds {@code value} by its own type: no lookup of how to bind it. */
  static void bind(PreparedStatement st, int position, Object value) throws SQLException {
    if (value == null) {
      st.setNull(position, Types.OTHER); // typed by its column
    } else if (value instanceof String v) {
      st.setString(position, v);
    } else if (value instanceof BigDecimal v) {
      st.setBigDecimal(position, v);
    } else if (value instanceof Long v) {
      st.setLong(position, v);
    } else if (value instanceof Integer v) {
      st.setInt(position, v);
    } else if (value instanceof Timestamp v) {
      st.setTimestamp(position, v);
    } else if (value instanceof Boolean v) {
      st.setBoolean(position, v);
    } else if (value instanceof String[] v) {
      st.setArray(position, st.getConnection().createArrayOf("text", v));
    } else {
      st.setObject(position, value); // a UUID, for one
    }
  }
}
