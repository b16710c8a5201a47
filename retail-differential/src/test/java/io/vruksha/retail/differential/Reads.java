package io.vruksha.retail.differential;

import java.time.LocalDate;
import java.util.List;

/** The ranges of business days the reports are read over. */
final class Reads {

  /** The spring-forward day in Berlin. */
  static final LocalDate SPRING_FORWARD = LocalDate.parse("2026-03-29");

  /** The fall-back day in Berlin. */
  static final LocalDate FALL_BACK = LocalDate.parse("2026-10-25");

  private Reads() {}

  /** The whole run, and each DST day alone (a sale near midnight lands on one day or the other). */
  static List<LocalDate[]> ranges(LocalDate from, LocalDate to) {
    return List.of(
        new LocalDate[] {from, to},
        new LocalDate[] {SPRING_FORWARD, SPRING_FORWARD},
        new LocalDate[] {FALL_BACK, FALL_BACK});
  }

  static boolean within(LocalDate day, LocalDate from, LocalDate to) {
    return !day.isBefore(from) && !day.isAfter(to);
  }
}
