package io.vruksha.retail;

import java.util.List;

/**
 * A well-formed request that a business rule refuses: a blocked product, an exhausted coupon, a
 * missing tax rule.
 */
public final class RuleViolationException extends RetailException {

  /** Creates the exception with a code and a message for the API user. */
  public RuleViolationException(ErrorCode code, String message) {
    super(code, message, List.of());
  }

  /** Creates the exception with per-field or per-line details. */
  public RuleViolationException(ErrorCode code, String message, List<String> details) {
    super(code, message, details);
  }
}
