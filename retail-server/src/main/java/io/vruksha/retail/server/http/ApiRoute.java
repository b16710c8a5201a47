package io.vruksha.retail.server.http;

import io.javalin.http.HandlerType;
import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.store.Role;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One route of the API, with everything the server and its OpenAPI document need to know: method
 * and path (with {@code {param}}s), who may call it, the request body's type, the type of the
 * {@code data} it answers with and the status of a success. A route cannot exist without its
 * documentation: the OpenAPI document is generated from this table.
 *
 * @param method the HTTP method
 * @param path the path under the server root, e.g. {@code /api/v1/stores/{storeId}/sales}
 * @param tag the group it is listed under
 * @param summary one line for the documentation
 * @param access who may call it
 * @param minimumRole the least role a token needs (ignored for {@link Access#PUBLIC})
 * @param requestType the body's type, if it takes one
 * @param responseType the type of {@code data} in the success envelope
 * @param successStatus the status of a success (200, 201)
 * @param idempotencyKey whether an {@code Idempotency-Key} header is required
 * @param raw whether the handler's result is the whole body (a string as text, anything else as
 *     JSON) rather than the {@code data} of the success envelope: {@code /health}, {@code /metrics}
 * @param handler the code
 * @param queryParams the query parameters it takes; any other is refused with a 400
 * @param errors the errors its handler can answer, beside those every route of its shape can (a bad
 *     token, a malformed body, an unknown query parameter, ...: see {@link
 *     OpenApiDocument#errors}); the OpenAPI document lists each code under its status
 */
public record ApiRoute(
    HandlerType method,
    String path,
    String tag,
    String summary,
    Access access,
    Role minimumRole,
    Optional<Class<?>> requestType,
    Type responseType,
    int successStatus,
    boolean idempotencyKey,
    boolean raw,
    ApiHandler handler,
    List<QueryParam> queryParams,
    List<Refusal> errors) {

  /** Who may call a route. */
  public enum Access {
    /** Anyone, without a token. */
    PUBLIC,
    /** Any valid token with the minimum role. */
    AUTHENTICATED,
    /** A token for the store in the path ({@code {storeId}}) with the minimum role. */
    STORE
  }

  /**
   * An error a route can answer: its status and the {@code code} of the error body.
   *
   * @param status the HTTP status, 400 to 599
   * @param code the stable machine code, e.g. {@code stock.insufficient}
   */
  public record Refusal(int status, String code) implements Comparable<Refusal> {
    /** Checks the parts. */
    public Refusal {
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("an error's status is 4xx or 5xx, not " + status);
      }
      Objects.requireNonNull(code, "code");
    }

    /** An engine code under the status the server gives it. */
    public static Refusal of(ErrorCode code) {
      return new Refusal(Errors.status(code), code.code());
    }

    @Override
    public int compareTo(Refusal o) {
      return status != o.status ? Integer.compare(status, o.status) : code.compareTo(o.code);
    }
  }

  /** The code behind a route: returns the response's {@code data}. */
  @FunctionalInterface
  public interface ApiHandler {
    /** Handles a call. */
    Object handle(ApiCall call) throws Exception;
  }

  /** Checks the parts. */
  public ApiRoute {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(minimumRole, "minimumRole");
    Objects.requireNonNull(requestType, "requestType");
    Objects.requireNonNull(responseType, "responseType");
    Objects.requireNonNull(handler, "handler");
    queryParams = List.copyOf(queryParams);
    errors = List.copyOf(new LinkedHashSet<>(errors));
    if (queryParams.stream().map(QueryParam::name).distinct().count() != queryParams.size()) {
      throw new IllegalArgumentException(path + " declares a query parameter twice");
    }
    if (access == Access.STORE && !path.contains("{storeId}")) {
      throw new IllegalArgumentException(path + " is store-scoped but has no {storeId}");
    }
  }

  /** The same route with another handler (a view of the handler's result). */
  public ApiRoute withHandler(ApiHandler newHandler) {
    return new ApiRoute(
        method,
        path,
        tag,
        summary,
        access,
        minimumRole,
        requestType,
        responseType,
        successStatus,
        idempotencyKey,
        raw,
        newHandler,
        queryParams,
        errors);
  }

  /** Whether the path names a store. */
  public boolean storeScoped() {
    return access == Access.STORE;
  }

  /** A builder for a route. */
  public static Builder route(HandlerType method, String path) {
    return new Builder(method, path);
  }

  /** Builds an {@link ApiRoute}. */
  public static final class Builder {
    private final HandlerType method;
    private final String path;
    private String tag = "general";
    private String summary = "";
    private Access access = Access.STORE;
    private Role minimumRole = Role.CASHIER;
    private Optional<Class<?>> requestType = Optional.empty();
    private Type responseType = Void.class;
    private int successStatus = 200;
    private boolean idempotencyKey;
    private boolean raw;
    private final List<QueryParam> queryParams = new ArrayList<>();
    private final List<Refusal> errors = new ArrayList<>();

    private Builder(HandlerType method, String path) {
      this.method = method;
      this.path = path;
    }

    /** Its group and one-line summary. */
    public Builder doc(String newTag, String newSummary) {
      this.tag = newTag;
      this.summary = newSummary;
      return this;
    }

    /** Open to anyone. */
    public Builder open() {
      this.access = Access.PUBLIC;
      return this;
    }

    /** Any valid token with at least {@code role}. */
    public Builder anyStore(Role role) {
      this.access = Access.AUTHENTICATED;
      this.minimumRole = role;
      return this;
    }

    /** A token for the path's store with at least {@code role} (the default, with CASHIER). */
    public Builder role(Role role) {
      this.minimumRole = role;
      return this;
    }

    /** Takes a body of {@code type}. */
    public Builder body(Class<?> type) {
      this.requestType = Optional.of(type);
      return this;
    }

    /** Answers with data of {@code type}. */
    public Builder returns(Type type) {
      this.responseType = type;
      return this;
    }

    /** Answers 201 Created. */
    public Builder created() {
      this.successStatus = 201;
      return this;
    }

    /** Requires an {@code Idempotency-Key} header. */
    public Builder idempotent() {
      this.idempotencyKey = true;
      return this;
    }

    /** Answers with the handler's result as the whole body, without the envelope. */
    public Builder raw() {
      this.raw = true;
      return this;
    }

    /** Takes these query parameters (a route takes no other). */
    public Builder query(QueryParam... params) {
      queryParams.addAll(List.of(params));
      return this;
    }

    /**
     * May answer these engine codes (each under the status {@link Errors#status} gives it), beside
     * those of every route of its shape.
     */
    public Builder errors(ErrorCode... codes) {
      for (ErrorCode c : codes) {
        errors.add(Refusal.of(c));
      }
      return this;
    }

    /** May answer {@code status} with {@code code}, a refusal of the server's own. */
    public Builder error(int status, String code) {
      errors.add(new Refusal(status, code));
      return this;
    }

    /** The route. */
    public ApiRoute to(ApiHandler handler) {
      return new ApiRoute(
          method,
          path,
          tag,
          summary,
          access,
          minimumRole,
          requestType,
          responseType,
          successStatus,
          idempotencyKey,
          raw,
          handler,
          queryParams,
          errors);
    }
  }
}
