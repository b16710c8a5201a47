package io.vruksha.retail.time;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The one place an instant is brought to the engine's precision: microseconds, truncated (never
 * rounded, so an instant never moves into the next second, day or year). Call {@link
 * #micros(Instant)} wherever an instant enters from outside the engine — a caller's basket time, an
 * API request body, an imported history row — and wrap a clock with {@link #microsClock(Clock)} so
 * every instant it hands out is already truncated.
 */
public final class Instants {

  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

  private Instants() {}

  /**
   * The instant truncated to microseconds: {@code 2026-03-29T01:59:59.123456789Z} becomes {@code
   * 2026-03-29T01:59:59.123456Z}; before 1970 it truncates towards the past as well.
   */
  public static Instant micros(Instant instant) {
    return Objects.requireNonNull(instant, "instant").truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * The first microsecond at or after the instant: {@code 2026-03-29T01:59:59.123456001Z} becomes
   * {@code 2026-03-29T01:59:59.123457Z}, one already in microseconds stays as it is. For the bound
   * of a look-up: every stored instant is in microseconds, so "at or after {@code t}" and "before
   * {@code t}" pick the same ones with {@code t} or with its ceiling, and PostgreSQL (which rounds
   * a finer bound to the nearest microsecond) then answers as the in-memory adapters do.
   */
  public static Instant microsCeiling(Instant instant) {
    Instant down = micros(instant);
    if (down.equals(instant)) {
      return instant;
    }
    // the last microsecond before Instant.MAX has no next one: no stored instant is above it
    return down.isBefore(Instant.MAX.truncatedTo(ChronoUnit.MICROS))
        ? down.plus(1, ChronoUnit.MICROS)
        : down;
  }

  /** {@link #micros(Instant)} of a value that may be absent; {@code null} stays {@code null}. */
  public static Instant microsOrNull(Instant instant) {
    return instant == null ? null : micros(instant);
  }

  /** Whether the instant has nothing finer than a microsecond. */
  public static boolean isMicros(Instant instant) {
    return instant.getNano() % 1_000 == 0;
  }

  /**
   * A clock whose every {@link Clock#instant()} is truncated to microseconds ({@link
   * Clock#millis()} is coarser already); a clock that already is one is returned as it is.
   */
  public static Clock microsClock(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    return clock instanceof MicrosClock ? clock : new MicrosClock(clock);
  }

  /**
   * The instant as exact decimal seconds since the epoch, e.g. {@code 1774749599.123456} — what
   * PostgreSQL's {@code extract(epoch from timestamptz)} gives, with no binary floating point on
   * the way, so two readings of one instant compare equal.
   */
  public static BigDecimal epochSeconds(Instant instant) {
    return BigDecimal.valueOf(instant.getEpochSecond())
        .add(BigDecimal.valueOf(instant.getNano()).divide(NANOS_PER_SECOND))
        .stripTrailingZeros();
  }

  /** The instant of exact decimal epoch seconds; finer than a nanosecond is refused. */
  public static Instant ofEpochSeconds(BigDecimal seconds) {
    BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
    BigDecimal nanos =
        seconds.subtract(whole).multiply(NANOS_PER_SECOND).setScale(0, RoundingMode.UNNECESSARY);
    return Instant.ofEpochSecond(whole.longValueExact(), nanos.longValueExact());
  }

  /** A clock that truncates what the clock it wraps reads to microseconds. Immutable. */
  private static final class MicrosClock extends Clock {
    private final Clock clock;

    MicrosClock(Clock clock) {
      this.clock = clock;
    }

    @Override
    public ZoneId getZone() {
      return clock.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return new MicrosClock(clock.withZone(zone));
    }

    @Override
    public Instant instant() {
      return micros(clock.instant());
    }

    @Override
    public long millis() {
      return clock.millis();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof MicrosClock other && clock.equals(other.clock);
    }

    @Override
    public int hashCode() {
      return clock.hashCode() ^ 0x6d696372;
    }

    @Override
    public String toString() {
      return "MicrosClock[" + clock + "]";
    }
  }
}
