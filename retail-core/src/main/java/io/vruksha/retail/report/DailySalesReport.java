package io.vruksha.retail.report;

import io.vruksha.retail.analytics.DailySales;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Daily sales over a range of business days.
 *
 * @param from the first day
 * @param to the last day, included
 * @param days each day with activity, oldest first
 * @param total the range's sum: the days' exact figures added (never their rounded ones), dated
 *     {@code from}
 */
public record DailySalesReport(
    LocalDate from, LocalDate to, List<DailySales> days, DailySales total) {

  /** Checks for nulls; copies the days. */
  public DailySalesReport {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    days = List.copyOf(days);
    Objects.requireNonNull(total, "total");
  }
}
