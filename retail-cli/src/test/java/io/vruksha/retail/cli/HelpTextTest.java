package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's help renders as written: picocli formats descriptions with {@code String.format},
 * so a bare {@code %} (as in "15%") printed its text raw and warned "Could not format" on standard
 * error instead of the help.
 */
class HelpTextTest {

  private static void collect(CommandLine cli, List<CommandLine> all) {
    all.add(cli);
    cli.getSubcommands().values().forEach(sub -> collect(sub, all));
  }

  @Test
  void everyCommandsHelpFormatsWithoutAWarning() {
    StringWriter out = new StringWriter();
    CommandLine root =
        Retail.commandLine(Map.of(), new PrintWriter(out), new PrintWriter(new StringWriter()));
    List<CommandLine> commands = new ArrayList<>();
    collect(root, commands);
    assertThat(commands).hasSizeGreaterThan(10);

    PrintStream stderr = System.err;
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
    List<String> usages = new ArrayList<>();
    try {
      for (CommandLine c : commands) {
        usages.add(c.getUsageMessage(CommandLine.Help.Ansi.OFF));
      }
    } finally {
      System.setErr(stderr);
    }
    assertThat(warnings.toString(StandardCharsets.UTF_8)).doesNotContain("Could not format");
    assertThat(String.join("\n", usages))
        .contains("discount_rate is 0.15 or 15%.")
        .doesNotContain("%n");
  }
}
