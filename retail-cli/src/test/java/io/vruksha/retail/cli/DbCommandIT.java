package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.postgres.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DbCommandIT {

  @Test
  void migrateIsANoOpOnAnUpToDateSchemaAndStatusShowsEveryMigration() {
    Map<String, String> env = CliRun.env(TestDatabase.fresh());
    CliRun migrate = CliRun.run(env, "db", "migrate");
    assertThat(migrate.code()).as(migrate.toString()).isZero();
    assertThat(migrate.out()).contains("applied 0 migrations", "schema version 10");

    CliRun status = CliRun.run(env, "db", "status", "--format", "csv");
    assertThat(status.code()).as(status.toString()).isZero();
    assertThat(status.csv())
        .hasSize(10)
        .allSatisfy(r -> assertThat(r.get("state")).isEqualTo("Success"));
    assertThat(status.row("version", "9").get("description"))
        .isEqualTo("invoice numbers per store");
    assertThat(status.err()).contains("schema version 10, 0 pending, 0 failed");
  }

  @Test
  void migrateCreatesTheSchemaOfAnEmptyDatabaseAndStatusSaysWhatIsPending() {
    var db = TestDatabase.fresh();
    String name = "vruksha_cli_" + Long.toHexString(System.nanoTime());
    db.jdbi().useHandle(h -> h.execute("CREATE DATABASE " + name));
    try {
      Map<String, String> env = new java.util.HashMap<>(CliRun.env(db));
      env.put("DB_NAME", name);
      CliRun before = CliRun.run(env, "db", "status");
      assertThat(before.code()).as(before.toString()).isEqualTo(Retail.DISCREPANCIES);
      assertThat(before.out()).contains("schema version none, 10 pending");

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
          .contains("applied 10 migrations to " + name + "; schema version 10");

      CliRun after = CliRun.run(env, "db", "status");
      assertThat(after.code()).as(after.toString()).isZero();
      assertThat(after.out()).contains("schema version 10, 0 pending");
    } finally {
      db.jdbi().useHandle(h -> h.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    }
  }
}
