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
 * What the private PostgreSQL servers of tests share: the server's programs ({@code initdb}, {@code
 * pg_ctl}, ...) found through {@code PG_BIN}, else {@code pg_config --bindir}, else the newest
 * {@code /usr/lib/postgresql/N/bin}; run as the {@code postgres} user when the tests run as root
 * (PostgreSQL refuses to run as root), in a temporary folder that user owns.
 */
final class PgCommands {

  private final Path bin;
  private final boolean asPostgres;

  private PgCommands(Path bin, boolean asPostgres) {
    this.bin = bin;
    this.asPostgres = asPostgres;
  }

  /** The programs of this machine's PostgreSQL, run as the right user. */
  static PgCommands find() {
    try {
      return new PgCommands(binaries(), "root".equals(System.getProperty("user.name")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new temporary folder the server's user may write. */
  Path temporaryFolder(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      if (asPostgres) {
        UserPrincipal postgres =
            dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        Files.setOwner(dir, postgres);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code program} with {@code args}; throws with its output if it fails. */
  void run(String program, String... args) {
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

  /** Starts the cluster in {@code data} on {@code port}, its socket in {@code dir}. */
  void start(Path data, Path log, Path dir, int port) {
    run(
        "pg_ctl",
        "-D",
        data.toString(),
        "-l",
        log.toString(),
        "-w",
        "-t",
        "60",
        "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=200",
        "start");
  }

  /** A free loopback port. */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes {@code dir} and everything in it, as far as it can. */
  static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory; the OS cleans up what is left
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
