package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A body over the server's limit is answered 413 {@code request.too_large}, and the client that
 * sent it whole reads that answer: a till sending a batch too large for its centre learns so,
 * instead of seeing a connection closed under it (which it cannot tell from an unreachable centre).
 */
class OversizeBodyTest {

  private RetailServer server;

  @BeforeEach
  void start() {
    server =
        RetailServer.start(
            ServerConfig.from(
                    Map.of("JWT_SECRET", DemoServerTest.SECRET, "MAX_BODY_BYTES", "200000"))
                .withPort(0),
            Map.of());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aBodyOverTheLimitIsAnswered413ToTheClientThatSentIt() throws Exception {
    String token = server.demoToken().orElseThrow();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (int size : new int[] {200_001, 600_000, 1_000_000, 3_000_000}) {
      char[] padding = new char[size - 11];
      Arrays.fill(padding, 'x');
      String body = "{\"note\":\"" + new String(padding) + "\"}";
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(
                      "http://127.0.0.1:" + server.port() + "/api/v1/stores/demo/baskets/price"))
              .timeout(Duration.ofSeconds(20))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("%d bytes, try %d", body.length(), i).isEqualTo(413);
        assertThat(answer.body()).contains("request.too_large");
      }
    }
    // and a body under it is served as ever
    HttpRequest small =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:" + server.port() + "/api/v1/stores/demo/baskets/price"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"lines\":[{\"code\":\"MUG\"}]}"))
            .build();
    assertThat(client.send(small, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
  }
}
