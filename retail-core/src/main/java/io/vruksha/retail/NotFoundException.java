package io.vruksha.retail;

import java.util.List;

/** A lookup by identity (SKU, barcode, price, rule) that found nothing the operation needs. */
public final class NotFoundException extends RetailException {

  /** Creates the exception with a code and a message for the API user. */
  public NotFoundException(ErrorCode code, String message) {
    super(code, message, List.of());
  }

  /** Creates the exception with per-field or per-line details. */
  public NotFoundException(ErrorCode code, String message, List<String> details) {
    super(code, message, details);
  }
}
