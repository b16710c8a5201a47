package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The HTTP port's listen backlog, as the kernel reports it ({@code ss}, iproute2): room for a burst
 * of {@value RetailServer#ACCEPT_QUEUE} connections, where Jetty's default left the JDK's 50.
 */
class ListenBacklogTest {

  @Test
  void theKernelHoldsABurstOfConnectionsForJettyToAccept() throws Exception {
    // Linux, as in production and CI: /proc and ss (iproute2) are needed
    Path somaxconn = Path.of("/proc/sys/net/core/somaxconn");
    // the kernel caps a backlog at net.core.somaxconn (4096 by default since Linux 5.4)
    // (readAllLines: Files.readString of a /proc file returns its first character on JDK 17)
    int expected =
        Math.min(
            RetailServer.ACCEPT_QUEUE,
            Integer.parseInt(Files.readAllLines(somaxconn).get(0).trim()));
    try (RetailServer server = RetailServer.start(DemoServerTest.config(), Map.of())) {
      Process ss =
          new ProcessBuilder("ss", "-ltnH", "sport = :" + server.port())
              .redirectErrorStream(true)
              .start();
      String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      assertThat(ss.waitFor()).as("ss (iproute2) answered: " + out).isZero();
      // LISTEN <queued> <backlog> <address:port> <peer>; one line per bound address
      assertThat(out.lines())
          .isNotEmpty()
          .allSatisfy(
              line ->
                  assertThat(line.trim().split("\\s+")[2])
                      .as(line)
                      .isEqualTo(Integer.toString(expected)));
    }
  }
}
