package io.vruksha.retail.giftcard;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How wrong gift card codes lock their source out, as the staff login throttle does (schema V15):
 * the first {@code free} wrong codes in a row cost nothing; from the {@code free}-th on each one
 * blocks the source for {@code firstWait}, doubling with every further one up to {@code maxWait}.
 * Failures are forgotten {@code forgetAfter} after the last one, or when a manager lifts the
 * lock-out. A right code does not clear them: a guesser holding one real card cannot reset the
 * count with it.
 *
 * @param free wrong codes in a row before the first wait
 * @param firstWait the first wait
 * @param maxWait the longest wait
 * @param forgetAfter how long after the last wrong code the count starts again
 */
public record CodeLockout(int free, Duration firstWait, Duration maxWait, Duration forgetAfter) {

  /** Five free wrong codes, then one minute doubling up to an hour; forgotten after a day. */
  public static final CodeLockout DEFAULT =
      new CodeLockout(5, Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(1));

  /** Validates the figures. */
  public CodeLockout {
    if (free < 1 || free > 20) {
      throw new IllegalArgumentException("1 to 20 free wrong codes, not " + free);
    }
    if (firstWait.isNegative() || firstWait.isZero() || maxWait.compareTo(firstWait) < 0) {
      throw new IllegalArgumentException("a positive first wait no longer than the longest wait");
    }
  }

  /**
   * The attempts after one more wrong code at {@code at}, starting from {@code before}: the count
   * starts again when the last failure is {@code forgetAfter} old.
   */
  public CodeAttempts failed(CodeAttempts before, Instant at) {
    boolean forgotten =
        before.lastFailure().map(l -> !at.isBefore(l.plus(forgetAfter))).orElse(true);
    int failures = (forgotten ? 0 : before.failures()) + 1;
    Optional<Instant> until = Optional.empty();
    if (failures >= free) {
      long factor = 1L << Math.min(failures - free, 30);
      Duration wait = firstWait.multipliedBy(factor);
      until = Optional.of(at.plus(wait.compareTo(maxWait) > 0 ? maxWait : wait));
    }
    return new CodeAttempts(failures, Optional.of(at), until);
  }
}
