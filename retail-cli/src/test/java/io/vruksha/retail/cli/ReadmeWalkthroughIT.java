package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.postgres.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's back-office walk-through, its commands read from the README and run as written. */
class ReadmeWalkthroughIT {

  @Test
  void theWalkthroughRunsAndReportsWhatTheReadmeSays() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    int section = readme.indexOf("## Back office on the command line");
    String block = readme.substring(section, readme.indexOf("## Point it at a database", section));
    List<String> commands = new ArrayList<>();
    for (String line : block.lines().toList()) {
      if (line.startsWith("scripts/retail ")) {
        commands.add(line.substring("scripts/retail ".length()));
      }
    }
    assertThat(commands).hasSize(9);
    Map<String, String> env = CliRun.env(TestDatabase.fresh());
    String report = null;
    for (String command : commands) {
      String[] args =
          command
              .replace("examples/", "../examples/")
              .replace("--delimiter ';'", "--delimiter=;")
              .split(" +");
      List<String> all = new ArrayList<>(List.of(args));
      if (all.get(0).equals("import")) {
        all.add("--quiet");
      }
      CliRun run = CliRun.run(env, all.toArray(String[]::new));
      assertThat(run.code()).as(command + " -> " + run).isZero();
      if (command.startsWith("report daily-sales")) {
        report = run.out();
      }
    }
    assertThat(report)
        .contains("2026-11-02")
        .contains("36.46")
        .contains("2026-11-03")
        .contains("19.99");
    assertThat(block)
        .contains("2 sales and 36.46 EUR on 2 November", "1 sale of 19.99 EUR on 3 November");
  }
}
