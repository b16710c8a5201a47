package io.vruksha.retail.server.http;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RetailException;
import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure as the one error body — {@code {"error", "code", "details", "timestamp"}} — with
 * its HTTP status, in one place. Engine codes map to statuses here; nothing else decides them. An
 * unexpected failure is logged with the request id and answered 500 without a stack trace, SQL or
 * class name. A client that hangs up before its body is read is one INFO line, not an error.
 */
public final class Errors {

  private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

  private Errors() {}

  /** The HTTP status of an engine error code. */
  public static int status(ErrorCode code) {
    return switch (code) {
      case VALIDATION,
          CURRENCY_MISMATCH,
          ROUNDING_REQUIRED,
          QUANTITY_PRECISION,
          BARCODE_INVALID,
          CATEGORY_INVALID,
          PROMOTION_INVALID,
          TAX_RULE_INVALID ->
          400;
      case UNAUTHENTICATED -> 401;
      case PERMISSION_REQUIRED -> 403;
      case NOT_FOUND -> 404;
      case STOCK_INSUFFICIENT,
          SHIFT_STATE,
          COUPON_EXHAUSTED,
          DUPLICATE,
          ORDER_STATE,
          SLOT_FULL,
          PAYMENT_STATE,
          TILL_SEQUENCE_GAP ->
          409;
      case SKU_UNKNOWN,
          BARCODE_UNKNOWN,
          PRODUCT_BLOCKED,
          PRICE_NOT_FOUND,
          COUPON_INVALID,
          TAX_RULE_MISSING,
          TENDER_INSUFFICIENT,
          TENDER_INVALID,
          POINTS_INSUFFICIENT,
          IDEMPOTENCY_MISMATCH,
          RETURN_INVALID,
          WARRANTY_INVALID,
          GIFT_CARD_INVALID,
          GIFT_CARD_EXPIRED,
          TILL_CHAIN_BROKEN ->
          422;
      case GIFT_CARD_LOCKED -> 429;
      case UNAVAILABLE -> 503;
      case JOURNAL_BROKEN -> 500;
    };
  }

  /** Writes an error body. */
  public static void write(
      Context ctx, int status, String code, String message, List<String> details) {
    write(ctx, status, code, message, details, Map.of());
  }

  private static void write(
      Context ctx,
      int status,
      String code,
      String message,
      List<String> details,
      Map<String, String> fields) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("code", code);
    body.put("details", details);
    body.putAll(new TreeMap<>(fields));
    body.put("timestamp", Instant.now().toString());
    ctx.status(status).json(body);
  }

  /** The {@code Retry-After} of a 503: a failover or a restart is over in seconds. */
  static final String RETRY_AFTER_SECONDS = "1";

  /** Answers {@code e} as an error body. */
  public static void handle(Exception e, Context ctx) {
    if (e instanceof ApiProblem p) {
      write(ctx, p.status(), p.code(), p.getMessage(), p.details(), p.fields());
    } else if (e instanceof BadJson b) {
      write(ctx, 400, "request.malformed", b.getMessage(), b.details());
    } else if (e instanceof RetailException r) {
      int status = status(r.code());
      if (status >= 500) {
        // the cause (a database's or broker's message: tables, indexes, SQL) goes to the log only
        LOG.error("request {} failed: {}", ctx.attribute(RequestIds.ATTRIBUTE), r.getMessage(), r);
        if (status == 503) {
          // a dependency away (a database failing over, NATS restarting): a client may retry,
          // under the same Idempotency-Key, after this many seconds
          ctx.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        write(
            ctx,
            status,
            r.code().code(),
            (status == 503
                    ? "a service the server depends on is unavailable; retry shortly"
                    : "the server failed to complete the request")
                + "; quote request id "
                + ctx.attribute(RequestIds.ATTRIBUTE),
            List.of());
        return;
      }
      write(ctx, status, r.code().code(), r.getMessage(), r.details());
    } else if (e instanceof HttpResponseException h) {
      // a missing field is refused by the request's shape (RequestShape) before any record is
      // made, so a NullPointerException is a bug: 500 with the request id, never a guessed 400
      write(ctx, h.getStatus(), "http." + h.getStatus(), h.getMessage(), List.of());
    } else if (clientHungUp(e)) {
      // a till on a flaky link, or killed mid-push: ordinary, and nothing of the server's to fix;
      // it retries the same documents under the same key when it is back
      LOG.info(
          "request {}: {} {} from {}: client closed the connection before the body was read",
          ctx.attribute(RequestIds.ATTRIBUTE),
          ctx.method(),
          ctx.path(),
          ctx.ip());
      // nobody reads this answer; it keeps the request log's status true (not a 500)
      write(
          ctx,
          400,
          "request.malformed",
          "the connection closed before the body's " + ctx.contentLength() + " bytes arrived",
          List.of());
    } else {
      LOG.error("request {} failed unexpectedly", ctx.attribute(RequestIds.ATTRIBUTE), e);
      write(
          ctx,
          500,
          "system.internal",
          "the server failed to complete the request; quote request id "
              + ctx.attribute(RequestIds.ATTRIBUTE),
          List.of());
    }
  }

  /**
   * Whether {@code e} is the client going away while its body was read: Jetty's {@link
   * EofException} (its {@code HttpEofException} too) or an I/O "early EOF", however wrapped. Asked
   * only of failures no engine code or adapter made: a database connection lost mid-query is a
   * {@link RetailException} (503), never a hang-up.
   */
  static boolean clientHungUp(Throwable e) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof EofException) {
        return true;
      }
      if (t instanceof IOException
          && t.getMessage() != null
          && t.getMessage().toLowerCase(Locale.ROOT).contains("early eof")) {
        return true;
      }
    }
    return false;
  }
}
