package io.vruksha.retail.analytics;

import io.vruksha.retail.money.ExactAmount;
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
 * @param gross what the sales took in, tax included, exactly (imported history may be finer than
 *     the currency; round once to show it: {@link ExactAmount#rounded()})
 * @param returns how many returns were completed
 * @param refunds what the returns paid back, exactly
 */
public record DailySales(
    StoreId store,
    LocalDate day,
    long sales,
    BigDecimal units,
    ExactAmount gross,
    long returns,
    ExactAmount refunds) {

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

  /** Gross takings less refunds, exactly. */
  public ExactAmount net() {
    return gross.minus(refunds);
  }

  /**
   * The mean sale, the exact gross over the number of sales rounded half-up to the currency's minor
   * unit once; zero without sales.
   */
  public Money averageSale() {
    return gross.average(sales);
  }
}
