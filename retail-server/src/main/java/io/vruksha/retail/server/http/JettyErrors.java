package io.vruksha.retail.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors, for requests it refuses before any route sees them (a URI or headers too
 * large, a request that is not HTTP), in the API's error envelope {@code {"error", "code",
 * "details", "timestamp"}} as JSON rather than Jetty's HTML page. The message is ours, never
 * Jetty's: it names neither the server nor its version.
 */
public final class JettyErrors extends ErrorHandler {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The envelope of a Jetty error with {@code status}. */
  static byte[] body(int status) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message(status));
    body.put("code", code(status));
    body.put("details", List.of());
    body.put("timestamp", Instant.now().toString());
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String code(int status) {
    return switch (status) {
      case 400 -> "request.malformed";
      case 413 -> "request.too_large";
      case 414 -> "request.uri_too_long";
      case 431 -> "request.headers_too_large";
      default -> status >= 500 ? "internal" : "request.refused";
    };
  }

  private static String message(int status) {
    return switch (status) {
      case 400 -> "the request is not well-formed HTTP";
      case 413 -> "the request is too large";
      case 414 -> "the request's URI is too long";
      case 431 -> "the request's headers are too large";
      default -> status >= 500 ? "the server failed" : "the request was refused";
    };
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body(code)), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(body(status));
  }
}
