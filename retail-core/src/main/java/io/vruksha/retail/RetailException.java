package io.vruksha.retail;

import java.util.List;
import java.util.Objects;

/**
 * The one unchecked exception the engine throws for a broken precondition or a refused operation.
 *
 * <p>It carries a stable {@link ErrorCode} and a message written for the person calling the API
 * ("SKU 4006381333931 has 2 available, 3 requested"). Details name individual offending fields or
 * lines. Adapters translate vendor exceptions into this type so none crosses a port.
 *
 * <p>The hierarchy is sealed: {@link InvalidInputException}, {@link NotFoundException}, {@link
 * PermissionDeniedException}, {@link RuleViolationException} and {@link UnavailableException}.
 * Callers that only care about the code switch on {@link #code()}.
 */
public abstract sealed class RetailException extends RuntimeException
    permits InvalidInputException,
        NotFoundException,
        PermissionDeniedException,
        RuleViolationException,
        UnavailableException {

  private final ErrorCode code;
  private final List<String> details;

  RetailException(ErrorCode code, String message, List<String> details) {
    super(Objects.requireNonNull(message, "message"));
    this.code = Objects.requireNonNull(code, "code");
    this.details = List.copyOf(details);
  }

  /** The stable code of this failure. */
  public ErrorCode code() {
    return code;
  }

  /** Field- or line-level details, possibly empty, never null. */
  public List<String> details() {
    return details;
  }
}
