package io.vruksha.retail.cli;

import io.vruksha.retail.time.Instants;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * How an import reads its date fields ({@code sold_at}, a promotion's {@code from} and {@code
 * until}) into instants.
 *
 * <p>Without a pattern: an ISO-8601 instant ({@code 2026-03-02T13:05:00Z}), a date-time with offset
 * ({@code 2026-03-02T14:05:00+01:00}), a local date-time ({@code 2026-03-02T14:05:00} or with a
 * space for the T), or a date alone ({@code 2026-03-02}). With {@code --date-format PATTERN}: a
 * {@link DateTimeFormatter} pattern ({@code MM/dd/yyyy}, {@code dd.MM.yyyy HH:mm}), read strictly
 * (no 30 February) with English-style month and day names, case-insensitively.
 *
 * <p>Local times are in the store's zone. A date alone is the start of that day there (the first
 * instant of the day: midnight, or the end of the gap where clocks skip midnight). A local time
 * that falls in a daylight-saving gap is moved forward by the length of the gap (02:30 on the day
 * Berlin springs forward is 03:30 summer time); one that falls in an overlap is the earlier of its
 * two instants (02:30 on the day Berlin falls back is 02:30 summer time, 00:30Z). These are
 * java.time's rules for {@link ZonedDateTime#of}, so the same text always gives the same instant.
 *
 * <p>Every instant is truncated to microseconds ({@link Instants#micros}), PostgreSQL's precision,
 * so that nanosecond digits in a file give the same value in memory as in the database. Immutable
 * and thread-safe.
 */
final class ImportDates {

  private final ZoneId zone;
  private final DateTimeFormatter pattern;
  private final String patternText;

  private ImportDates(ZoneId zone, DateTimeFormatter pattern, String patternText) {
    this.zone = zone;
    this.pattern = pattern;
    this.patternText = patternText;
  }

  /** Dates in the ISO-8601 forms, local ones in {@code zone}. */
  static ImportDates iso(ZoneId zone) {
    return new ImportDates(zone, null, null);
  }

  /**
   * Dates written as {@code pattern} (a {@link DateTimeFormatter} pattern), local ones in {@code
   * zone}; ISO-8601 when {@code pattern} is null.
   *
   * @throws IllegalArgumentException naming a pattern java.time cannot read
   */
  static ImportDates of(String pattern, ZoneId zone) {
    if (pattern == null) {
      return iso(zone);
    }
    DateTimeFormatter formatter;
    try {
      formatter =
          new DateTimeFormatterBuilder()
              .parseCaseInsensitive()
              .appendPattern(pattern)
              // yyyy is the year of the era: strict resolution needs the era, which is ours
              .parseDefaulting(ChronoField.ERA, 1)
              .toFormatter(Locale.ROOT)
              .withResolverStyle(ResolverStyle.STRICT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--date-format '" + pattern + "' is not a date pattern: " + e.getMessage(), e);
    }
    return new ImportDates(zone, formatter, pattern);
  }

  /** The zone local dates and times are read in. */
  ZoneId zone() {
    return zone;
  }

  /**
   * The instant {@code text} says, truncated to microseconds.
   *
   * @throws DateTimeException saying that {@code field} is not a date in the expected form
   */
  Instant read(String field, String text) {
    return Instants.micros(exact(field, text));
  }

  /** The instant {@code text} says, to the nanosecond. */
  Instant exact(String field, String text) {
    if (pattern == null) {
      return iso(field, text);
    }
    TemporalAccessor parsed;
    try {
      parsed =
          pattern.parseBest(
              text.strip(),
              ZonedDateTime::from,
              OffsetDateTime::from,
              LocalDateTime::from,
              LocalDate::from);
    } catch (DateTimeException e) {
      throw new DateTimeException(
          field + " '" + text + "' is not a date as --date-format '" + patternText + "' writes it");
    }
    if (parsed instanceof ZonedDateTime z) {
      return z.toInstant();
    }
    if (parsed instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (parsed instanceof LocalDateTime l) {
      return ZonedDateTime.of(l, zone).toInstant();
    }
    return ((LocalDate) parsed).atStartOfDay(zone).toInstant();
  }

  private Instant iso(String field, String s) {
    if (s.length() == 10) {
      try {
        return LocalDate.parse(s).atStartOfDay(zone).toInstant();
      } catch (DateTimeException e) {
        throw notIso(field, s);
      }
    }
    try {
      return ImportSales.instant(s, zone);
    } catch (ImportSales.Unparsable e) {
      throw notIso(field, s);
    }
  }

  private static DateTimeException notIso(String field, String s) {
    return new DateTimeException(
        field
            + " '"
            + s
            + "' is not a date-time (ISO-8601: 2026-03-02, 2026-03-02T14:05:00[+01:00|Z];"
            + " other forms with --date-format)");
  }
}
