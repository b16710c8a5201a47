package io.vruksha.retail.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vruksha.retail.UnavailableException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;

/**
 * A pooled connection to the engine's PostgreSQL database: HikariCP for the pool, Flyway for the
 * schema, Jdbi for queries. One per process; thread-safe; close it on shutdown.
 */
public final class PostgresDatabase implements AutoCloseable {

  private final PostgresConfig config;
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final PostgresUnitOfWork work;

  private PostgresDatabase(PostgresConfig config) {
    this.config = config;
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(config.jdbcUrl());
    hikari.setUsername(config.user());
    hikari.setPassword(config.password());
    hikari.setMaximumPoolSize(config.poolSize());
    hikari.setPoolName("vruksha-" + config.database());
    hikari.setAutoCommit(true);
    // every connection is Read Committed from the start, so a unit of work need not ask the
    // server for the level (pgjdbc's getTransactionIsolation is a round trip) or set it again
    hikari.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    // a unit of work waits at most this long for a connection, then is answered 503; shorter
    // tells tills of a database outage sooner, longer lets a deep queue of requests wait its turn
    hikari.setConnectionTimeout(config.connectTimeoutSeconds() * 1_000L);
    try {
      this.dataSource = new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      throw new UnavailableException(
          "cannot connect to PostgreSQL at "
              + String.join(",", config.hosts())
              + "/"
              + config.database(),
          e);
    }
    this.jdbi = Jdbi.create(dataSource);
    this.work = new PostgresUnitOfWork(jdbi);
  }

  /** Connects to the configured database. */
  public static PostgresDatabase connect(PostgresConfig config) {
    return new PostgresDatabase(config);
  }

  /** Brings the schema up to date; a no-op when it already is. Returns the migrations applied. */
  public int migrate() {
    try {
      return Flyway.configure().dataSource(dataSource).load().migrate().migrationsExecuted;
    } catch (FlywayException e) {
      throw new UnavailableException(
          "migrating " + config.database() + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * The migrations not yet applied, by version: what {@link #migrate()} would apply. Reads Flyway's
   * history only, so the application role may ask.
   */
  public List<String> pendingMigrations() {
    try {
      return Arrays.stream(Flyway.configure().dataSource(dataSource).load().info().pending())
          .map(m -> m.getVersion() + " " + m.getDescription())
          .toList();
    } catch (FlywayException e) {
      throw new UnavailableException(
          "reading the schema's history of " + config.database() + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Why the connected role is more than the application needs, if it is: a superuser, a role that
   * bypasses row-level security, or the owner (or a member of the owner) of the schema's tables.
   * Empty for a login role in {@code vruksha_app} that is none of these.
   */
  public Optional<String> privilegedRole() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT current_user AS who, r.rolsuper, r.rolbypassrls,"
                        + " (SELECT min(t.tableowner) FROM pg_tables t"
                        + "   WHERE t.schemaname = current_schema()"
                        + "   AND pg_has_role(current_user, t.tableowner, 'USAGE')) AS owner"
                        + " FROM pg_roles r WHERE r.rolname = current_user")
                .map(
                    (rs, ctx) -> {
                      String who = rs.getString("who");
                      if (rs.getBoolean("rolsuper")) {
                        return Optional.of(who + " is a superuser");
                      }
                      if (rs.getBoolean("rolbypassrls")) {
                        return Optional.of(who + " bypasses row-level security");
                      }
                      String owner = rs.getString("owner");
                      if (owner != null) {
                        return Optional.of(
                            owner.equals(who)
                                ? who + " owns the schema's tables"
                                : who + " acts as " + owner + ", who owns the schema's tables");
                      }
                      return Optional.<String>empty();
                    })
                .one());
  }

  /** The configuration. */
  public PostgresConfig config() {
    return config;
  }

  /** Jdbi over the pool. */
  public Jdbi jdbi() {
    return jdbi;
  }

  /**
   * Reports the pool's metrics (connections active, idle and pending, acquire and usage times: the
   * time units of work hold a connection) to {@code registry}, a Micrometer {@code MeterRegistry}
   * (HikariCP's own binding).
   */
  public void reportMetricsTo(Object registry) {
    dataSource.setMetricRegistry(registry);
  }

  /** The unit of work every Postgres adapter of this database joins. */
  public PostgresUnitOfWork unitOfWork() {
    return work;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
