package io.vruksha.benchmarks;

import io.vruksha.retail.postgres.PrivatePostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PostgreSQL server the database benchmarks run on. By default a cluster of their own ({@code
 * initdb} in a temporary folder, on a free port, stopped and deleted at the end) with the settings
 * docs/operations.md gives for production: autovacuum on (a machine's development server may run
 * with it off, and then the queue tables fill with dead rows and the figures fall within minutes),
 * a quarter of memory up to 4 GB for shared buffers, durable commits. {@code BENCH_POSTGRES=shared}
 * uses the {@code DB_*} server as it is instead.
 */
final class BenchPostgres implements AutoCloseable {

  /** The settings of the private cluster, as written in its postgresql.conf. */
  static final Map<String, String> PRODUCTION = production();

  private final PrivatePostgres cluster;
  private final Map<String, String> env;

  private BenchPostgres(PrivatePostgres cluster, Map<String, String> env) {
    this.cluster = cluster;
    this.env = env;
  }

  /** The server {@code env} asks for: a private one unless {@code BENCH_POSTGRES=shared}. */
  static BenchPostgres start(Map<String, String> env) {
    if ("shared".equals(env.get("BENCH_POSTGRES"))) {
      System.out.println("postgres=shared");
      return new BenchPostgres(null, env);
    }
    PrivatePostgres cluster = PrivatePostgres.start(PRODUCTION);
    Map<String, String> own = new HashMap<>(env);
    own.put("DB_HOST", "127.0.0.1");
    own.put("DB_PORT", Integer.toString(cluster.port()));
    own.put("DB_USER", "postgres");
    own.put("DB_PASSWORD", "");
    own.put("DB_SSLMODE", "disable");
    System.out.println("postgres=private(port " + cluster.port() + ", " + PRODUCTION + ")");
    return new BenchPostgres(cluster, own);
  }

  /** The environment the benchmarks connect with ({@code DB_*} pointing at the server). */
  Map<String, String> env() {
    return env;
  }

  private static Map<String, String> production() {
    long mib = Math.min(4096, osMemoryMib() / 4);
    Map<String, String> s = new LinkedHashMap<>();
    s.put("autovacuum", "on");
    s.put("shared_buffers", "'" + Math.max(128, mib) + "MB'");
    s.put("max_connections", "300");
    s.put("synchronous_commit", "on");
    s.put("fsync", "on");
    s.put("max_wal_size", "'4GB'");
    s.put("checkpoint_timeout", "'15min'");
    return s;
  }

  private static long osMemoryMib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: the default below
    }
    return 2048;
  }

  @Override
  public void close() {
    if (cluster != null) {
      cluster.close();
    }
  }
}
