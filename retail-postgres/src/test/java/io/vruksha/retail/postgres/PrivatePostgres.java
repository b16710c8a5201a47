package io.vruksha.retail.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of a test's own: a cluster made with {@code initdb} in a temporary directory,
 * on a free port, that a test can crash and start again while the shared server stays up. Found
 * through {@code PG_BIN}, else {@code pg_config --bindir}, else the newest {@code
 * /usr/lib/postgresql/N/bin}. Run as root, the cluster belongs to (and its commands run as) the
 * {@code postgres} user, as PostgreSQL refuses to run as root.
 */
public final class PrivatePostgres implements AutoCloseable {

  private final Path bin;
  private final Path dir;
  private final Path data;
  private final int port;
  private final boolean asPostgres;
  private boolean running;

  private PrivatePostgres(Path bin, Path dir, int port, boolean asPostgres) {
    this.bin = bin;
    this.dir = dir;
    this.data = dir.resolve("data");
    this.port = port;
    this.asPostgres = asPostgres;
  }

  /** Makes a cluster and starts it. */
  public static PrivatePostgres start() {
    try {
      boolean root = "root".equals(System.getProperty("user.name"));
      Path dir = Files.createTempDirectory("vruksha-pg");
      if (root) {
        UserPrincipal postgres =
            dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        Files.setOwner(dir, postgres);
      }
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      PrivatePostgres pg = new PrivatePostgres(binaries(), dir, port, root);
      pg.run(
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
      pg.startAgain();
      return pg;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the server again (after {@link #crash()} or {@link #stop()}): it recovers from WAL. */
  public void startAgain() {
    run(
        "pg_ctl",
        "-D",
        data.toString(),
        "-l",
        dir.resolve("server.log").toString(),
        "-w",
        "-t",
        "60",
        "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=200",
        "start");
    running = true;
  }

  /** Kills the server as a power cut would ({@code pg_ctl stop -m immediate}). */
  public void crash() {
    run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
    running = false;
  }

  /** Stops the server cleanly ({@code pg_ctl stop -m fast}). */
  public void stop() {
    run("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop");
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
        run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
      } catch (RuntimeException ignored) {
        // already down
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory; the OS cleans up what is left
    }
  }

  private void run(String program, String... args) {
    List<String> command = new ArrayList<>();
    if (asPostgres) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(bin.resolve(program).toString());
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (p.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path binaries() throws IOException {
    String fromEnv = System.getenv("PG_BIN");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    try {
      Process p = new ProcessBuilder("pg_config", "--bindir").start();
      String out = new String(p.getInputStream().readAllBytes()).strip();
      if (p.waitFor() == 0 && Files.isExecutable(Path.of(out, "initdb"))) {
        return Path.of(out);
      }
    } catch (IOException | InterruptedException notThere) {
      // look in the Debian layout
    }
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
          .orElseThrow(() -> new IllegalStateException("no initdb: set PG_BIN"));
    }
  }
}
