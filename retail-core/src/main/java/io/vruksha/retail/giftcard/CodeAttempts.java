package io.vruksha.retail.giftcard;

import java.time.Instant;
import java.util.Optional;

/**
 * The wrong gift card codes counted for one source (a member of staff, a till) at a store.
 *
 * @param failures wrong codes in a row, forgotten a day after the last one
 * @param lastFailure when the last one was entered
 * @param blockedUntil until when every code from the source is refused
 */
public record CodeAttempts(
    int failures, Optional<Instant> lastFailure, Optional<Instant> blockedUntil) {

  /** No failures. */
  public static final CodeAttempts NONE = new CodeAttempts(0, Optional.empty(), Optional.empty());

  /** True when codes from the source are refused at {@code at}. */
  public boolean blockedAt(Instant at) {
    return blockedUntil.map(at::isBefore).orElse(false);
  }
}
