package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code /docs} is Swagger UI on {@code /openapi.json}, every asset it loads served by the server
 * itself from the WebJar (no CDN), with a table of the routes for a browser without JavaScript.
 */
class DocsPageTest {

  @Test
  void docsLoadsSwaggerUiFromTheServerItselfOnTheDocument() {
    try (RetailServer server = RetailServer.start(DemoServerTest.config(), Map.of())) {
      TestClient client = new TestClient(server);
      TestClient.Response page = client.get("/docs", null);
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.header("Content-Type")).startsWith("text/html");
      String html = page.text();
      assertThat(html).contains("SwaggerUIBundle(", "url: \"/openapi.json\"", "id=\"swagger-ui\"");
      assertThat(html).as("the no-JavaScript table").contains("/api/v1/stores/{storeId}/sales");
      Matcher assets = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
      List<String> loaded = new ArrayList<>();
      while (assets.find()) {
        loaded.add(assets.group(1));
      }
      assertThat(loaded)
          .as("every asset from this server")
          .allSatisfy(a -> assertThat(a).startsWith("/"))
          .contains("/docs/assets/swagger-ui-bundle.js", "/docs/assets/swagger-ui.css");
      for (String asset : loaded.stream().filter(a -> a.startsWith("/docs/assets/")).toList()) {
        TestClient.Response r = client.get(asset, null);
        assertThat(r.status()).as(asset).isEqualTo(200);
        assertThat(r.text().length()).as(asset).isGreaterThan(1000);
        assertThat(r.header("Content-Type"))
            .as(asset)
            .startsWith(asset.endsWith(".css") ? "text/css" : "text/javascript");
      }
      assertThat(client.get("/docs/assets/swagger-ui-bundle.js", null).text())
          .contains("SwaggerUIBundle");
      assertThat(client.get("/docs/assets/no-such-file.js", null).status()).isEqualTo(404);
    }
  }
}
