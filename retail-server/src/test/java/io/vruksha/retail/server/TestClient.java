package io.vruksha.retail.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vruksha.retail.server.http.ApiRoute;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Talks to a running server over real HTTP ({@code java.net.http}) and remembers which routes of
 * the table it called, so a test can show it covered every one.
 */
final class TestClient {

  static final ObjectMapper JSON = new ObjectMapper();

  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<ApiRoute> routes;
  private final Set<String> called = ConcurrentHashMap.newKeySet();
  private volatile Checker checker = (method, path, response) -> {};

  /** Looks at every answer, e.g. against the OpenAPI document's response schema. */
  @FunctionalInterface
  interface Checker {
    void check(String method, String path, Response response);
  }

  /** Hands every answer from now on to {@code newChecker}. */
  void checkEveryAnswerWith(Checker newChecker) {
    this.checker = newChecker;
  }

  TestClient(RetailServer server) {
    this.port = server.port();
    this.routes = server.routes();
  }

  /** A client of a server in another process, on {@code port}. */
  TestClient(int port) {
    this.port = port;
    this.routes = List.of();
  }

  /** An answer: status, body as JSON (null if not JSON), headers. */
  record Response(int status, JsonNode body, String text, Map<String, List<String>> headers) {
    JsonNode data() {
      return body.get("data");
    }

    String code() {
      return body == null || body.get("code") == null ? null : body.get("code").asText();
    }

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .findFirst()
          .map(e -> e.getValue().get(0))
          .orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + text;
    }
  }

  Response get(String path, String token) {
    return send("GET", path, token, null, Map.of());
  }

  Response post(String path, String token, Object body) {
    return send("POST", path, token, body, Map.of());
  }

  Response post(String path, String token, Object body, String idempotencyKey) {
    return send("POST", path, token, body, Map.of("Idempotency-Key", idempotencyKey));
  }

  Response send(
      String method, String path, String token, Object body, Map<String, String> headers) {
    try {
      String text =
          body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(30))
              .method(
                  method,
                  text == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(text));
      if (text != null) {
        b.header("Content-Type", "application/json");
      }
      if (token != null) {
        b.header("Authorization", "Bearer " + token);
      }
      headers.forEach(b::header);
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      record(method, path);
      JsonNode json = null;
      try {
        json = r.body().isEmpty() ? null : JSON.readTree(r.body());
      } catch (IOException notJson) {
        // text/plain or HTML
      }
      Response response = new Response(r.statusCode(), json, r.body(), r.headers().map());
      DeclaredErrors.check(routes, method, path, response.status(), response.code());
      checker.check(method, path, response);
      return response;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void record(String method, String path) {
    String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    for (ApiRoute r : routes) {
      if (r.method().name().equals(method)
          && Pattern.matches(r.path().replaceAll("\\{[A-Za-z]+}", "[^/]+"), bare)) {
        called.add(method + " " + r.path());
      }
    }
  }

  /** The routes called so far, as "METHOD /path/{param}". */
  Set<String> called() {
    return called;
  }

  /** A token from a PIN login. */
  String loginPin(String staffId, String pin) {
    Response r = post("/api/v1/auth/login", null, Map.of("staffId", staffId, "pin", pin));
    if (r.status() != 200) {
      throw new IllegalStateException("login failed: " + r);
    }
    return r.data().get("token").asText();
  }

  /** A token from a password login. */
  String loginPassword(String staffId, String password) {
    Response r = post("/api/v1/auth/login", null, Map.of("staffId", staffId, "password", password));
    if (r.status() != 200) {
      throw new IllegalStateException("login failed: " + r);
    }
    return r.data().get("token").asText();
  }

  static Map<String, Object> money(String amount) {
    return Map.of("amount", amount, "currency", "EUR");
  }
}
