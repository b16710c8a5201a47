package io.vruksha.retail.cli;

import io.vruksha.retail.postgres.PostgresConfig;
import io.vruksha.retail.postgres.PostgresDatabase;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The database a command works on: the same {@code DB_*} environment as the server, or {@code
 * --db-url postgresql://user:password@host:port/database}.
 */
final class DatabaseOptions {

  @Option(
      names = "--db-url",
      description =
          "postgresql://user:password@host:port/database (default: from DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD)")
  String url;

  /** The configuration {@code --db-url} or {@code env} names. */
  PostgresConfig config(Map<String, String> env, CommandLine cli) {
    if (url == null || url.isBlank()) {
      return PostgresConfig.from(env);
    }
    try {
      URI uri = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
      if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
        throw new IllegalArgumentException();
      }
      Map<String, String> fromUrl = new HashMap<>(env);
      fromUrl.put("DB_HOST", uri.getHost());
      if (uri.getPort() > 0) {
        fromUrl.put("DB_PORT", Integer.toString(uri.getPort()));
      }
      String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
      if (!path.isEmpty()) {
        fromUrl.put("DB_NAME", path);
      }
      if (uri.getUserInfo() != null) {
        String[] user = uri.getUserInfo().split(":", 2);
        fromUrl.put("DB_USER", user[0]);
        if (user.length > 1) {
          fromUrl.put("DB_PASSWORD", user[1]);
        }
      }
      return PostgresConfig.from(fromUrl);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          cli, "--db-url must look like postgresql://user:password@host:5432/database");
    }
  }

  /** Connects (a small pool; the caller closes it). */
  PostgresDatabase connect(Map<String, String> env, CommandLine cli) {
    return PostgresDatabase.connect(config(env, cli).withPoolSize(4));
  }
}
