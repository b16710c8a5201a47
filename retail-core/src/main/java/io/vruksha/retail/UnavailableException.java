package io.vruksha.retail;

import java.util.List;

/**
 * A dependency the engine needs — the database, the message bus — failed or cannot be reached.
 * Nothing was committed; the caller may retry (a till with its idempotency key) later.
 */
public final class UnavailableException extends RetailException {

  /** Creates the exception with a message for the operator; the cause is kept for logs. */
  public UnavailableException(String message, Throwable cause) {
    super(ErrorCode.UNAVAILABLE, message, List.of());
    initCause(cause);
  }
}
