package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** How imports read dates: ISO forms, a date alone, any pattern, the store's zone, microseconds. */
class ImportDatesTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId SANTIAGO = ZoneId.of("America/Santiago");

  private static final List<ZoneId> ZONES =
      List.of(
          BERLIN,
          SANTIAGO,
          ZoneId.of("UTC"),
          ZoneId.of("Asia/Kolkata"),
          ZoneId.of("America/New_York"),
          ZoneId.of("Australia/Lord_Howe"));

  @Example
  void aDateAloneIsTheStartOfThatDayInTheStoresZone() {
    // 8 November 2016 began at 00:00 CET = 23:00 UTC the day before
    assertThat(ImportDates.iso(BERLIN).read("sold_at", "2016-11-08"))
        .isEqualTo(Instant.parse("2016-11-07T23:00:00Z"));
    // Santiago skipped midnight on 12 August 2018: the day began at 01:00 (-03:00)
    assertThat(ImportDates.iso(SANTIAGO).read("sold_at", "2018-08-12"))
        .isEqualTo(Instant.parse("2018-08-12T04:00:00Z"));
    assertThat(ImportDates.of("MM/dd/yyyy", BERLIN).read("sold_at", "11/08/2016"))
        .isEqualTo(Instant.parse("2016-11-07T23:00:00Z"));
  }

  @Example
  void aLocalTimeInTheSpringGapMovesForwardAndOneInTheAutumnOverlapIsTheEarlier() {
    ImportDates dates = ImportDates.of("dd.MM.yyyy HH:mm", BERLIN);
    // 29 March 2026: 02:00 CET jumps to 03:00 CEST; 02:30 is read as 03:30 CEST = 01:30 UTC
    assertThat(dates.read("sold_at", "29.03.2026 02:30"))
        .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    // 25 October 2026: 02:30 happens twice; the first, still CEST (+02:00), is 00:30 UTC
    assertThat(dates.read("sold_at", "25.10.2026 02:30"))
        .isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
    assertThat(ImportDates.iso(BERLIN).read("sold_at", "2026-10-25T02:30:00"))
        .isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
  }

  @Example
  void nanosecondDigitsAreTruncatedToMicroseconds() {
    assertThat(ImportDates.iso(BERLIN).read("sold_at", "2026-01-01T10:00:00.123456789Z"))
        .isEqualTo(Instant.parse("2026-01-01T10:00:00.123456Z"));
    assertThat(ImportDates.iso(BERLIN).read("sold_at", "2026-01-01T10:00:00.9999999+01:00"))
        .isEqualTo(Instant.parse("2026-01-01T09:00:00.999999Z"));
  }

  @Example
  void anImpossibleDateOrTheWrongFormIsRefusedNamingTheFieldAndThePattern() {
    assertThatThrownBy(() -> ImportDates.of("MM/dd/yyyy", BERLIN).read("sold_at", "02/30/2016"))
        .isInstanceOf(DateTimeException.class)
        .hasMessage("sold_at '02/30/2016' is not a date as --date-format 'MM/dd/yyyy' writes it");
    assertThatThrownBy(() -> ImportDates.iso(BERLIN).read("from", "2016-02-30"))
        .hasMessageStartingWith("from '2016-02-30' is not a date-time (ISO-8601: 2026-03-02,");
    assertThatThrownBy(() -> ImportDates.iso(BERLIN).read("sold_at", "11/08/2016"))
        .hasMessageContaining("other forms with --date-format");
    assertThatThrownBy(() -> ImportDates.of("yyyy-MM-dd {", BERLIN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--date-format 'yyyy-MM-dd {' is not a date pattern");
  }

  @Example
  void monthNamesReadInAnyCase() {
    assertThat(ImportDates.of("d MMM yyyy h:mm a", BERLIN).read("sold_at", "8 NOV 2016 2:05 pm"))
        .isEqualTo(Instant.parse("2016-11-08T13:05:00Z"));
  }

  /** A local date-time written by a pattern reads back as that local time in the zone. */
  @Property(tries = 2000)
  void aLocalDateTimeWrittenInAnyPatternReadsBackAsThatTimeInTheStoresZone(
      @ForAll("localTimes") LocalDateTime local,
      @ForAll("patterns") String pattern,
      @ForAll("zones") ZoneId zone) {
    String text = DateTimeFormatter.ofPattern(pattern, Locale.ROOT).format(local);
    LocalDateTime written = LocalDateTime.parse(text, DateTimeFormatter.ofPattern(pattern));

    Instant read = ImportDates.of(pattern, zone).read("sold_at", text);

    assertThat(read)
        .as(text + " as " + pattern + " in " + zone)
        .isEqualTo(ZonedDateTime.of(written, zone).toInstant().truncatedTo(ChronoUnit.MICROS));
    assertThat(read.getNano() % 1000).isZero();
  }

  /** A date alone, in any pattern or ISO, is the first instant of that day in the zone. */
  @Property(tries = 1000)
  void aDateAloneInAnyPatternIsTheFirstInstantOfThatDay(
      @ForAll("localTimes") LocalDateTime local,
      @ForAll("datePatterns") String pattern,
      @ForAll("zones") ZoneId zone) {
    LocalDate day = local.toLocalDate();
    String text = DateTimeFormatter.ofPattern(pattern, Locale.ROOT).format(day);

    Instant read =
        (pattern.equals("uuuu-MM-dd") ? ImportDates.iso(zone) : ImportDates.of(pattern, zone))
            .read("sold_at", text);

    assertThat(read).as(text + " in " + zone).isEqualTo(day.atStartOfDay(zone).toInstant());
    assertThat(LocalDate.ofInstant(read, zone)).isEqualTo(day);
  }

  /** ISO instants with any number of fraction digits keep their microseconds, no more. */
  @Property(tries = 1000)
  void anIsoInstantKeepsItsMicroseconds(@ForAll("localTimes") LocalDateTime utc) {
    Instant exact = utc.toInstant(ZoneOffset.UTC);

    Instant read = ImportDates.iso(BERLIN).read("sold_at", exact.toString());

    assertThat(read).isEqualTo(exact.truncatedTo(ChronoUnit.MICROS));
  }

  @Provide
  Arbitrary<LocalDateTime> localTimes() {
    Arbitrary<LocalDate> days =
        Arbitraries.longs()
            .between(
                LocalDate.parse("1990-01-01").toEpochDay(),
                LocalDate.parse("2060-12-31").toEpochDay())
            .map(LocalDate::ofEpochDay);
    Arbitrary<Integer> seconds = Arbitraries.integers().between(0, 86_399);
    Arbitrary<Integer> nanos =
        Arbitraries.oneOf(
            Arbitraries.just(0),
            Arbitraries.integers().between(0, 999).map(m -> m * 1_000_000),
            Arbitraries.integers().between(0, 999_999_999));
    return Combinators.combine(days, seconds, nanos)
        .as((d, s, n) -> d.atStartOfDay().plusSeconds(s).plusNanos(n));
  }

  @Provide
  Arbitrary<String> patterns() {
    return Arbitraries.of(
        "MM/dd/yyyy HH:mm",
        "dd.MM.yyyy HH:mm",
        "dd.MM.yyyy HH:mm:ss",
        "yyyy-MM-dd HH:mm:ss.SSS",
        "yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS",
        "d MMM uuuu, h:mm:ss a",
        "yyyyMMddHHmmss",
        "EEE, d MMM yyyy HH:mm");
  }

  @Provide
  Arbitrary<String> datePatterns() {
    return Arbitraries.of("uuuu-MM-dd", "MM/dd/yyyy", "dd.MM.yyyy", "d MMM yyyy", "yyyyMMdd");
  }

  @Provide
  Arbitrary<ZoneId> zones() {
    return Arbitraries.of(ZONES);
  }
}
