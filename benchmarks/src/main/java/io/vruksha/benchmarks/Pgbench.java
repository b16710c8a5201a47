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
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;

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
   * The schema {@code sqlfloor.sql} was captured on: the migrations up to this version, before the
   * sale-storage change (V25 made the outbox one row per unit of work, V26 turned {@code invoices}
   * and {@code payments} into views that take no {@code ON CONFLICT}).
   */
  static final String FLOOR_SCHEMA = "24";

  /** The tables whose shape changed after {@link #FLOOR_SCHEMA}, or that a seed leaves empty. */
  private static final List<String> NOT_COPIED =
      List.of(
          "flyway_schema_history",
          "outbox",
          "invoices",
          "invoice_rows",
          "payments",
          "payment_rows",
          "fiscal_journal",
          "pos_transactions");

  /**
   * The checkout's own SQL ({@code sqlfloor.sql}: the statements, values and sizes of one 3-line
   * checkout, captured before the sale-storage change) on a database of its own, migrated to {@link
   * #FLOOR_SCHEMA} (the schema the script was captured on) and holding the seeded data of the
   * engine's database {@code seeded} (stores, catalogue, prices, tax, stock: copied with {@code
   * pg_dump --data-only}); client i sells in store {@code bench-(i mod 8)}. Closing it drops its
   * database and leaves {@code seeded} open.
   */
  static Pgbench sqlfloor(Map<String, String> env, BenchDatabase seeded) {
    BenchDatabase floor = BenchDatabase.create(env, "vruksha_floor");
    try (InputStream in = Pgbench.class.getResourceAsStream("sqlfloor.sql")) {
      if (in == null) {
        throw new IllegalStateException("sqlfloor.sql is missing from the benchmarks jar");
      }
      PostgresConfig c = floor.config;
      Flyway.configure()
          .dataSource(c.jdbcUrl(), c.user(), c.password())
          .target(MigrationVersion.fromVersion(FLOOR_SCHEMA))
          .load()
          .migrate();
      Path data = Files.createTempFile("sqlfloor-seed", ".sql");
      try {
        List<String> dump =
            new ArrayList<>(List.of("pg_dump", "--data-only", "--disable-triggers"));
        NOT_COPIED.forEach(t -> dump.addAll(List.of("-T", t)));
        dump.addAll(List.of("-f", data.toString()));
        tool(seeded.config, dump);
        tool(c, List.of("psql", "-q", "-v", "ON_ERROR_STOP=1", "-f", data.toString()));
      } finally {
        Files.deleteIfExists(data);
      }
      Path file = Files.createTempFile("sqlfloor", ".sql");
      file.toFile().deleteOnExit();
      Files.write(file, in.readAllBytes());
      return new Pgbench(floor, List.of("-f", file.toString()), true);
    } catch (IOException | RuntimeException e) {
      floor.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  /** Runs a PostgreSQL client tool ({@code pg_dump}, {@code psql}) on {@code c}'s database. */
  private static void tool(PostgresConfig c, List<String> args) {
    List<String> cmd = new ArrayList<>(args);
    cmd.addAll(
        List.of("-h", c.host(), "-p", Integer.toString(c.port()), "-U", c.user(), c.database()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("PGPASSWORD", c.password());
    try {
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException(args.get(0) + " failed: " + out);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + args.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
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
