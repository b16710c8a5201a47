package io.vruksha.retail.till;

import java.util.List;

/**
 * The centre answered and refused the request: a document that does not continue the till's chain
 * at the centre or does not match its journal entry ({@code 422 TILL_CHAIN_BROKEN}), a till or
 * store that does not match the path, a token that may not push for this store (401, 403). Trying
 * again sends the same thing and is refused again: a person must look. A sequence gap (409) is the
 * one refusal a till recovers from by itself: {@link SequenceGapException}.
 */
public class CentreRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final List<String> details;

  /** A refusal with the centre's status, error code and message. */
  public CentreRefusedException(int status, String code, String message, List<String> details) {
    super("the centre refused (" + status + " " + code + "): " + message);
    this.status = status;
    this.code = code;
    this.details = List.copyOf(details);
  }

  /** The HTTP status, e.g. 422. */
  public int status() {
    return status;
  }

  /** The centre's error code, e.g. {@code till.chain_broken}. */
  public String code() {
    return code;
  }

  /** The details of the centre's error body. */
  public List<String> details() {
    return details;
  }
}
