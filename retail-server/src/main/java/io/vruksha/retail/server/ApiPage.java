package io.vruksha.retail.server;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import java.util.Map;

/** A plain, dependency-free HTML page listing the API from its OpenAPI document. */
final class ApiPage {

  private ApiPage() {}

  static String html(OpenAPI api) {
    StringBuilder b = new StringBuilder();
    b.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
        .append(esc(api.getInfo().getTitle()))
        .append(
            " API</title><style>body{font-family:sans-serif;max-width:70em;margin:2em auto;}"
                + "code{background:#f4f4f4;padding:0 .3em}td{padding:.2em .8em;vertical-align:top}"
                + ".m{font-weight:bold;font-family:monospace}</style></head><body>")
        .append("<h1>")
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
    return b.append("</table></body></html>").toString();
  }

  private static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
