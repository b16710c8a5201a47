package io.vruksha.retail.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RetailException;
import io.vruksha.retail.auth.Principal;
import io.vruksha.retail.auth.Tokens;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.UnitOfWork;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Puts the route table on Javalin. Every call goes through the same steps, in this order: request
 * id; rate limit by address; bearer token (401 without a valid one); rate limit by token; the
 * path's store against the token's stores and the role against the route's minimum (403); the
 * {@code Idempotency-Key} where required (400 without, 409 while the same key is in flight); the
 * body's size (413) and JSON (400); the handler; the success envelope {@code {"success": true,
 * "data": ..., "timestamp": ...}} or the error body (a raw route answers its body as it is; one
 * that answers {@link Versioned} sets the {@code ETag} and answers 304 to a matching {@code
 * If-None-Match}). Each call is counted into {@code http.server.requests} by method, route and
 * status, and timed into {@code http.server.duration} by group of routes (the checkout its own);
 * errors are counted by status into {@code http.server.errors}.
 */
public final class Api {

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:/-]{1,128}");

  private final List<ApiRoute> routes;
  private final Tokens tokens;
  private final RateLimits limits;
  private final MeterRegistry metrics;
  private final long maxBodyBytes;
  private final UnitOfWork work;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

  /**
   * The API of {@code routes}. Each call of a route runs {@link
   * io.vruksha.retail.work.UnitOfWork#within within} the stores it is for ({@code work}'s scope):
   * the path's store, or for a route of no one store the stores the token names (none for a token
   * for every store). With PostgreSQL's row-level security nothing the call reads or writes is of
   * another store, whichever port it goes through.
   */
  public Api(
      List<ApiRoute> routes,
      Tokens tokens,
      RateLimits limits,
      MeterRegistry metrics,
      long maxBodyBytes,
      UnitOfWork work) {
    this.work = work;
    this.routes = List.copyOf(routes);
    this.tokens = tokens;
    this.limits = limits;
    this.metrics = metrics;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The routes, for the OpenAPI document and the tests. */
  public List<ApiRoute> routes() {
    return routes;
  }

  /** Registers every route on {@code config}. */
  public void register(JavalinConfig config) {
    for (ApiRoute route : routes) {
      config.routes.addHttpHandler(route.method(), route.path(), ctx -> call(route, ctx));
    }
  }

  /** The success envelope. */
  public static Map<String, Object> envelope(Object data) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("data", data);
    body.put("timestamp", Instant.now().toString());
    return body;
  }

  /** Set on every call a route handled, so the 404 page is only for paths no route matched. */
  public static final String HANDLED = "vruksha.handled";

  private void call(ApiRoute route, Context ctx) {
    ctx.attribute(HANDLED, Boolean.TRUE);
    long start = System.nanoTime();
    try {
      Optional<Principal> principal = authorise(route, ctx);
      checkQuery(route, ctx);
      Object body = null;
      if (route.requestType().isPresent()) {
        if (route.access() == ApiRoute.Access.PUBLIC) {
          requireJson(ctx);
        }
        body = readBody(route.requestType().get(), ctx);
      }
      String flightKey = null;
      if (route.idempotencyKey()) {
        String key = ctx.header("Idempotency-Key");
        if (key == null || !KEY.matcher(key).matches()) {
          throw ApiProblem.badRequest(
              "idempotency.key_required",
              "this request creates a record: send an Idempotency-Key header of 1 to 128 letters,"
                  + " digits and . _ : / -");
        }
        flightKey =
            route.path() + "|" + (route.storeScoped() ? ctx.pathParam("storeId") : "") + "|" + key;
        if (!inFlight.add(flightKey)) {
          throw new ApiProblem(
              409,
              "idempotency.in_flight",
              "a request with this Idempotency-Key is still being processed; retry shortly",
              List.of());
        }
      }
      try {
        ApiCall call = new ApiCall(ctx, route, principal, body);
        Object data;
        Set<StoreId> stores = stores(route, ctx, principal);
        try {
          data = handle(route, call, stores, principal);
        } catch (RetailException e) {
          if (flightKey == null || e.code() != ErrorCode.DUPLICATE) {
            throw e;
          }
          // another process committed this Idempotency-Key first and this attempt rolled back:
          // once more, the engine finds the stored result and answers it
          data = handle(route, call, stores, principal);
        }
        if (!route.raw()) {
          ctx.status(route.successStatus()).json(envelope(data));
        } else if (data instanceof Versioned v) {
          ctx.header("ETag", v.etag());
          if (v.matches(ctx.header("If-None-Match"))) {
            ctx.status(304);
          } else {
            ctx.status(route.successStatus()).contentType("application/json").result(v.json());
          }
        } else if (data instanceof String text) {
          ctx.status(route.successStatus()).result(text);
        } else {
          ctx.status(route.successStatus()).json(data);
        }
      } finally {
        if (flightKey != null) {
          inFlight.remove(flightKey);
        }
      }
    } catch (RateLimits.RateLimited limited) {
      ctx.header("Retry-After", Long.toString(limited.retryAfterSeconds()));
      Errors.handle(limited.problem(), ctx);
    } catch (Exception e) {
      Errors.handle(e, ctx);
    } finally {
      long took = System.nanoTime() - start;
      String status = Integer.toString(ctx.statusCode());
      // a scrape stays small (under 100 KB with traffic on every route and two statuses each;
      // a percentile histogram per route and status made it 1.19 MB): counts by route and status,
      // latency buckets by group of routes, the checkout in a group of its own
      metrics
          .counter(
              "http.server.requests",
              "method",
              route.method().name(),
              "route",
              route.path(),
              "status",
              status)
          .increment();
      Timer.builder("http.server.duration")
          .serviceLevelObjectives(LATENCY_BUCKETS)
          .tag("group", latencyGroup(route))
          .register(metrics)
          .record(took, TimeUnit.NANOSECONDS);
      if (ctx.statusCode() >= 400) {
        metrics.counter("http.server.errors", "status", status).increment();
      }
    }
  }

  /**
   * The latency buckets of {@code http.server.duration}: the SLOs the alert rules use, and more.
   */
  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(10),
    Duration.ofMillis(50),
    Duration.ofMillis(200),
    Duration.ofSeconds(1),
    Duration.ofSeconds(5)
  };

  /** The route of a checkout, timed as a group of its own ({@code group="checkout"}). */
  static final String CHECKOUT = "/api/v1/stores/{storeId}/sales";

  /** A route's latency group: its group in the API document, or {@code checkout}. */
  static String latencyGroup(ApiRoute route) {
    return route.method() == HandlerType.POST && route.path().equals(CHECKOUT)
        ? "checkout"
        : route.tag();
  }

  /** The stores a call is for: the path's, else the token's own (none for every store). */
  private static Set<StoreId> stores(ApiRoute route, Context ctx, Optional<Principal> principal) {
    if (route.storeScoped()) {
      return Set.of(StoreId.of(ctx.pathParam("storeId")));
    }
    return principal
        .map(
            p ->
                p.stores().stream()
                    .filter(s -> !s.equals(Principal.ALL_STORES))
                    .map(StoreId::of)
                    .collect(Collectors.toUnmodifiableSet()))
        .orElse(Set.of());
  }

  /**
   * Runs the handler within the call's stores and as its token's subject ({@link
   * io.vruksha.retail.work.UnitOfWork#actingAs}): every audit row the call writes names the member
   * of staff or API client the token speaks for.
   */
  private Object handle(
      ApiRoute route, ApiCall call, Set<StoreId> stores, Optional<Principal> principal)
      throws Exception {
    if (stores.isEmpty() && principal.isEmpty()) {
      return route.handler().handle(call);
    }
    Supplier<Object> handler =
        () -> {
          try {
            return route.handler().handle(call);
          } catch (RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new Checked(e);
          }
        };
    Supplier<Object> scoped = stores.isEmpty() ? handler : () -> work.within(stores, handler);
    try {
      return principal.isEmpty() ? scoped.get() : work.actingAs(principal.get().subject(), scoped);
    } catch (Checked c) {
      throw c.checked;
    }
  }

  /** Carries a handler's checked exception through {@code within}. */
  private static final class Checked extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Exception checked;

    Checked(Exception checked) {
      super(checked.getMessage(), checked, false, false);
      this.checked = checked;
    }
  }

  private Optional<Principal> authorise(ApiRoute route, Context ctx) {
    limits.takeForIp(ctx.ip());
    if (route.access() == ApiRoute.Access.PUBLIC) {
      return Optional.empty();
    }
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiProblem.unauthenticated("a bearer token is required (Authorization: Bearer ...)");
    }
    String token = header.substring(7).trim();
    Principal principal = tokens.verify(token);
    limits.takeForToken(principal.subject() + "|" + Integer.toHexString(token.hashCode()));
    if (route.access() == ApiRoute.Access.STORE) {
      String store = ctx.pathParam("storeId");
      if (!principal.mayAccess(StoreId.of(store))) {
        throw ApiProblem.forbidden("this token may not touch store " + store);
      }
    }
    if (!principal.atLeast(route.minimumRole())) {
      throw ApiProblem.forbidden(
          "this needs the "
              + route.minimumRole()
              + " role or above; the token has "
              + principal.role());
    }
    return Optional.of(principal);
  }

  /**
   * A route without a token (the login) takes only {@code application/json}: a browser sends {@code
   * text/plain}, form and multipart bodies from any web page without asking the server first (no
   * CORS preflight), so another site could make a visitor's browser log in.
   */
  private static void requireJson(Context ctx) {
    String type = ctx.header("Content-Type");
    String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!media.equals("application/json")) {
      throw new ApiProblem(
          415,
          "request.unsupported_media_type",
          "send the body as Content-Type: application/json",
          List.of("Content-Type"));
    }
  }

  /**
   * Refuses a query parameter the route does not declare, like an unknown body field: {@code
   * ?number=} on a route that does not take it would otherwise answer everything. A declared one is
   * given at most once and in its format.
   */
  private static void checkQuery(ApiRoute route, Context ctx) {
    for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
      String name = e.getKey();
      QueryParam declared =
          route.queryParams().stream().filter(q -> q.name().equals(name)).findFirst().orElse(null);
      if (declared == null) {
        String shown = name.length() > 64 ? name.substring(0, 64) + "..." : name;
        throw new ApiProblem(
            400,
            "request.unknown_parameter",
            "unknown query parameter '"
                + shown
                + "': "
                + (route.queryParams().isEmpty()
                    ? "this route takes none"
                    : "this route takes "
                        + String.join(
                            ", ", route.queryParams().stream().map(QueryParam::name).toList())),
            List.of(shown));
      }
      if (e.getValue().size() > 1) {
        throw new ApiProblem(
            400,
            "request.repeated_parameter",
            "query parameter '" + name + "' is given more than once",
            List.of(name));
      }
      String value = e.getValue().get(0);
      if (!value.isBlank()) {
        declared.check(value);
      }
    }
  }

  /**
   * A body declared over the limit by at most this factor is read and thrown away before the 413
   * goes out. Closing the connection under a client still sending (what the server does with an
   * unread body) reads to most clients, Java's among them, as no answer at all, so a till could not
   * tell "too large" from "unreachable". Larger bodies are not read.
   */
  static final long DRAINED_OVER_THE_LIMIT = 16;

  private Object readBody(Class<?> type, Context ctx) {
    long length = ctx.contentLength();
    if (length > maxBodyBytes) {
      if (length <= DRAINED_OVER_THE_LIMIT * maxBodyBytes) {
        drain(ctx);
      }
      throw new ApiProblem(
          413, "request.too_large", "the body is over " + maxBodyBytes + " bytes", List.of());
    }
    byte[] bytes;
    try {
      bytes = ctx.bodyAsBytes();
    } catch (HttpResponseException e) {
      throw new ApiProblem(
          413, "request.too_large", "the body is over " + maxBodyBytes + " bytes", List.of());
    }
    if (bytes.length > maxBodyBytes) {
      throw new ApiProblem(
          413, "request.too_large", "the body is over " + maxBodyBytes + " bytes", List.of());
    }
    return Json.readBody(bytes, type);
  }

  /** Reads the request's body to its end and forgets it. */
  private static void drain(Context ctx) {
    try (InputStream in = ctx.req().getInputStream()) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // the client went while sending: there is no one to answer, and Errors logs the hang-up
    }
  }
}
