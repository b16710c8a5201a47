package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.server.http.ApiRoute;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/api.md lists every route of the table. */
class ApiDocTest {

  @Test
  void everyRouteIsListed() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "api.md"));
    try (RetailServer server = RetailServer.start(DemoServerTest.config(), Map.of())) {
      for (ApiRoute r : server.routes()) {
        assertThat(doc)
            .as(r.method() + " " + r.path() + " in docs/api.md")
            .contains("| " + r.method().name() + " | `" + r.path() + "` |");
      }
    }
  }
}
