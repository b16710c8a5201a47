package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.server.TestClient.Response;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} in Prometheus's text format, open by default and behind {@code METRICS_TOKEN}
 * when it is set (docs/configuration.md, docs/operations.md).
 */
class MetricsAccessTest {

  private static final String TOKEN = "a-metrics-token-of-at-least-32-chars";

  @Test
  void withoutATokenConfiguredAScrapeIsOpenAndPrometheusText() {
    try (RetailServer server = RetailServer.start(DemoServerTest.config(), Map.of())) {
      Response r = new TestClient(server).get("/metrics", null);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
      assertThat(r.text()).contains("# TYPE jvm_memory_used_bytes gauge");
    }
  }

  @Test
  void withATokenConfiguredOnlyAScrapeBearingItIsAnswered() {
    ServerConfig config = DemoServerTest.config().withMetricsToken(Optional.of(TOKEN));
    try (RetailServer server = RetailServer.start(config, Map.of())) {
      TestClient client = new TestClient(server);
      for (String token : new String[] {null, TOKEN + "x", TOKEN.substring(1), "", "Basic x"}) {
        Response r = client.get("/metrics", token);
        assertThat(r.status()).as("token " + token).isEqualTo(401);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.code()).isEqualTo("auth.unauthenticated");
        assertThat(r.text()).doesNotContain("jvm_memory");
      }
      // a staff token is no scrape token
      assertThat(client.get("/metrics", server.demoToken().orElseThrow()).status()).isEqualTo(401);
      Response scrape = client.get("/metrics", TOKEN);
      assertThat(scrape.status()).isEqualTo(200);
      assertThat(scrape.header("Content-Type"))
          .isEqualTo("text/plain; version=0.0.4; charset=utf-8");
      assertThat(scrape.text()).contains("http_server_requests_total");
    }
  }

  @Test
  void aShortMetricsTokenIsRefusedAtStart() {
    assertThatThrownBy(
            () ->
                ServerConfig.from(
                    Map.of("JWT_SECRET", DemoServerTest.SECRET, "METRICS_TOKEN", "short")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("METRICS_TOKEN must be at least 32 characters");
    assertThat(
            ServerConfig.from(Map.of("JWT_SECRET", DemoServerTest.SECRET, "METRICS_TOKEN", TOKEN))
                .metricsToken())
        .contains(TOKEN);
    assertThat(
            ServerConfig.from(Map.of("JWT_SECRET", DemoServerTest.SECRET, "METRICS_TOKEN", TOKEN))
                .toString())
        .doesNotContain(TOKEN);
  }
}
