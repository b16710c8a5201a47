package io.vruksha.retail.cli;

import io.vruksha.retail.postgres.PostgresConfig;
import io.vruksha.retail.postgres.PostgresDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Runs the command line in tests, the way AuthCommandTest does. */
record CliRun(int code, String out, String err) {

  static CliRun run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Retail.commandLine(env, new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** The DB_* environment of {@code db}. */
  static Map<String, String> env(PostgresDatabase db) {
    PostgresConfig c = db.config();
    Map<String, String> env = new HashMap<>();
    env.put("DB_HOST", c.host());
    env.put("DB_PORT", Integer.toString(c.port()));
    env.put("DB_NAME", c.database());
    env.put("DB_USER", c.user());
    env.put("DB_PASSWORD", c.password());
    return env;
  }

  /** The CSV output as one map per row, by column. */
  List<Map<String, String>> csv() {
    try (CSVParser p =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(out))) {
      List<Map<String, String>> rows = new ArrayList<>();
      for (CSVRecord r : p) {
        rows.add(r.toMap());
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CSV row whose {@code column} is {@code value}. */
  Map<String, String> row(String column, String value) {
    return csv().stream()
        .filter(r -> value.equals(r.get(column)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + column + "=" + value + " in\n" + out));
  }

  @Override
  public String toString() {
    return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
  }
}
