package io.vruksha.retail.postgres;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where the database is, from the same variables as the server and the CLI: {@code DB_HOST DB_PORT
 * DB_NAME DB_USER DB_PASSWORD}, plus {@code DB_SSLMODE} (default {@code prefer}) and {@code
 * DB_POOL_SIZE} (default 10) and {@code DB_CONNECT_TIMEOUT} (seconds a request waits for a pool
 * connection before it is answered as unavailable; default 30).
 *
 * @param host the server's host, or several comma-separated ({@code h1,h2}, each optionally {@code
 *     host:port}) for a primary and its standbys: the driver connects to whichever is the primary
 *     ({@code targetServerType=primary}), so after a failover new connections find the new one
 * @param port its port
 * @param database the database name
 * @param user the user
 * @param password the password (may be empty with trust authentication)
 * @param sslMode the libpq SSL mode: disable, allow, prefer, require, verify-ca, verify-full
 * @param poolSize the connection pool's size
 * @param connectTimeoutSeconds how long a unit of work waits for a pool connection
 */
public record PostgresConfig(
    String host,
    int port,
    String database,
    String user,
    String password,
    String sslMode,
    int poolSize,
    int connectTimeoutSeconds) {

  /** A configuration with the default connection wait, 30 s. */
  public PostgresConfig(
      String host,
      int port,
      String database,
      String user,
      String password,
      String sslMode,
      int poolSize) {
    this(host, port, database, user, password, sslMode, poolSize, 30);
  }

  /** The configuration without its password, so that logging it or a failure can leak nothing. */
  @Override
  public String toString() {
    return "PostgresConfig[host="
        + host
        + ", port="
        + port
        + ", database="
        + database
        + ", user="
        + user
        + ", password="
        + (password.isEmpty() ? "" : "***")
        + ", sslMode="
        + sslMode
        + ", poolSize="
        + poolSize
        + ", connectTimeoutSeconds="
        + connectTimeoutSeconds
        + "]";
  }

  /** Validates the values with messages an operator can act on. */
  public PostgresConfig {
    Objects.requireNonNull(password, "password");
    if (host == null || host.isBlank()) {
      throw new InvalidInputException(ErrorCode.VALIDATION, "DB_HOST is empty");
    }
    for (String entry : host.split(",", -1)) {
      if (entry.isBlank()) {
        throw new InvalidInputException(
            ErrorCode.VALIDATION, "DB_HOST has an empty entry: " + host.strip());
      }
      int colon = entry.lastIndexOf(':');
      if (colon > 0 && !entry.strip().startsWith("[") && entry.indexOf(':') == colon) {
        String p = entry.substring(colon + 1).strip();
        if (!p.matches("[0-9]{1,5}") || Integer.parseInt(p) < 1 || Integer.parseInt(p) > 65_535) {
          throw new InvalidInputException(
              ErrorCode.VALIDATION, "DB_HOST entry " + entry.strip() + " has a bad port");
        }
      }
    }
    if (port < 1 || port > 65_535) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "DB_PORT must be 1 to 65535, was " + port);
    }
    if (database == null || database.isBlank() || user == null || user.isBlank()) {
      throw new InvalidInputException(ErrorCode.VALIDATION, "DB_NAME and DB_USER must be set");
    }
    if (poolSize < 1 || poolSize > 500) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "DB_POOL_SIZE must be 1 to 500, was " + poolSize);
    }
    if (connectTimeoutSeconds < 1 || connectTimeoutSeconds > 600) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "DB_CONNECT_TIMEOUT must be 1 to 600 seconds, was " + connectTimeoutSeconds);
    }
  }

  /** Reads the configuration from environment-style variables, with defaults for a local server. */
  public static PostgresConfig from(Map<String, String> env) {
    return new PostgresConfig(
        env.getOrDefault("DB_HOST", "127.0.0.1"),
        integer(env, "DB_PORT", 5432),
        env.getOrDefault("DB_NAME", "vruksha"),
        env.getOrDefault("DB_USER", "postgres"),
        env.getOrDefault("DB_PASSWORD", ""),
        env.getOrDefault("DB_SSLMODE", "prefer"),
        integer(env, "DB_POOL_SIZE", 10),
        integer(env, "DB_CONNECT_TIMEOUT", 30));
  }

  /**
   * The JDBC URL. With several hosts ({@code DB_HOST=h1,h2}, an entry may carry its own port as
   * {@code h1:5433}, else {@code DB_PORT}) it is PgJDBC's multi-host URL with {@code
   * targetServerType=primary}: a connection goes to the host that accepts writes.
   */
  public String jdbcUrl() {
    List<String> hosts = hosts();
    String url = "jdbc:postgresql://" + String.join(",", hosts) + "/" + database;
    url += "?sslmode=" + sslMode;
    return hosts.size() > 1 ? url + "&targetServerType=primary" : url;
  }

  /** Each host as {@code host:port}, in the order given. */
  public List<String> hosts() {
    List<String> out = new ArrayList<>();
    for (String entry : host.split(",")) {
      String h = entry.strip();
      boolean hasPort = h.startsWith("[") ? h.contains("]:") : h.indexOf(':') > 0;
      out.add(hasPort ? h : h + ":" + port);
    }
    return out;
  }

  /** This configuration for another database on the same server. */
  public PostgresConfig withDatabase(String name) {
    return new PostgresConfig(
        host, port, name, user, password, sslMode, poolSize, connectTimeoutSeconds);
  }

  /** This configuration with another pool size. */
  public PostgresConfig withPoolSize(int size) {
    return new PostgresConfig(
        host, port, database, user, password, sslMode, size, connectTimeoutSeconds);
  }

  private static int integer(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, name + " must be a number, was '" + value + "'");
    }
  }
}
