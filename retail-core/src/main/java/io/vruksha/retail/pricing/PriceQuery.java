package io.vruksha.retail.pricing;

import io.vruksha.retail.customer.CustomerGroupId;
import io.vruksha.retail.store.StoreId;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * Where, when and for whom a price is asked.
 *
 * @param store the selling store
 * @param currency the sale's currency
 * @param customerGroup the customer's group, if a customer is known
 * @param at the instant of the sale
 */
public record PriceQuery(
    StoreId store, Currency currency, Optional<CustomerGroupId> customerGroup, Instant at) {

  /** Checks for nulls. */
  public PriceQuery {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(customerGroup, "customerGroup");
    Objects.requireNonNull(at, "at");
  }
}
