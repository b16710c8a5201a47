package io.vruksha.retail.server;

import io.vruksha.retail.server.http.ApiRoute;
import io.vruksha.retail.server.http.OpenApiDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Holds every error answer the tests see to the OpenAPI document: an answer of 400 or above from a
 * route of the table has a status the document lists for that route and a {@code code} among the
 * codes it lists for that status ({@link OpenApiDocument#errors}, what the document is generated
 * from). {@link TestClient} and the hostile-body test hand it every answer; an undeclared one fails
 * the test that saw it. Every (route, status, code) seen is kept, for {@link DeclaredErrorsTest}.
 *
 * <p>A 500 is a bug, not a contract: it is not checked here (the tests that see one fail on it).
 */
final class DeclaredErrors {

  /** "METHOD /path/{param} status code" of every error answer seen in this JVM. */
  static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

  private DeclaredErrors() {}

  /** The route of the table {@code method} and {@code path} (with a query, perhaps) call. */
  static ApiRoute routeOf(List<ApiRoute> routes, String method, String path) {
    String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    for (ApiRoute r : routes) {
      if (r.method().name().equals(method)
          && Pattern.matches(r.path().replaceAll("\\{[A-Za-z]+}", "[^/]+"), bare)) {
        return r;
      }
    }
    return null;
  }

  /**
   * Checks one answer; {@code code} is the error body's code (null when the body is not the JSON
   * error body).
   */
  static void check(List<ApiRoute> routes, String method, String path, int status, String code) {
    if (status < 400 || status == 500) {
      return;
    }
    ApiRoute route = routeOf(routes, method, path);
    if (route == null) {
      return; // a path no route has: the 404 page
    }
    SEEN.add(method + " " + route.path() + " " + status + " " + code);
    SortedSet<String> declared = OpenApiDocument.errors(route).get(status);
    if (declared == null || !declared.contains(code)) {
      String seen = method + " " + route.path() + " answered " + status + " " + code;
      if (Boolean.getBoolean("errors.observe")) {
        UNDECLARED.add(seen);
        return;
      }
      throw new AssertionError(
          seen
              + ", which the route table does not declare (declared: "
              + OpenApiDocument.errors(route)
              + ")");
    }
  }

  /** With {@code -Derrors.observe=true}: what was seen and not declared, instead of failing. */
  static final Set<String> UNDECLARED = ConcurrentHashMap.newKeySet();

  static {
    if (Boolean.getBoolean("errors.observe")) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      Files.write(
                          Path.of(
                              "target",
                              "undeclared-errors-" + ProcessHandle.current().pid() + ".txt"),
                          new TreeSet<>(UNDECLARED));
                      Files.write(
                          Path.of(
                              "target", "seen-errors-" + ProcessHandle.current().pid() + ".txt"),
                          new TreeSet<>(SEEN));
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  }));
    }
  }
}
