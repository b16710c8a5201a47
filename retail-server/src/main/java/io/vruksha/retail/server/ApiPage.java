package io.vruksha.retail.server;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/** The /docs page: Swagger UI (its WebJar served by the server itself) on the OpenAPI document. */
final class ApiPage {

  private ApiPage() {}

  /** Where the Swagger UI WebJar's files are served, by the server itself (no CDN). */
  static final String ASSETS = "/docs/assets";

  /** The WebJar's directory on the class path. */
  static String assetsOnClassPath() {
    Properties p = new Properties();
    try (var in =
        ApiPage.class.getResourceAsStream(
            "/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("the swagger-ui WebJar is not on the class path");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "/META-INF/resources/webjars/swagger-ui/" + p.getProperty("version");
  }

  /**
   * Swagger UI on {@code /openapi.json}, from the bundled WebJar; without JavaScript, a table of
   * the routes.
   */
  static String html(OpenAPI api) {
    StringBuilder b = new StringBuilder();
    b.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
        .append(esc(api.getInfo().getTitle()))
        .append(" API</title><link rel=\"stylesheet\" href=\"" + ASSETS + "/swagger-ui.css\">")
        .append(
            "<style>noscript{font-family:sans-serif;max-width:70em;margin:2em auto;display:block}"
                + "code{background:#f4f4f4;padding:0 .3em}td{padding:.2em .8em;vertical-align:top}"
                + ".m{font-weight:bold;font-family:monospace}</style></head><body>")
        .append("<div id=\"swagger-ui\"></div>")
        .append("<script src=\"" + ASSETS + "/swagger-ui-bundle.js\"></script>")
        .append(
            "<script>window.ui = SwaggerUIBundle({url: \"/openapi.json\", dom_id: \"#swagger-ui\","
                + " deepLinking: true, presets: [SwaggerUIBundle.presets.apis],"
                + " layout: \"BaseLayout\"});</script>")
        .append("<noscript><h1>")
        .append(esc(api.getInfo().getTitle()))
        .append(" ")
        .append(esc(api.getInfo().getVersion()))
        .append("</h1><p>")
        .append(esc(api.getInfo().getDescription()))
        .append(
            "</p><p>The machine-readable document: <a href=\"/openapi.json\">/openapi.json</a>."
                + " Authenticate with <code>Authorization: Bearer &lt;token&gt;</code> from"
                + " <code>POST /api/v1/auth/login</code>.</p><table>");
    for (Map.Entry<String, PathItem> p : api.getPaths().entrySet()) {
      for (Map.Entry<PathItem.HttpMethod, Operation> o :
          p.getValue().readOperationsMap().entrySet()) {
        b.append("<tr><td class=\"m\">")
            .append(o.getKey())
            .append("</td><td><code>")
            .append(esc(p.getKey()))
            .append("</code></td><td>")
            .append(
                esc(
                    o.getValue().getTags() == null
                        ? ""
                        : String.join(", ", o.getValue().getTags())))
            .append("</td><td>")
            .append(esc(o.getValue().getSummary()))
            .append("</td></tr>");
      }
    }
    return b.append("</table></noscript></body></html>").toString();
  }

  private static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
