package io.vruksha.retail.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class InstantsTest {

  private static final Instant NANOS = Instant.parse("2026-03-29T01:59:59.123456789Z");

  @Test
  void microsDropsTheNanosecondDigitsWithoutRounding() {
    assertThat(Instants.micros(NANOS)).isEqualTo(Instant.parse("2026-03-29T01:59:59.123456Z"));
    // .999999999 stays in its second: truncation never carries into the next second or year
    assertThat(Instants.micros(Instant.parse("2026-12-31T23:59:59.999999999Z")))
        .isEqualTo(Instant.parse("2026-12-31T23:59:59.999999Z"));
  }

  @Test
  void microsTruncatesTowardsThePastBeforeTheEpoch() {
    Instant before = Instant.ofEpochSecond(-1, 999_999_999); // 1969-12-31T23:59:59.999999999Z
    assertThat(Instants.micros(before)).isEqualTo(Instant.ofEpochSecond(-1, 999_999_000));
  }

  @Test
  void aMicrosClockHandsOutOnlyMicroseconds() {
    Clock clock = Instants.microsClock(Clock.fixed(NANOS, ZoneId.of("Europe/Berlin")));

    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-29T01:59:59.123456Z"));
    assertThat(clock.getZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(clock.withZone(ZoneOffset.UTC).instant())
        .isEqualTo(Instant.parse("2026-03-29T01:59:59.123456Z"));
    assertThat(clock.millis()).isEqualTo(NANOS.toEpochMilli());
    assertThat(Instants.microsClock(clock)).isSameAs(clock);
  }

  @Test
  void anOffsetClockAcrossTheDaylightSavingChangeStaysMicroseconds() {
    // 01:59:59.123456789 UTC is 03:59:59 CEST in Berlin, an hour after clocks went forward
    Clock clock =
        Instants.microsClock(
            Clock.offset(Clock.fixed(NANOS, ZoneId.of("Europe/Berlin")), Duration.ofNanos(-1)));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-29T01:59:59.123456Z"));
  }

  @Test
  void epochSecondsAreExactDecimals() {
    assertThat(Instants.epochSeconds(Instant.parse("2026-03-29T01:59:59.123456Z")))
        .isEqualByComparingTo("1774749599.123456");
    assertThat(Instants.ofEpochSeconds(new BigDecimal("1774749599.123456")))
        .isEqualTo(Instant.parse("2026-03-29T01:59:59.123456Z"));
    assertThat(Instants.ofEpochSeconds(new BigDecimal("-0.5")))
        .isEqualTo(Instant.parse("1969-12-31T23:59:59.5Z"));
    assertThatThrownBy(() -> Instants.ofEpochSeconds(new BigDecimal("1.0000000001")))
        .isInstanceOf(ArithmeticException.class);
  }

  @Property
  void epochSecondsRoundTripEveryMicrosecondInstant(
      @ForAll @LongRange(min = -62_135_596_800L, max = 253_402_300_799L) long seconds,
      @ForAll @LongRange(min = 0, max = 999_999) long micros) {
    Instant at = Instant.ofEpochSecond(seconds, micros * 1_000);
    assertThat(Instants.isMicros(at)).isTrue();
    assertThat(Instants.ofEpochSeconds(Instants.epochSeconds(at))).isEqualTo(at);
    assertThat(Instants.micros(at)).isEqualTo(at);
  }

  @Test
  void microsCeilingIsTheFirstMicrosecondAtOrAfter() {
    assertThat(Instants.microsCeiling(NANOS))
        .isEqualTo(Instant.parse("2026-03-29T01:59:59.123457Z"));
    assertThat(Instants.microsCeiling(Instant.parse("2026-03-29T01:59:59.123456Z")))
        .isEqualTo(Instant.parse("2026-03-29T01:59:59.123456Z"));
    // .999999001 carries into the next second
    assertThat(Instants.microsCeiling(Instant.parse("2026-12-31T23:59:59.999999001Z")))
        .isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(Instants.microsCeiling(Instant.ofEpochSecond(-1, 999_999_001)))
        .isEqualTo(Instant.EPOCH);
    assertThat(Instants.microsCeiling(Instant.MAX)).isEqualTo(Instants.micros(Instant.MAX));
  }

  /**
   * For any bound and any instant in microseconds (every instant the engine stores): at or after
   * the bound exactly when at or after its ceiling, before it exactly when before its ceiling.
   */
  @Property
  void aMicrosecondInstantComparesWithABoundAsWithItsCeiling(
      @ForAll @LongRange(min = -62_135_596_800L, max = 253_402_300_798L) long seconds,
      @ForAll @LongRange(min = 0, max = 999_999_999) long nanos,
      @ForAll @LongRange(min = -2_000, max = 2_000) long microsAway) {
    Instant bound = Instant.ofEpochSecond(seconds, nanos);
    Instant stored = Instants.micros(bound).plusNanos(microsAway * 1_000);
    Instant ceiling = Instants.microsCeiling(bound);
    assertThat(Instants.isMicros(ceiling)).isTrue();
    assertThat(Duration.between(bound, ceiling)).isBetween(Duration.ZERO, Duration.ofNanos(999));
    assertThat(!stored.isBefore(ceiling)).isEqualTo(!stored.isBefore(bound));
    assertThat(stored.isBefore(ceiling)).isEqualTo(stored.isBefore(bound));
  }
}
