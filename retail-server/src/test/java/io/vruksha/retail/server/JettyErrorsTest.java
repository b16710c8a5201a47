package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What Jetty refuses before any route sees the request (a URI or headers too large, a request line
 * that is not HTTP) is answered in the API's error envelope, as JSON, not as Jetty's HTML page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JettyErrorsTest {

  private RetailServer server;

  @BeforeAll
  void start() {
    server = RetailServer.start(DemoServerTest.config(), Map.of());
  }

  @AfterAll
  void stop() {
    server.close();
  }

  /** The raw answer to {@code request}: status line, headers and body. */
  private String raw(String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        answer.write(buffer, 0, n);
      }
      return answer.toString(StandardCharsets.UTF_8);
    }
  }

  private static JsonNode envelope(String answer, int status, String code) throws Exception {
    assertThat(answer).as(answer).startsWith("HTTP/1.1 " + status + " ");
    String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase();
    assertThat(head).as(answer).contains("content-type: application/json");
    String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
    assertThat(body).as(answer).doesNotContain("<html").doesNotContain("Jetty");
    JsonNode json = TestClient.JSON.readTree(body);
    assertThat(json.get("code").asText()).isEqualTo(code);
    assertThat(json.get("error").asText()).isNotBlank();
    assertThat(json.get("details").isArray()).isTrue();
    assertThat(Instant.parse(json.get("timestamp").asText()))
        .isBefore(Instant.now().plusSeconds(1));
    assertThat(json.size()).as(body).isEqualTo(4);
    return json;
  }

  @Test
  void aUriTooLongIs414InTheEnvelope() throws Exception {
    String path = "/api/v1/stores/demo/sales/" + "x".repeat(20_000);
    String answer =
        raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    envelope(answer, 414, "request.uri_too_long");
  }

  @Test
  void headersTooLargeAre431InTheEnvelope() throws Exception {
    String answer =
        raw(
            "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Padding: "
                + "y".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
    envelope(answer, 431, "request.headers_too_large");
  }

  @Test
  void aRequestThatIsNotHttpIs400InTheEnvelope() throws Exception {
    String answer = raw("GET /health HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n");
    envelope(answer, 400, "request.malformed");
  }
}
