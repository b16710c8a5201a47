package io.vruksha.retail.till;

/**
 * The centre did not answer, or answered that it cannot take the request now (a 5xx, a 429, a
 * connection refused or timed out): nothing is lost, the till keeps selling and tries again later.
 */
public final class CentreUnreachableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Unreachable, for {@code message}. */
  public CentreUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Unreachable, for {@code message}. */
  public CentreUnreachableException(String message) {
    super(message);
  }
}
