package io.vruksha.retail.postgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * A PostgreSQL primary and a synchronous streaming replica of a test's own, on free loopback ports
 * ({@code initdb}, {@code pg_basebackup -R -X stream}, {@code synchronous_standby_names = '*'}: a
 * commit is acknowledged once the replica has it), in a temporary folder, found and run as {@link
 * PrivatePostgres} is. A test promotes the replica and stops the primary, as an operator or {@code
 * pg_auto_failover} would.
 */
public final class PrivatePostgresPair implements AutoCloseable {

  private final PgCommands pg = PgCommands.find();
  private final Path dir = pg.temporaryFolder("vruksha-pg-pair");
  private final int primaryPort = PgCommands.freePort();
  private final int replicaPort = PgCommands.freePort();
  private boolean primaryUp;
  private boolean replicaUp;

  /** Makes both and starts them; returns once the replica is synchronous. */
  public static PrivatePostgresPair start() throws SQLException, InterruptedException {
    PrivatePostgresPair pair = new PrivatePostgresPair();
    try {
      pair.startBoth();
      return pair;
    } catch (RuntimeException | SQLException | InterruptedException e) {
      pair.close();
      throw e;
    }
  }

  private PrivatePostgresPair() {}

  private void startBoth() throws SQLException, InterruptedException {
    Path p = dir.resolve("primary");
    Path r = dir.resolve("replica");
    pg.run(
        "initdb", "-D", p.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync");
    pg.start(p, dir.resolve("primary.log"), dir, primaryPort);
    primaryUp = true;
    pg.run(
        "pg_basebackup",
        "-h",
        "127.0.0.1",
        "-p",
        Integer.toString(primaryPort),
        "-U",
        "postgres",
        "-D",
        r.toString(),
        "-R",
        "-X",
        "stream",
        "-c",
        "fast");
    pg.start(r, dir.resolve("replica.log"), dir, replicaPort);
    replicaUp = true;
    // from now on a commit is acknowledged once the replica has it
    try (Connection c =
        DriverManager.getConnection(config(primaryPort, "postgres").jdbcUrl(), "postgres", "")) {
      c.createStatement().execute("ALTER SYSTEM SET synchronous_standby_names = '*'");
      c.createStatement().execute("SELECT pg_reload_conf()");
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (true) {
        ResultSet rs =
            c.createStatement()
                .executeQuery("SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'sync'");
        rs.next();
        if (rs.getInt(1) == 1) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the replica did not become synchronous in 30 s");
        }
        Thread.sleep(200);
      }
    }
  }

  /** The primary's port. */
  public int primaryPort() {
    return primaryPort;
  }

  /** The replica's port. */
  public int replicaPort() {
    return replicaPort;
  }

  /** A configuration for {@code database} on the server at {@code port}, as user postgres. */
  public PostgresConfig config(int port, String database) {
    return new PostgresConfig("127.0.0.1", port, database, "postgres", "", "disable", 4);
  }

  /** Promotes the replica ({@code pg_ctl promote}, waiting until it is a primary). */
  public void promoteReplica() {
    pg.run("pg_ctl", "-D", dir.resolve("replica").toString(), "-w", "promote");
  }

  /** Stops the old primary at once ({@code pg_ctl stop -m immediate}). */
  public void stopPrimary() {
    pg.run("pg_ctl", "-D", dir.resolve("primary").toString(), "-m", "immediate", "-w", "stop");
    primaryUp = false;
  }

  @Override
  public void close() {
    for (String node : List.of("primary", "replica")) {
      if (node.equals("primary") ? primaryUp : replicaUp) {
        try {
          pg.run("pg_ctl", "-D", dir.resolve(node).toString(), "-m", "immediate", "-w", "stop");
        } catch (RuntimeException ignored) {
          // already down
        }
      }
    }
    PgCommands.deleteTree(dir);
  }
}
