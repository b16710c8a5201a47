package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.engine.DemoStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The browser till and back office are served by the server itself from the class path, each file
 * with its content type and a policy that lets the pages load scripts from this origin only.
 */
class WebPagesTest {

  private static RetailServer server;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server = RetailServer.start(DemoServerTest.config(), Map.of());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest
  @CsvSource({
    "/, text/html, <title>Vruksha till</title>",
    "/index.html, text/html, <script type=\"module\" src=\"/js/till.js\"></script>",
    "/back-office.html, text/html, <title>Vruksha back office</title>",
    "/js/till.js, text/javascript, export async function scan",
    "/js/api.js, text/javascript, export class ApiError",
    "/js/backoffice.js, text/javascript, /reports/daily-sales",
    "/js/chart.js, text/javascript, export function barChart",
    "/css/app.css, text/css, .totals",
    "/css/receipt.css, text/css, @page { size: 80mm auto",
  })
  void everyFileIsServedWithItsContentTypeAndThePolicy(String path, String type, String content)
      throws Exception {
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith(type));
    assertThat(r.body()).contains(content);
    assertThat(r.headers().firstValue("Content-Security-Policy"))
        .hasValue(WebPages.CONTENT_SECURITY_POLICY);
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void thePolicyAllowsScriptsFromThisOriginOnlyAndNothingInline() {
    assertThat(WebPages.CONTENT_SECURITY_POLICY)
        .contains("script-src 'self';")
        .contains("default-src 'self';")
        .doesNotContain("unsafe-inline")
        .doesNotContain("unsafe-eval");
  }

  @Test
  void thePagesHaveNoInlineScriptOrStyle() throws Exception {
    for (String page : new String[] {"/", "/back-office.html"}) {
      String html = get(page).body();
      assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
      assertThat(html)
          .doesNotContain("<style")
          .doesNotContain(" style=")
          .doesNotContain(" onclick=");
    }
  }

  @Test
  void aPathThatIsNeitherAFileNorARouteIsStillTheApisJson404() throws Exception {
    HttpResponse<String> r = get("/no-such-page.html");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.body()).contains("\"code\":\"route.not_found\"");
    HttpResponse<String> api = get("/api/v1/stores/demo/nothing");
    assertThat(api.statusCode()).isEqualTo(404);
    assertThat(api.body()).contains("route.not_found");
  }

  @Test
  void aPathOutsideThePagesDirectoryIsNotServed() throws Exception {
    // Jetty refuses a path that climbs out of the root as ambiguous (400), before any handler
    HttpResponse<String> climbing = get("/../retail-server.properties");
    assertThat(climbing.statusCode()).isEqualTo(400);
    assertThat(climbing.body()).doesNotContain("version");
    assertThat(get("/retail-server.properties").statusCode()).isEqualTo(404);
    assertThat(get("/logback.xml").statusCode()).isEqualTo(404);
  }

  @Test
  void theDemoStaffsPinsAreOfferedInDemoModeOnly() throws Exception {
    // the pages hide the hint until /demo.json answers, which only a demo server serves
    assertThat(get("/").body()).contains("<p class=\"hint\" id=\"demo-hint\" hidden>");
    assertThat(get("/back-office.html").body()).contains("id=\"demo-hint\" hidden");
    HttpResponse<String> demo = get("/demo.json");
    assertThat(demo.statusCode()).isEqualTo(200);
    assertThat(demo.body()).contains("\"pin\": \"4826\"");

    try (RetailServer store =
        RetailServer.start(
            DemoServerTest.config(), DemoStore.inMemory(), List.of(), Map.of(), false)) {
      HttpResponse<String> none =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + store.port() + "/demo.json"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(none.statusCode()).isEqualTo(404);
      assertThat(none.body()).doesNotContain("4826");
    }
  }
}
