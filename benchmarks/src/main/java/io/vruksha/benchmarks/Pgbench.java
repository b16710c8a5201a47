package io.vruksha.benchmarks;

import io.vruksha.retail.postgres.PostgresConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's own pgbench on the same server, the baselines of the checkout runs: TPC-B (like) on
 * a database of its own ({@link #init}), and {@code sqlfloor} ({@link #sqlfloor}), the SQL of one
 * 3-line checkout replayed on the engine's own database with no engine in between.
 */
final class Pgbench implements AutoCloseable {

  private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

  private final BenchDatabase db;
  private final List<String> script;
  private final boolean owned;

  private Pgbench(BenchDatabase db, List<String> script, boolean owned) {
    this.db = db;
    this.script = script;
    this.owned = owned;
  }

  private Pgbench(BenchDatabase db) {
    this(db, List.of(), true);
  }

  /**
   * The checkout's own SQL ({@code sqlfloor.sql}: the statements, values and sizes of one 3-line
   * checkout, captured before the sale-storage change) on the engine's database {@code db}, seeded
   * with the bench stores; client i sells in store {@code bench-(i mod 8)}. Closing it leaves
   * {@code db} open.
   */
  static Pgbench sqlfloor(BenchDatabase db) {
    try (InputStream in = Pgbench.class.getResourceAsStream("sqlfloor.sql")) {
      if (in == null) {
        throw new IllegalStateException("sqlfloor.sql is missing from the benchmarks jar");
      }
      Path file = Files.createTempFile("sqlfloor", ".sql");
      file.toFile().deleteOnExit();
      Files.write(file, in.readAllBytes());
      return new Pgbench(db, List.of("-f", file.toString()), false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
        runWith(
            List.of(
                "-n",
                "-M",
                "prepared",
                "-c",
                Integer.toString(clients),
                "-j",
                Integer.toString(Math.min(clients, 8)),
                "-T",
                Integer.toString(seconds)),
            script);
    Matcher m = TPS.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("pgbench printed no tps: " + out);
    }
    return Double.parseDouble(m.group(1));
  }

  private String runWith(List<String> args, List<String> more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(more);
    return run(all);
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
    if (owned) {
      db.close();
    }
  }
}
