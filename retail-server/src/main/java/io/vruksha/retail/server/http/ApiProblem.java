package io.vruksha.retail.server.http;

import java.util.List;
import java.util.Map;

/**
 * A refusal that belongs to HTTP rather than to the engine: not authenticated, not allowed, too
 * large, too many requests, an idempotency key missing or in flight.
 */
public final class ApiProblem extends RuntimeException {

  private final int status;
  private final String code;
  private final List<String> details;
  private final Map<String, String> fields;

  /** A refusal with {@code status}, machine {@code code} and a message for people. */
  public ApiProblem(int status, String code, String message, List<String> details) {
    this(status, code, message, details, Map.of());
  }

  /**
   * A refusal that also names what it is about in fields of the error body beside {@code details},
   * for a program to read (the {@code shiftId} of the shift already open on a register).
   */
  public ApiProblem(
      int status, String code, String message, List<String> details, Map<String, String> fields) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = List.copyOf(details);
    this.fields = Map.copyOf(fields);
  }

  /** The error body's extra fields. */
  public Map<String, String> fields() {
    return fields;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The machine-readable code. */
  public String code() {
    return code;
  }

  /** Field-level details. */
  public List<String> details() {
    return details;
  }

  /** 401: no valid token. */
  public static ApiProblem unauthenticated(String why) {
    return new ApiProblem(401, "auth.unauthenticated", why, List.of());
  }

  /** 403: the token may not do this. */
  public static ApiProblem forbidden(String why) {
    return new ApiProblem(403, "auth.forbidden", why, List.of());
  }

  /** 400: a request that is not valid at the HTTP level. */
  public static ApiProblem badRequest(String code, String why) {
    return new ApiProblem(400, code, why, List.of());
  }

  /** 404: no such resource. */
  public static ApiProblem notFound(String why) {
    return new ApiProblem(404, "resource.not_found", why, List.of());
  }
}
