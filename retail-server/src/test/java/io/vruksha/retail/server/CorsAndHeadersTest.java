package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Browsers get CORS answers only for the allowed origins; request ids travel both ways. */
class CorsAndHeadersTest {

  @Test
  void onlyAllowedOriginsGetCorsHeadersAndRequestIdsComeBack() {
    ServerConfig config =
        ServerConfig.from(
                Map.of(
                    "JWT_SECRET", DemoServerTest.SECRET, "CORS_ORIGINS", "https://pos.example.com"))
            .withPort(0);
    try (RetailServer server = RetailServer.start(config, Map.of())) {
      TestClient client = new TestClient(server);
      TestClient.Response allowed =
          client.send(
              "OPTIONS",
              "/api/v1/stores/demo/sales",
              null,
              null,
              Map.of(
                  "Origin", "https://pos.example.com",
                  "Access-Control-Request-Method", "POST",
                  "Access-Control-Request-Headers", "Authorization, Idempotency-Key"));
      assertThat(allowed.header("Access-Control-Allow-Origin"))
          .isEqualTo("https://pos.example.com");

      TestClient.Response foreign =
          client.send("GET", "/health", null, null, Map.of("Origin", "https://evil.example.com"));
      assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();

      TestClient.Response withId =
          client.send("GET", "/health", null, null, Map.of("X-Request-Id", "till-7:req-42"));
      assertThat(withId.header("X-Request-Id")).isEqualTo("till-7:req-42");
      TestClient.Response made = client.get("/health", null);
      assertThat(made.header("X-Request-Id")).matches("[0-9a-f-]{36}");
      TestClient.Response odd =
          client.send("GET", "/health", null, null, Map.of("X-Request-Id", "<script>"));
      assertThat(odd.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    }
  }
}
