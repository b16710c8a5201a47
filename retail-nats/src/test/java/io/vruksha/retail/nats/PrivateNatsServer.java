package io.vruksha.retail.nats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A nats-server of a test's own, with JetStream, on a free port and a store directory of its own
 * (kept across restarts), so a test can stop and start it while the shared server stays up.
 */
public final class PrivateNatsServer implements AutoCloseable {

  private static final Path NATS_SERVER =
      Files.isExecutable(Path.of("/usr/sbin/nats-server"))
          ? Path.of("/usr/sbin/nats-server")
          : Path.of("nats-server");

  private final int port;
  private final Path store;
  private Process process;

  /** A server not yet started; {@link #start()} starts it. */
  public PrivateNatsServer() {
    try {
      port = freePort();
      store = Files.createTempDirectory("vruksha-nats-it");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Its port. */
  public int port() {
    return port;
  }

  /** Its client URL. */
  public String url() {
    return "nats://127.0.0.1:" + port;
  }

  /** Starts it and waits until it takes connections. */
  public void start() throws IOException, InterruptedException {
    process =
        startProcess(
            List.of(
                "-a", "127.0.0.1", "-p", Integer.toString(port), "-js", "-sd", store.toString()),
            store.resolve("server.log"),
            port);
  }

  /**
   * Starts nats-server with {@code args}, its output appended to {@code log}, and waits (at most 10
   * s) until it takes connections on {@code port}.
   */
  static Process startProcess(List<String> args, Path log, int port)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(NATS_SERVER.toString());
    command.addAll(args);
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return process;
      } catch (IOException notYet) {
        if (!process.isAlive()) {
          break;
        }
        Thread.sleep(50);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("nats-server did not start on port " + port + ": " + tail(log));
  }

  private static String tail(Path log) {
    try {
      String text = Files.readString(log);
      return text.substring(Math.max(0, text.length() - 2000));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** A free loopback port. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
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

  /** The end of its log, for a failing test's message. */
  public String logTail() {
    try {
      String log = Files.readString(store.resolve("server.log"));
      return log.substring(Math.max(0, log.length() - 3000));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Stops it the polite way (SIGTERM) and waits for it to exit. */
  public void stop() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  /**
   * Freezes it (SIGSTOP): its sockets stay open, so clients still think they are connected, but
   * nothing is answered until {@link #thaw()}.
   */
  public void freeze() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** Lets a frozen server run again (SIGCONT). */
  public void thaw() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
    }
  }

  /** Kills it (SIGKILL), as a crash would, and waits for it to exit. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
    deleteTree(store);
  }
}
