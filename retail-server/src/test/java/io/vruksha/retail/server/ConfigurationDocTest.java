package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every environment variable the code reads is in {@link ServerConfig#VARIABLES} and in
 * docs/configuration.md, and the other way round.
 */
class ConfigurationDocTest {

  /** A string literal that names an environment variable where the code reads one. */
  private static final Pattern READ =
      Pattern.compile(
          "(?:getenv\\(|env\\.get\\(|env\\.getOrDefault\\(|(?:intOf|durationOf|flagValue|integer)\\(env, )"
              + "\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)\"");

  /** The reaction flags, named in the Reaction enum's constants. */
  private static final Pattern FLAG = Pattern.compile("\\(\"(ENABLE_[A-Z_]+)\",");

  /**
   * The modules the server and the CLI are made of: ServerConfig.VARIABLES lists what they read.
   */
  static final String[] ENGINE = {
    "retail-core", "retail-postgres", "retail-nats", "retail-server", "retail-cli"
  };

  /** Everything that ships, tooling included: the configuration reference lists what it reads. */
  static final String[] EVERYTHING = {
    "retail-core",
    "retail-postgres",
    "retail-nats",
    "retail-server",
    "retail-cli",
    "benchmarks",
    "examples/embedded-till",
    "examples/api-client",
    "examples/integrator",
    "examples/event-consumer",
    "examples/importer"
  };

  static Set<String> readByCode() throws IOException {
    return readByCode(ENGINE);
  }

  static Set<String> readByCode(String... modules) throws IOException {
    Set<String> names = new TreeSet<>();
    for (String module : modules) {
      Path src = Path.of("..", module, "src", "main", "java");
      if (!Files.isDirectory(src)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(src)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          String text = Files.readString(f);
          for (Pattern p : new Pattern[] {READ, FLAG}) {
            Matcher m = p.matcher(text);
            while (m.find()) {
              names.add(m.group(1));
            }
          }
        }
      }
    }
    return names;
  }

  @Test
  void everyVariableReadIsListedAndDocumented() throws IOException {
    Set<String> read = readByCode();
    assertThat(read).contains("DB_HOST", "NATS_URL", "PORT", "JWT_SECRET", "ENABLE_LOYALTY");
    assertThat(new TreeSet<>(ServerConfig.VARIABLES)).isEqualTo(read);
    String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
    Set<String> all = readByCode(EVERYTHING);
    assertThat(all).contains("BENCH_SERVER_OPTS");
    for (String name : all) {
      assertThat(doc).as(name + " in docs/configuration.md").contains("`" + name + "`");
    }
    Matcher documented =
        Pattern.compile("^\\| `([A-Z][A-Z0-9_]+)`", Pattern.MULTILINE).matcher(doc);
    while (documented.find()) {
      assertThat(all)
          .as(documented.group(1) + " is documented but not read")
          .contains(documented.group(1));
    }
  }

  @Test
  void badValuesAreRefusedNamingTheVariable() {
    assertThatThrownBy(() -> ServerConfig.from(Map.of("PORT", "http")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("PORT");
    assertThatThrownBy(() -> ServerConfig.from(Map.of("DB_HOST", "db")))
        .hasMessageContaining("JWT_SECRET is required");
    assertThatThrownBy(() -> ServerConfig.from(Map.of("JWT_SECRET", "short")))
        .hasMessageContaining("at least 32");
    assertThatThrownBy(() -> ServerConfig.from(Map.of("ENABLE_BNPL", "maybe")))
        .hasMessageContaining("ENABLE_BNPL");
    assertThatThrownBy(() -> ServerConfig.from(Map.of("TOKEN_TTL", "forever")))
        .hasMessageContaining("TOKEN_TTL");
    ServerConfig c =
        ServerConfig.from(
            Map.of("TOKEN_TTL", "30m", "CORS_ORIGINS", "https://a.example, https://b.example"));
    assertThat(c.tokenTtl()).hasMinutes(30);
    assertThat(c.corsOrigins()).containsExactly("https://a.example", "https://b.example");
    assertThat(c.port()).isEqualTo(8901);
    assertThat(c.demo()).isTrue();
  }
}
