package io.vruksha.retail.server.api;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.vruksha.retail.server.http.ApiRoute.route;

import io.javalin.http.Context;
import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.auth.Logins;
import io.vruksha.retail.server.ServerContext;
import io.vruksha.retail.server.http.ApiProblem;
import io.vruksha.retail.server.http.ApiRoute;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Health, readiness and login. */
public final class SystemApi {

  private SystemApi() {}

  /**
   * A login.
   *
   * @param staffId who
   * @param password their password, or
   * @param pin their PIN
   */
  public record LoginRequest(String staffId, Optional<String> password, Optional<String> pin) {}

  /**
   * A login's answer.
   *
   * @param token the bearer token
   * @param expiresAt when it expires
   * @param staffId who
   * @param role their role
   * @param storeId their store
   */
  public record LoginResponse(
      String token, Instant expiresAt, String staffId, String role, String storeId) {}

  /**
   * Readiness.
   *
   * @param status {@code ready} or {@code not_ready}
   * @param dependencies each dependency's state, {@code up} or {@code down}
   */
  public record Readiness(String status, Map<String, String> dependencies) {}

  /**
   * Liveness.
   *
   * @param status always {@code ok}
   * @param service {@code retail-server}
   * @param version the server's version
   */
  public record Health(String status, String service, String version) {}

  /** The routes. */
  public static List<ApiRoute> routes(ServerContext s) {
    return List.of(
        route(POST, "/api/v1/auth/login")
            .errors(ErrorCode.UNAUTHENTICATED)
            .doc(
                "auth",
                "Log in with a staff id and a password or PIN (Content-Type: application/json);"
                    + " returns a bearer token")
            .open()
            .body(LoginRequest.class)
            .returns(LoginResponse.class)
            .to(
                call -> {
                  LoginRequest r = call.body(LoginRequest.class);
                  Logins.Session session =
                      s.logins()
                          .login(
                              r.staffId(),
                              r.password() == null ? Optional.empty() : r.password(),
                              r.pin() == null ? Optional.empty() : r.pin(),
                              // the address the per-address rate limit counts too
                              call.context().ip());
                  return new LoginResponse(
                      session.token(),
                      session.expiresAt(),
                      session.staff().staffId(),
                      session.staff().role().name(),
                      session.staff().store().value());
                }),
        route(GET, "/health")
            .doc("system", "Liveness: the process answers")
            .open()
            .raw()
            .returns(Health.class)
            .to(call -> new Health("ok", "retail-server", s.version())),
        route(GET, "/ready")
            .error(503, "system.not_ready")
            .doc(
                "system", "Readiness: the database and NATS, each up or down; 503 when one is down")
            .open()
            .raw()
            .returns(Readiness.class)
            .to(call -> readiness(s, call.context())));
  }

  /** The readiness of every dependency; 503 when one is down. */
  public static Readiness readiness(ServerContext s, Context ctx) {
    Map<String, String> deps = new TreeMap<>();
    boolean ready = true;
    for (var e : s.dependencies().entrySet()) {
      boolean up;
      try {
        up = e.getValue().get();
      } catch (RuntimeException failure) {
        up = false;
      }
      deps.put(e.getKey(), up ? "up" : "down");
      ready &= up;
    }
    if (!ready) {
      throw new ApiProblem(
          503,
          "system.not_ready",
          "a dependency is down",
          deps.entrySet().stream().map(d -> d.getKey() + ": " + d.getValue()).toList());
    }
    return new Readiness("ready", deps);
  }
}
