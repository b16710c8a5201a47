package io.vruksha.retail.till;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * {@link TillMain} in a JVM of its own (the test's class path), its standard output collected line
 * by line as it comes, so a test can kill it ({@code kill -9}: {@link Process#destroyForcibly} on
 * Linux) at any moment and know which sales it had reported complete.
 */
final class TillProcess implements AutoCloseable {

  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Thread reader;

  private TillProcess(Process process) {
    this.process = process;
    this.reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  lines.add(line);
                }
              } catch (IOException killed) {
                // the process went away mid-line: what was read stays
              }
            },
            "till-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code TillMain args}, its standard error appended to {@code stderr}. */
  static TillProcess start(Path stderr, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1"); // a till sells a few sales a second: start fast
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(TillMain.class.getName());
    command.addAll(List.of(args));
    try {
      return new TillProcess(
          new ProcessBuilder(command)
              .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
              .start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines printed so far. */
  List<String> lines() {
    return List.copyOf(lines);
  }

  /** The receipt numbers of the sales reported complete so far ({@code SOLD <number>}). */
  List<String> sold() {
    return lines.stream().filter(l -> l.startsWith("SOLD ")).map(l -> l.substring(5)).toList();
  }

  /** Waits until it has reported {@code n} sales or {@code seconds} passed; whether it had. */
  boolean awaitSold(int n, long seconds) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      if (sold().size() >= n) {
        return true;
      }
      if (!process.isAlive() && !reader.isAlive()) {
        return sold().size() >= n;
      }
      Thread.sleep(20);
    }
    return false;
  }

  /** Kills it as a power cut would (SIGKILL) and waits for it to be gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
    reader.join(5_000);
  }

  /** Waits for it to end by itself; its exit code. */
  int await(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      kill();
      throw new IllegalStateException("the till did not end within " + seconds + " s: " + lines);
    }
    reader.join(5_000);
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
