package io.vruksha.retail.analytics;

import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One store's sales on one business day (read in the store's time zone), as the analytics reaction
 * adds them up from {@code retail.pos.sale.completed.v1} and {@code
 * retail.pos.return.completed.v1}.
 *
 * @param store the store
 * @param day the business day
 * @param sales how many sales were completed
 * @param units how many units they sold (a weighed line counts its weight)
 * @param gross what the sales took in, tax included
 * @param returns how many returns were completed
 * @param refunds what the returns paid back
 */
public record DailySales(
    StoreId store,
    LocalDate day,
    long sales,
    BigDecimal units,
    Money gross,
    long returns,
    Money refunds) {

  /** Checks for nulls and one currency. */
  public DailySales {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(units, "units");
    Objects.requireNonNull(gross, "gross");
    Objects.requireNonNull(refunds, "refunds");
    if (!gross.currency().equals(refunds.currency())) {
      throw new IllegalArgumentException("gross and refunds in different currencies");
    }
  }

  /** Gross takings less refunds. */
  public Money net() {
    return gross.minus(refunds);
  }

  /** The mean sale, rounded to the currency's minor unit; zero without sales. */
  public Money averageSale() {
    if (sales == 0) {
      return Money.zero(gross.currency());
    }
    return Money.of(
        gross
            .amount()
            .divide(
                BigDecimal.valueOf(sales),
                Money.minorUnits(gross.currency()),
                java.math.RoundingMode.HALF_EVEN),
        gross.currency());
  }
}
