package io.vruksha.benchmarks;

import io.vruksha.retail.postgres.PostgresConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PostgreSQL's own pgbench (TPC-B like) on the same server: the baseline of the checkout runs. */
final class Pgbench implements AutoCloseable {

  private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

  private final BenchDatabase db;

  private Pgbench(BenchDatabase db) {
    this.db = db;
  }

  /** A pgbench database at scale 8 (8 branches, 800,000 accounts). */
  static Pgbench init(Map<String, String> env) {
    BenchDatabase db = BenchDatabase.create(env, "vruksha_pgbench");
    Pgbench p = new Pgbench(db);
    p.run(List.of("-i", "-q", "-s", "8"));
    return p;
  }

  /** Transactions per second at {@code clients} clients for {@code seconds}. */
  double tps(int clients, int seconds) {
    String out =
        run(
            List.of(
                "-n",
                "-M",
                "prepared",
                "-c",
                Integer.toString(clients),
                "-j",
                Integer.toString(Math.min(clients, 8)),
                "-T",
                Integer.toString(seconds)));
    Matcher m = TPS.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("pgbench printed no tps: " + out);
    }
    return Double.parseDouble(m.group(1));
  }

  private String run(List<String> args) {
    PostgresConfig c = db.config;
    List<String> cmd =
        new ArrayList<>(
            List.of("pgbench", "-h", c.host(), "-p", Integer.toString(c.port()), "-U", c.user()));
    cmd.addAll(args);
    cmd.add(c.database());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("PGPASSWORD", c.password());
    try {
      Process p = pb.start();
      StringBuilder out = new StringBuilder();
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          out.append(line).append('\n');
        }
      }
      if (p.waitFor() != 0) {
        throw new IllegalStateException("pgbench failed: " + out);
      }
      return out.toString();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run pgbench (install postgresql-contrib or postgresql): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    db.close();
  }
}
