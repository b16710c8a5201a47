package io.vruksha.retail.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/**
 * The browser till and back office: static files in the jar ({@code /web} on the class path),
 * served at {@code /} by the server itself, same origin as the API they call. Plain ES modules, no
 * build step; the policy below lets a page load scripts, styles, images and API answers from this
 * server only, and no inline script at all.
 */
final class WebPages {

  private WebPages() {}

  /** Where the pages are on the class path. */
  static final String DIRECTORY = "/web";

  /** The Content-Security-Policy of every page and asset: this origin only, nothing inline. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none';"
          + " form-action 'self'";

  /** The headers every page and asset is served with. */
  static final Map<String, String> HEADERS =
      Map.of(
          "Content-Security-Policy", CONTENT_SECURITY_POLICY,
          "X-Content-Type-Options", "nosniff",
          "Referrer-Policy", "no-referrer",
          "Cache-Control", "no-cache");

  /**
   * Where {@code /demo.json} is on the class path: served in demo mode only, it tells the login
   * forms to show the demo staff's PINs, which a real store's pages must never advertise.
   */
  static final String DEMO_DIRECTORY = "/web-demo";

  /**
   * Serves the pages at {@code /}: {@code /} is the till, {@code /back-office.html} the office; in
   * demo mode also {@code /demo.json}.
   */
  static void serve(JavalinConfig cfg, boolean demo) {
    cfg.staticFiles.add(
        files -> {
          files.hostedPath = "/";
          files.directory = DIRECTORY;
          files.location = Location.CLASSPATH;
          files.headers = HEADERS;
        });
    if (demo) {
      cfg.staticFiles.add(
          files -> {
            files.hostedPath = "/";
            files.directory = DEMO_DIRECTORY;
            files.location = Location.CLASSPATH;
            files.headers = HEADERS;
          });
    }
  }
}
