package io.vruksha.retail.till;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.sync.TillDocument;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The till program in a JVM of its own: it prints each sale's number once its checkout returned,
 * the numbers have no gaps, and its pusher brings every sale to the centre.
 */
class TillMainTest {

  /** {@code S001-T01-2026-000001}: the till's own series. */
  private static final Pattern SALE_NUMBER = Pattern.compile("S001-T01-(\\d{4})-(\\d{6,})");

  @TempDir Path dir;

  @Test
  void aTillInItsOwnProcessSellsGaplessNumbersAndPushesThemAll() throws Exception {
    List<String> lines = new ArrayList<>();
    try (FakeCentre centre = new FakeCentre()) {
      Process till =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx256m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  TillMain.class.getName(),
                  "--store",
                  "s1",
                  "--till",
                  "T01",
                  "--file",
                  dir.resolve("till.db").toString(),
                  "--centre",
                  centre.uri().toString(),
                  "--token",
                  "till-token",
                  "--sales",
                  "40",
                  "--seed",
                  "7")
              .redirectError(dir.resolve("stderr.log").toFile())
              .start();
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(till.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          lines.add(line);
        }
      }
      assertThat(till.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(till.exitValue())
          .as("exit code; stderr: %s", Files.readString(dir.resolve("stderr.log")))
          .isZero();

      List<Long> numbers = new ArrayList<>();
      for (String line : lines) {
        if (line.startsWith("SOLD ")) {
          Matcher m = SALE_NUMBER.matcher(line.substring(5));
          assertThat(m.matches()).as(line).isTrue();
          numbers.add(Long.parseLong(m.group(2)));
        }
      }
      assertThat(numbers).hasSize(40);
      for (int i = 0; i < numbers.size(); i++) {
        assertThat(numbers.get(i)).as("sale %d's number", i + 1).isEqualTo(i + 1L);
      }
      assertThat(lines).contains("PENDING 0", "DONE");
      assertThat(centre.applied)
          .extracting(d -> d.sale().orElseThrow().number())
          .containsExactlyElementsOf(
              lines.stream().filter(l -> l.startsWith("SOLD ")).map(l -> l.substring(5)).toList());
      assertThat(centre.applied).extracting(TillDocument::till).containsOnly("T01");
    }
  }
}
