package io.vruksha.retail.cli;

import io.vruksha.retail.UnavailableException;
import io.vruksha.retail.postgres.PostgresConfig;
import io.vruksha.retail.postgres.PostgresDatabase;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code retail db}: the database schema (Flyway migrations). */
@Command(
    name = "db",
    mixinStandardHelpOptions = true,
    description = "The database schema: apply the migrations, show where the schema stands.",
    subcommands = {DbCommand.Migrate.class, DbCommand.Status.class})
final class DbCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command: migrate, status");
  }

  /** {@code retail db migrate}. */
  @Command(
      name = "migrate",
      mixinStandardHelpOptions = true,
      description = {
        "Applies the pending Flyway migrations (retail-postgres' db/migration) and prints how many"
            + " ran; a no-op on an up-to-date schema. Run it as the tables' owner.",
        "Example: retail db migrate --db-url postgresql://vruksha:secret@localhost:5432/vruksha"
      })
  static final class Migrate implements Callable<Integer> {
    private final Map<String, String> env;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin DatabaseOptions database;

    Migrate(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public Integer call() {
      try (PostgresDatabase db = database.connect(env, spec.commandLine())) {
        int ran = db.migrate();
        String version = current(db.config());
        spec.commandLine()
            .getOut()
            .printf(
                Locale.ROOT,
                "applied %d migration%s to %s; schema version %s%n",
                ran,
                ran == 1 ? "" : "s",
                db.config().database(),
                version);
      }
      return Retail.OK;
    }
  }

  /** {@code retail db status}. */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = {
        "Prints the schema's current version and every migration with its state (Success,"
            + " Pending, Failed, ...). Exit 1 when migrations are pending or failed.",
        "Example: retail db status --format csv"
      })
  static final class Status implements Callable<Integer> {
    private final Map<String, String> env;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin DatabaseOptions database;

    @CommandLine.Option(
        names = "--format",
        defaultValue = "table",
        description = "table, csv or json (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    Status(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public Integer call() {
      PostgresConfig config = database.config(env, spec.commandLine());
      MigrationInfoService info = flyway(config).info();
      Listing list = new Listing("version", "description", "state", "installed_on");
      for (MigrationInfo m : info.all()) {
        list.add(
            m.getVersion() == null ? "" : m.getVersion().getVersion(),
            m.getDescription(),
            m.getState().getDisplayName(),
            m.getInstalledOn() == null ? "" : m.getInstalledOn().toInstant());
      }
      int pending = info.pending().length;
      long failed = Arrays.stream(info.all()).filter(m -> m.getState().isFailed()).count();
      String version =
          info.current() == null || info.current().getVersion() == null
              ? "none"
              : info.current().getVersion().getVersion();
      var out = spec.commandLine().getOut();
      list.print(out, format);
      String summary =
          String.format(
              Locale.ROOT,
              "database %s: schema version %s, %d pending, %d failed",
              config.database(),
              version,
              pending,
              failed);
      (format == OutputFormat.table ? out : spec.commandLine().getErr()).println(summary);
      return pending > 0 || failed > 0 ? Retail.DISCREPANCIES : Retail.OK;
    }
  }

  static Flyway flyway(PostgresConfig config) {
    return Flyway.configure().dataSource(config.jdbcUrl(), config.user(), config.password()).load();
  }

  static String current(PostgresConfig config) {
    try {
      MigrationInfo m = flyway(config).info().current();
      return m == null || m.getVersion() == null ? "none" : m.getVersion().getVersion();
    } catch (FlywayException e) {
      throw new UnavailableException("cannot read the schema's state: " + e.getMessage(), e);
    }
  }
}
