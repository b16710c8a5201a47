package io.vruksha.retail.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A PostgreSQL server of a test's own: a cluster made with {@code initdb} in a temporary directory,
 * on a free port, that a test can crash and start again while the shared server stays up. Found
 * through {@code PG_BIN}, else {@code pg_config --bindir}, else the newest {@code
 * /usr/lib/postgresql/N/bin}. Run as root, the cluster belongs to (and its commands run as) the
 * {@code postgres} user, as PostgreSQL refuses to run as root.
 */
public final class PrivatePostgres implements AutoCloseable {

  private final PgCommands pg;
  private final Path dir;
  private final Path data;
  private final int port;
  private boolean running;

  private PrivatePostgres(PgCommands pg, Path dir, int port) {
    this.pg = pg;
    this.dir = dir;
    this.data = dir.resolve("data");
    this.port = port;
  }

  /** Makes a cluster and starts it. */
  public static PrivatePostgres start() {
    return start(Map.of());
  }

  /**
   * Makes a cluster with {@code settings} added to its {@code postgresql.conf} (name to value, as
   * written there: {@code shared_buffers -> '1GB'}) and starts it.
   */
  public static PrivatePostgres start(Map<String, String> settings) {
    PgCommands commands = PgCommands.find();
    PrivatePostgres pg =
        new PrivatePostgres(
            commands, commands.temporaryFolder("vruksha-pg"), PgCommands.freePort());
    commands.run(
        "initdb",
        "-D",
        pg.data.toString(),
        "-U",
        "postgres",
        "-A",
        "trust",
        "-E",
        "UTF8",
        "--no-sync");
    if (!settings.isEmpty()) {
      StringBuilder conf = new StringBuilder("\n# set by PrivatePostgres.start\n");
      settings.forEach((k, v) -> conf.append(k).append(" = ").append(v).append('\n'));
      try {
        Files.writeString(
            pg.data.resolve("postgresql.conf"), conf.toString(), StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    pg.startAgain();
    return pg;
  }

  /** Starts the server again (after {@link #crash()} or {@link #stop()}): it recovers from WAL. */
  public void startAgain() {
    pg.start(data, dir.resolve("server.log"), dir, port);
    running = true;
  }

  /** Kills the server as a power cut would ({@code pg_ctl stop -m immediate}). */
  public void crash() {
    pg.run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
    running = false;
  }

  /** Stops the server cleanly ({@code pg_ctl stop -m fast}). */
  public void stop() {
    pg.run("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop");
    running = false;
  }

  /** A configuration for {@code database} on this server, as user postgres. */
  public PostgresConfig config(String database) {
    return new PostgresConfig("127.0.0.1", port, database, "postgres", "", "disable", 10);
  }

  /** Its port. */
  public int port() {
    return port;
  }

  @Override
  public void close() {
    if (running) {
      try {
        pg.run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
      } catch (RuntimeException ignored) {
        // already down
      }
    }
    PgCommands.deleteTree(dir);
  }
}
