package io.vruksha.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time used by the processes a benchmark involves, read from {@code /proc/PID/stat}, user and
 * system time in clock ticks: this JVM ({@code java}), and every PostgreSQL ({@code postgres}) and
 * nats-server ({@code nats}) process on the machine, so nothing else should run beside the
 * benchmark. A process that ends between two readings loses its ticks. Off Linux, nothing is read
 * and nothing is reported.
 */
final class ProcessCpu {

  /** Clock ticks per second ({@code getconf CLK_TCK}), 100 on every Linux we run on. */
  private static final long TICKS_PER_SECOND = 100;

  private ProcessCpu() {}

  /** An empty tally for each named phase. */
  static Map<String, Map<String, Long>> phases(String... names) {
    Map<String, Map<String, Long>> phases = new LinkedHashMap<>();
    for (String name : names) {
      phases.put(name, new TreeMap<>());
    }
    return phases;
  }

  /** Ticks used so far by {@code java}, {@code postgres} and {@code nats}, by process name. */
  static Map<String, Long> read() {
    String self = Long.toString(ProcessHandle.current().pid());
    Map<String, Long> ticks = new TreeMap<>();
    Path proc = Path.of("/proc");
    if (!Files.isDirectory(proc)) {
      return ticks;
    }
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, "[0-9]*")) {
      for (Path pid : pids) {
        String stat;
        try {
          stat = Files.readString(pid.resolve("stat"));
        } catch (IOException gone) {
          continue; // the process ended while we looked
        }
        // pid (comm) state ppid ... utime stime: comm may hold spaces, so split after ')'
        String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        String name =
            comm.startsWith("postgres")
                ? "postgres"
                : comm.startsWith("nats")
                    ? "nats"
                    : pid.getFileName().toString().equals(self) ? "java" : null;
        if (name != null) {
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          ticks.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
        }
      }
    } catch (IOException e) {
      return new TreeMap<>();
    }
    return ticks;
  }

  /** Adds what each process used between {@code from} and {@code to} to {@code tally}. */
  static void add(Map<String, Long> tally, Map<String, Long> from, Map<String, Long> to) {
    to.forEach((name, t) -> tally.merge(name, t - from.getOrDefault(name, 0L), Long::sum));
  }

  /** Ticks as microseconds. */
  static long micros(long ticks) {
    return ticks * 1_000_000 / TICKS_PER_SECOND;
  }
}
