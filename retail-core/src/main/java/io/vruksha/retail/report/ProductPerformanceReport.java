package io.vruksha.retail.report;

import io.vruksha.retail.analytics.SalesAnalytics.SkuTotal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Product performance over a range of business days.
 *
 * @param from the first day
 * @param to the last day, included
 * @param products one line per SKU sold in the range, best sellers by exact revenue first (ties by
 *     SKU); returns are not taken off
 */
public record ProductPerformanceReport(LocalDate from, LocalDate to, List<SkuTotal> products) {

  /** Checks for nulls; copies the lines. */
  public ProductPerformanceReport {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    products = List.copyOf(products);
  }
}
