package io.vruksha.retail.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The release's example environment file and systemd unit say what docs/configuration.md says. */
class ReleaseFilesTest {

  private static final Path ETC = Path.of(System.getProperty("release.etc", "src/dist/etc"));
  private static final Path CONFIGURATION =
      Path.of(System.getProperty("configuration.doc", "../docs/configuration.md"));

  @Test
  void theExampleEnvironmentFileListsEveryVariableTheServerAndTheCommandLineRead()
      throws IOException {
    Set<String> documented = documentedVariables();
    String example = Files.readString(ETC.resolve("vruksha.env.example"));

    List<String> missing = new ArrayList<>();
    for (String variable : documented) {
      if (!Pattern.compile("(?m)^#?" + variable + "=").matcher(example).find()) {
        missing.add(variable);
      }
    }

    assertThat(documented).contains("DB_HOST", "JWT_SECRET", "BIND_ADDRESS", "ENABLE_LOYALTY");
    assertThat(missing).as("variables in docs/configuration.md not in the example").isEmpty();
  }

  @Test
  void theExampleEnvironmentFileSetsNothingUntilTheOperatorUncommentsIt() throws IOException {
    // a copied example must not turn demo mode into a database connection or fix a secret
    List<String> set =
        Files.readAllLines(ETC.resolve("vruksha.env.example")).stream()
            .filter(line -> !line.isBlank() && !line.startsWith("#"))
            .toList();

    assertThat(set).isEmpty();
  }

  @Test
  void theSystemdUnitRunsAsItsOwnUserFromTheEnvironmentFileAndRestartsOnFailure()
      throws IOException {
    List<String> unit = Files.readAllLines(ETC.resolve("vruksha-server.service"));

    assertThat(unit)
        .contains(
            "User=vruksha",
            "EnvironmentFile=/etc/vruksha/vruksha.env",
            "ExecStart=/opt/vruksha/bin/retail-server",
            "Restart=on-failure",
            "NoNewPrivileges=true",
            "ProtectSystem=strict",
            "SuccessExitStatus=143");
  }

  /** The variables of docs/configuration.md's tables, except the benchmarks' (not released). */
  private static Set<String> documentedVariables() throws IOException {
    String doc = Files.readString(CONFIGURATION);
    String released = doc.substring(0, doc.indexOf("## Benchmarks"));
    Set<String> variables = new LinkedHashSet<>();
    Matcher row = Pattern.compile("(?m)^\\| `([A-Z][A-Z0-9_]+)` \\|").matcher(released);
    while (row.find()) {
      variables.add(row.group(1));
    }
    return variables;
  }
}
