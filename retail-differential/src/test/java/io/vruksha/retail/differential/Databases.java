package io.vruksha.retail.differential;

import io.vruksha.retail.postgres.PostgresConfig;
import io.vruksha.retail.postgres.PostgresDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The run's two databases on {@code DB_HOST}/{@code DB_PORT} (default 127.0.0.1:5432): one for the
 * engine on the PostgreSQL adapters, one for the server. Created and migrated on first use, emptied
 * before each sequence, dropped when the JVM exits. The server connects as operators run it: as a
 * login role of the run's own in {@code vruksha_app}, neither superuser nor owner, so row-level
 * security applies (docs/security.md); migrating, emptying and the command line use the owner. A
 * missing server fails the run (CI included) rather than skipping it.
 */
final class Databases {

  private static PostgresDatabase engine;
  private static PostgresDatabase server;
  private static PostgresDatabase serverApp;

  private Databases() {}

  /**
   * The server's database as the application role: a pool kept for the run (emptied with {@link
   * #server()}, which must come first).
   */
  static synchronized PostgresDatabase serverAsApplication() {
    if (serverApp == null) {
      PostgresConfig owner = server.config();
      PostgresConfig admin = owner.withDatabase("postgres").withPoolSize(2);
      String role =
          "vruksha_diff_app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
      // roles are cluster-wide: a run's own, so parallel runs never share one
      execute(admin, "CREATE ROLE " + role + " LOGIN IN ROLE vruksha_app");
      PostgresDatabase app =
          PostgresDatabase.connect(
              new PostgresConfig(
                  owner.host(), owner.port(), owner.database(), role, "", owner.sslMode(), 6));
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    app.close();
                    execute(admin, "DROP ROLE IF EXISTS " + role);
                  }));
      serverApp = app;
    }
    return serverApp;
  }

  /** The engine's database, emptied. */
  static synchronized PostgresDatabase engine() {
    if (engine == null) {
      engine = create("engine");
    }
    truncate(engine);
    return engine;
  }

  /** The server's database, emptied. */
  static synchronized PostgresDatabase server() {
    if (server == null) {
      server = create("server");
    }
    truncate(server);
    return server;
  }

  private static PostgresDatabase create(String role) {
    PostgresConfig admin =
        PostgresConfig.from(System.getenv()).withDatabase("postgres").withPoolSize(2);
    String name =
        "vruksha_diff_"
            + role
            + "_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    execute(admin, "CREATE DATABASE " + name);
    PostgresDatabase db = PostgresDatabase.connect(admin.withDatabase(name).withPoolSize(6));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  db.close();
                  execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                }));
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

  /**
   * Runs {@code sql} on a connection of its own. The machine's PostgreSQL is shared with other test
   * runs: "too many clients" (53300) is waited out, up to 30 s; any other failure is final.
   */
  private static void execute(PostgresConfig config, String sql) {
    for (int attempt = 1; ; attempt++) {
      try {
        executeOnce(config, sql);
        return;
      } catch (IllegalStateException e) {
        if (attempt == 30
            || !(e.getCause() instanceof SQLException s && "53300".equals(s.getSQLState()))) {
          throw e;
        }
        try {
          Thread.sleep(1_000);
        } catch (InterruptedException stop) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static void executeOnce(PostgresConfig config, String sql) {
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
              + " is needed for the differential tests (scripts/services.sh start): "
              + e.getMessage(),
          e);
    }
  }
}
