package io.vruksha.retail.sqlite;

import io.vruksha.retail.UnavailableException;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import org.sqlite.Collation;
import org.sqlite.SQLiteConnection;

/**
 * The collation {@code JAVA} on the store's connection: text ordered as {@link String#compareTo}
 * orders it (UTF-16 code units), which is how the in-memory adapters sort ids. SQLite's own {@code
 * BINARY} orders UTF-8 bytes, which puts characters above U+FFFF after U+E000..U+FFFF where Java
 * puts them before. Queries that order by an id say {@code ORDER BY id COLLATE JAVA}; the schema
 * does not use it, so the file opens in any SQLite tool.
 */
final class JavaCollation {

  static final String NAME = "JAVA";

  /** The stores' connections that have it already: once per connection. */
  private static final Set<SqliteUnitOfWork> REGISTERED =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  private JavaCollation() {}

  /** Registers the collation on {@code work}'s connection, unless it has it already. */
  static void register(SqliteUnitOfWork work) {
    if (REGISTERED.contains(work)) {
      return;
    }
    work.with(
        h -> {
          try {
            Collation.create(
                h.getConnection().unwrap(SQLiteConnection.class),
                NAME,
                new Collation() {
                  @Override
                  protected int xCompare(String a, String b) {
                    return a.compareTo(b);
                  }
                });
            REGISTERED.add(work);
            return null;
          } catch (SQLException e) {
            throw new UnavailableException("cannot register the collation " + NAME + ": " + e, e);
          }
        });
  }
}
