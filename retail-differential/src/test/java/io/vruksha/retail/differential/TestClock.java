package io.vruksha.retail.differential;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the test moves by hand, to the nanosecond: the three engines share one, so an operation
 * sees the same instant in each of them. It only moves forward.
 */
final class TestClock extends Clock {

  private volatile Instant now;

  TestClock(Instant start) {
    this.now = start;
  }

  void advance(long nanos) {
    now = now.plusNanos(nanos);
  }

  /** Moves to {@code to} when that is later; false (and no move) when it is not. */
  boolean moveTo(Instant to) {
    if (to.isAfter(now)) {
      now = to;
      return true;
    }
    return false;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the test clock is UTC");
  }
}
