package io.vruksha.retail;

import java.util.List;

/**
 * Input that breaks a documented precondition: a negative quantity, a malformed barcode, an amount
 * with too many decimals.
 */
public final class InvalidInputException extends RetailException {

  /** Creates the exception with a code and a message for the API user. */
  public InvalidInputException(ErrorCode code, String message) {
    super(code, message, List.of());
  }

  /** Creates the exception with per-field or per-line details. */
  public InvalidInputException(ErrorCode code, String message, List<String> details) {
    super(code, message, details);
  }
}
