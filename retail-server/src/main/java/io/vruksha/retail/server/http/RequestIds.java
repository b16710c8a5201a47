package io.vruksha.retail.server.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * {@code X-Request-Id}: taken from the request when it is a sensible id (up to 128 letters, digits
 * and {@code -_.:}), else made up; echoed on the response, put in the logs' context.
 */
public final class RequestIds {

  /** The header. */
  public static final String HEADER = "X-Request-Id";

  /** The context attribute holding the id. */
  public static final String ATTRIBUTE = "requestId";

  private static final Pattern SENSIBLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private RequestIds() {}

  /** Assigns the request its id. */
  public static void assign(Context ctx) {
    String given = ctx.header(HEADER);
    String id =
        given != null && SENSIBLE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    ctx.attribute(ATTRIBUTE, id);
    ctx.header(HEADER, id);
    MDC.put("requestId", id);
  }
}
