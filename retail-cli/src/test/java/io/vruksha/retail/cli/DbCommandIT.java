package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.postgres.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DbCommandIT {

  /** The migrations that ship, by version, read from retail-postgres's migration folder. */
  private static final List<Integer> VERSIONS = versions();

  private static final int COUNT = VERSIONS.size();
  private static final int LATEST = VERSIONS.get(VERSIONS.size() - 1);

  /** The versions of the SQL migrations and of the Java ones (V26 rebuilds content in Java). */
  private static List<Integer> versions() {
    Path postgres = Path.of("..", "retail-postgres", "src", "main");
    try (Stream<Path> sql = Files.list(postgres.resolve(Path.of("resources", "db", "migration")));
        Stream<Path> java = Files.list(postgres.resolve(Path.of("java", "db", "migration")))) {
      return Stream.concat(sql, java)
          .map(f -> f.getFileName().toString())
          .filter(n -> n.matches("V[0-9]+__.*\\.(sql|java)"))
          .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void migrateIsANoOpOnAnUpToDateSchemaAndStatusShowsEveryMigration() {
    Map<String, String> env = CliRun.env(TestDatabase.fresh());
    CliRun migrate = CliRun.run(env, "db", "migrate");
    assertThat(migrate.code()).as(migrate.toString()).isZero();
    assertThat(migrate.out()).contains("applied 0 migrations", "schema version " + LATEST);

    CliRun status = CliRun.run(env, "db", "status", "--format", "csv");
    assertThat(status.code()).as(status.toString()).isZero();
    assertThat(status.csv())
        .hasSize(COUNT)
        .allSatisfy(r -> assertThat(r.get("state")).isEqualTo("Success"));
    assertThat(status.row("version", "9").get("description"))
        .isEqualTo("invoice numbers per store");
    assertThat(status.row("version", "12").get("description"))
        .isEqualTo("orders curbside warranties notifications");
    assertThat(status.err()).contains("schema version " + LATEST + ", 0 pending, 0 failed");
  }

  @Test
  void migrateCreatesTheSchemaOfAnEmptyDatabaseAndStatusSaysWhatIsPending() {
    var db = TestDatabase.fresh();
    String name = "vruksha_cli_" + Long.toHexString(System.nanoTime());
    db.jdbi().useHandle(h -> h.execute("CREATE DATABASE " + name));
    try {
      Map<String, String> env = new HashMap<>(CliRun.env(db));
      env.put("DB_NAME", name);
      CliRun before = CliRun.run(env, "db", "status");
      assertThat(before.code()).as(before.toString()).isEqualTo(Retail.DISCREPANCIES);
      assertThat(before.out()).contains("schema version none, " + COUNT + " pending");

      var c = db.config();
      String url =
          "postgresql://"
              + c.user()
              + ":"
              + c.password()
              + "@"
              + c.host()
              + ":"
              + c.port()
              + "/"
              + name;
      CliRun migrate = CliRun.run(Map.of(), "db", "migrate", "--db-url", url);
      assertThat(migrate.code()).as(migrate.toString()).isZero();
      assertThat(migrate.out())
          .contains("applied " + COUNT + " migrations to " + name + "; schema version " + LATEST);

      CliRun after = CliRun.run(env, "db", "status");
      assertThat(after.code()).as(after.toString()).isZero();
      assertThat(after.out()).contains("schema version " + LATEST + ", 0 pending");
    } finally {
      db.jdbi().useHandle(h -> h.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    }
  }
}
