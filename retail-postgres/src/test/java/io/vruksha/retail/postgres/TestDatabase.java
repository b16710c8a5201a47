package io.vruksha.retail.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * One database per test run, on the server {@code DB_HOST}/{@code DB_PORT} (default 127.0.0.1:5432)
 * as {@code DB_USER} (default postgres): created and migrated on first use, emptied before each
 * test, dropped when the JVM exits. Runs never collide, and a missing server fails the run rather
 * than skipping it.
 */
public final class TestDatabase {

  private static PostgresDatabase shared;
  private static String appRole;

  private TestDatabase() {}

  /** The run's database, emptied. */
  public static synchronized PostgresDatabase fresh() {
    if (shared == null) {
      shared = create();
    }
    truncate(shared);
    return shared;
  }

  /**
   * A second pool on the run's database (not emptied), for tests that need several processes' worth
   * of pools. Call {@link #fresh()} first.
   */
  public static synchronized PostgresDatabase anotherPool() {
    return anotherPool(16);
  }

  /** As {@link #anotherPool()}, of {@code size} connections. */
  public static synchronized PostgresDatabase anotherPool(int size) {
    return PostgresDatabase.connect(shared.config().withPoolSize(size));
  }

  /**
   * How the application connects to the run's database, as docs/security.md sets it up: a login
   * role of this run's own (roles are cluster-wide, so parallel runs never share one) that is a
   * member of {@code vruksha_app}, neither superuser nor owner, under row-level security. Created
   * on first use, dropped with the database. Call {@link #fresh()} first.
   */
  public static synchronized PostgresConfig appConfig() {
    if (appRole == null) {
      String role =
          "vruksha_it_app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      shared.jdbi().useHandle(h -> h.execute("CREATE ROLE " + role + " LOGIN IN ROLE vruksha_app"));
      appRole = role;
    }
    PostgresConfig owner = shared.config();
    return new PostgresConfig(
        owner.host(), owner.port(), owner.database(), appRole, "", owner.sslMode(), 4);
  }

  /** A pool on the run's database as the application role ({@link #appConfig()}). */
  public static synchronized PostgresDatabase appPool() {
    return PostgresDatabase.connect(appConfig());
  }

  private static PostgresDatabase create() {
    PostgresConfig admin =
        PostgresConfig.from(System.getenv()).withDatabase("postgres").withPoolSize(4);
    String name = "vruksha_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(admin, "CREATE DATABASE " + name);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (shared != null) {
                    shared.close();
                  }
                  execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                  if (appRole != null) {
                    execute(admin, "DROP ROLE IF EXISTS " + appRole);
                  }
                }));
    PostgresDatabase db = PostgresDatabase.connect(admin.withDatabase(name).withPoolSize(40));
    db.migrate();
    return db;
  }

  private static void truncate(PostgresDatabase db) {
    db.jdbi()
        .useHandle(
            h -> {
              String tables =
                  String.join(
                      ", ",
                      h.createQuery(
                              "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                                  + " AND tablename <> 'flyway_schema_history'")
                          .mapTo(String.class)
                          .list());
              h.execute("TRUNCATE " + tables + " RESTART IDENTITY CASCADE");
            });
  }

  private static void execute(PostgresConfig config, String sql) {
    try (Connection c =
            DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL at "
              + config.host()
              + ":"
              + config.port()
              + " is needed for the integration tests"
              + " (scripts/services.sh start): "
              + e.getMessage(),
          e);
    }
  }
}
