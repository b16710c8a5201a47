package io.vruksha.retail.server.http;

import io.javalin.http.Context;
import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.auth.Principal;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.StoreId;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One call of a route, as its handler sees it: the principal, the path's store, path and query
 * parameters, the body read as the route's request type, and the idempotency key.
 */
public final class ApiCall {

  private final Context ctx;
  private final ApiRoute route;
  private final Optional<Principal> principal;
  private final Object body;

  ApiCall(Context ctx, ApiRoute route, Optional<Principal> principal, Object body) {
    this.ctx = ctx;
    this.route = route;
    this.principal = principal;
    this.body = body;
  }

  /** The Javalin context, for what this class does not cover. */
  public Context context() {
    return ctx;
  }

  /** The verified principal; routes that are not public always have one. */
  public Principal principal() {
    return principal.orElseThrow(() -> ApiProblem.unauthenticated("a bearer token is required"));
  }

  /** The engine's actor for the principal. */
  public Actor actor() {
    return principal().actor();
  }

  /** The store in the path, already checked against the token. */
  public StoreId store() {
    return StoreId.of(ctx.pathParam("storeId"));
  }

  /** A path parameter. */
  public String path(String name) {
    return ctx.pathParam(name);
  }

  /** The body, read as the route's request type. */
  public <T> T body(Class<T> type) {
    if (body == null) {
      throw BadJson.because("a JSON body is required");
    }
    return type.cast(body);
  }

  /** The {@code Idempotency-Key} header (required by routes that declare it). */
  public String idempotencyKey() {
    return ctx.header("Idempotency-Key");
  }

  /** A query parameter, if given and not blank. */
  public Optional<String> query(String name) {
    return Optional.ofNullable(ctx.queryParam(name)).filter(s -> !s.isBlank());
  }

  /** A date query parameter ({@code YYYY-MM-DD}), if given. */
  public Optional<LocalDate> date(String name) {
    return query(name)
        .map(
            s -> {
              try {
                return LocalDate.parse(s);
              } catch (DateTimeParseException e) {
                throw new InvalidInputException(
                    ErrorCode.VALIDATION, name + "=" + s + " is not a date (YYYY-MM-DD)");
              }
            });
  }

  /** The route being called. */
  public ApiRoute route() {
    return route;
  }
}
