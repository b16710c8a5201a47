package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * How the sales import reads a sold_at and writes it to COPY: the shortcuts for the usual forms
 * give what the java.time formatters give, and everything else still goes to them.
 */
class ImportSalesTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /** What {@link ImportSales#instant} did with the formatters alone: the instant, or "error". */
  private static String reference(String s, ZoneId zone) {
    String t = s.length() > 10 && s.charAt(10) == ' ' ? s.replaceFirst(" ", "T") : s;
    try {
      if (t.endsWith("Z") || t.endsWith("z")) {
        return Instant.parse(t.toUpperCase(Locale.ROOT)).toString();
      }
      if (t.length() > 19 && hasOffset(t)) {
        return OffsetDateTime.parse(t).toInstant().toString();
      }
      return ZonedDateTime.of(LocalDateTime.parse(t), zone).toInstant().toString();
    } catch (DateTimeException e) {
      return "error";
    }
  }

  private static boolean hasOffset(String t) {
    int tee = t.indexOf('T');
    return tee > 0 && (t.indexOf('+', tee) > 0 || t.indexOf('-', tee) > 0);
  }

  private static String read(String s, ZoneId zone) {
    try {
      return ImportSales.instant(s, zone).toString();
    } catch (Exception e) {
      assertThat(e.getMessage()).startsWith("sold_at '" + s + "' is not a date-time");
      return "error";
    }
  }

  @Test
  void theUsualLocalDateTimesReadAsTheFormatterReadsThem() {
    List<String> samples =
        new ArrayList<>(
            List.of(
                "2026-03-02T14:05",
                "2026-03-02T14:05:07",
                "2026-03-02 14:05:07",
                "2026-03-02 14:05",
                "0000-01-01T00:00",
                "9999-12-31T23:59:59",
                "2024-02-29T12:00",
                "2026-03-29T02:30:00", // Berlin springs forward: a time that is not
                "2026-10-25T02:30:00", // Berlin falls back: a time that is twice
                "2026-12-31T23:59:59",
                // not dates, not times: the formatter says so
                "2025-02-29T12:00",
                "2026-02-30T12:00",
                "2026-13-01T12:00",
                "2026-00-01T12:00",
                "2026-01-00T12:00",
                "2026-01-01T24:00",
                "2026-01-01T23:60",
                "2026-01-01T23:59:60",
                "2026-01-01t10:00",
                "2026-01-01T1O:00",
                "2026-01-01T\u0661\u0660:00",
                "2026-01-01T10:00:0",
                "2026-01-01T10:0",
                "+2026-01-01T10:00",
                "2026-1-01T10:00:00",
                "2026-01-01T10:00:00.5",
                "2026-01-01T10:00:00.123456789",
                "2026-01-01T10:00:00Z",
                "2026-01-01T10:00:00+01:00",
                "2026-01-01 10:00:00-05:00",
                "2026-01-01  10:00",
                "2026 01-01 10:00:00"));
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder s = new StringBuilder();
      s.append(String.format(Locale.ROOT, "%04d", random.nextInt(10_000)))
          .append('-')
          .append(String.format(Locale.ROOT, "%02d", random.nextInt(14)))
          .append('-')
          .append(String.format(Locale.ROOT, "%02d", random.nextInt(33)))
          .append(random.nextInt(4) == 0 ? ' ' : 'T')
          .append(String.format(Locale.ROOT, "%02d", random.nextInt(26)))
          .append(':')
          .append(String.format(Locale.ROOT, "%02d", random.nextInt(62)));
      if (random.nextBoolean()) {
        s.append(':').append(String.format(Locale.ROOT, "%02d", random.nextInt(62)));
      }
      samples.add(s.toString());
    }
    for (String s : samples) {
      for (ZoneId zone : List.of(BERLIN, ZoneId.of("America/Santiago"), ZoneId.of("UTC"))) {
        assertThat(read(s, zone)).as(s + " in " + zone).isEqualTo(reference(s, zone));
      }
    }
  }

  @Test
  void anInstantGoesToCopyAsItsToStringWritesIt() {
    List<Instant> samples =
        new ArrayList<>(
            List.of(
                Instant.EPOCH,
                Instant.parse("2026-03-02T13:05:00Z"),
                Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("0000-01-01T00:00:00Z").minusSeconds(1),
                Instant.parse("9999-12-31T23:59:59Z"),
                Instant.parse("9999-12-31T23:59:59Z").plusSeconds(1),
                Instant.parse("2026-03-02T13:05:00.5Z"),
                Instant.parse("2026-03-02T13:05:00.000001Z"),
                Instant.MIN,
                Instant.MAX));
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      long seconds = -70_000_000_000L + (long) (random.nextDouble() * 330_000_000_000L);
      samples.add(Instant.ofEpochSecond(seconds, random.nextInt(8) == 0 ? 1_000_000 : 0));
    }
    for (Instant i : samples) {
      StringBuilder buf = new StringBuilder("x");
      assertThat(ImportSales.appendInstant(buf, i).toString()).isEqualTo("x" + i);
    }
  }
}
