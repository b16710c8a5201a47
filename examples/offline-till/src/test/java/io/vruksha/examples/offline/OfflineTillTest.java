package io.vruksha.examples.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.till.CentreClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineTillTest {

  @TempDir Path dir;

  private String run(Optional<CentreClient> centre) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    OfflineTill.run(
        dir.resolve("till.db"), centre, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void withoutAHeadOfficeTheTillSellsAndShowsWhatWaits() {
    String out = run(Optional.empty());

    assertThat(out).contains("sold S001-").contains("3 sales waiting to reach head office");
  }

  @Test
  void aSecondRunOnTheSameFileCarriesOnWhereTheFirstStopped() {
    assertThat(run(Optional.empty())).contains("sold S001-T01-").contains("3 sales waiting");
    String second = run(Optional.empty());

    // the same shift, the next numbers, and the first run's sales still waiting
    assertThat(second)
        .containsSubsequence("-000004 ", "-000005 ", "-000006 ")
        .contains("6 sales waiting to reach head office");
  }

  @Test
  void aHeadOfficeThatDoesNotAnswerLeavesTheSalesWaiting() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort(); // nothing listens there once the socket is closed
    }
    String out =
        run(Optional.of(new CentreClient(URI.create("http://127.0.0.1:" + closed), "token")));

    assertThat(out)
        .contains("no reference data from head office")
        .contains("head office unreachable, the sales keep waiting")
        .containsSubsequence(
            "3 sales waiting to reach head office", "3 sales waiting to reach head office");
  }
}
