package io.vruksha.retail;

import java.util.List;

/** The caller lacks a permission the operation needs, for example a supervisor's price override. */
public final class PermissionDeniedException extends RetailException {

  /** Creates the exception with a code and a message for the API user. */
  public PermissionDeniedException(ErrorCode code, String message) {
    super(code, message, List.of());
  }

  /** Creates the exception with per-field or per-line details. */
  public PermissionDeniedException(ErrorCode code, String message, List<String> details) {
    super(code, message, details);
  }
}
