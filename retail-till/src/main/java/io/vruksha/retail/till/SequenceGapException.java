package io.vruksha.retail.till;

import java.util.List;

/**
 * The centre expected another sequence than the first new document of a batch ({@code 409
 * TILL_SEQUENCE_GAP}) and applied nothing: the till re-reads the centre's position and sends again
 * from there.
 */
public final class SequenceGapException extends CentreRefusedException {
  private static final long serialVersionUID = 1L;

  /** A gap, as the centre described it. */
  public SequenceGapException(String code, String message, List<String> details) {
    super(409, code, message, details);
  }
}
