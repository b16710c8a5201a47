package io.vruksha.retail.till;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.server.RetailServer;
import io.vruksha.retail.server.ServerConfig;
import io.vruksha.retail.store.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The till program in a JVM of its own against the real centre (the server, in memory): it pulls
 * the demo store's reference data, prints each sale's number once its checkout returned, the
 * numbers have no gaps, and its pusher brings every sale to the centre once.
 */
class TillMainTest {

  /** {@code S001-T01-2026-000001}. */
  static final Pattern SALE_NUMBER = Pattern.compile("S001-T01-(\\d{4})-(\\d{6,})");

  @TempDir Path dir;

  /** The centre a till test talks to, and a service token for till T01 of the demo store. */
  static RetailServer centre() {
    return RetailServer.start(
        ServerConfig.from(Map.of("JWT_SECRET", "a-test-secret-of-at-least-32-characters"))
            .withPort(0),
        Map.of());
  }

  static String token(RetailServer centre) {
    return centre
        .context()
        .tokens()
        .issueService("till-T01", Role.SUPERVISOR, Set.of("demo"), Duration.ofMinutes(30));
  }

  /** The sequence numbers of receipt numbers {@code S001-T01-YYYY-NNNNNN}. */
  static List<Long> sequence(List<String> numbers) {
    List<Long> out = new ArrayList<>();
    for (String n : numbers) {
      Matcher m = SALE_NUMBER.matcher(n);
      assertThat(m.matches()).as(n).isTrue();
      out.add(Long.parseLong(m.group(2)));
    }
    return out;
  }

  @Test
  void aTillInItsOwnProcessSellsGaplessNumbersAndPushesThemAll() throws Exception {
    try (RetailServer centre = centre()) {
      Path stderr = dir.resolve("stderr.log");
      List<String> lines;
      try (TillProcess till =
          TillProcess.start(
              stderr,
              "--store",
              "demo",
              "--till",
              "T01",
              "--file",
              dir.resolve("till.db").toString(),
              "--centre",
              "http://127.0.0.1:" + centre.port(),
              "--token",
              token(centre),
              "--skus",
              "MUG,COFFEE,TEE-M",
              "--sales",
              "40",
              "--seed",
              "7")) {
        assertThat(till.await(120)).as("exit code; stderr: %s", Files.readString(stderr)).isZero();
        lines = till.lines();
      }
      List<String> sold =
          lines.stream().filter(l -> l.startsWith("SOLD ")).map(l -> l.substring(5)).toList();
      List<Long> numbers = sequence(sold);
      assertThat(numbers).hasSize(40);
      for (int i = 0; i < numbers.size(); i++) {
        assertThat(numbers.get(i)).as("sale %d's number", i + 1).isEqualTo(i + 1L);
      }
      assertThat(lines).contains("PENDING 0", "DONE");
      assertThat(centre.engine().sales().list(DemoStore.ID))
          .extracting(Sale::number)
          .containsExactlyInAnyOrderElementsOf(sold);
    }
  }
}
