package io.vruksha.retail.promotion;

import io.vruksha.retail.customer.CustomerGroupId;
import io.vruksha.retail.loyalty.LoyaltyTier;
import io.vruksha.retail.store.StoreId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where, when and for whom a basket is priced.
 *
 * @param store the store
 * @param at the instant
 * @param zone the store's time zone (for days and hours)
 * @param currency the basket's currency
 * @param customerGroup the customer's group
 * @param loyaltyTier the customer's loyalty tier
 * @param couponCodes coupon codes presented
 */
public record PromotionContext(
    StoreId store,
    Instant at,
    ZoneId zone,
    Currency currency,
    Optional<CustomerGroupId> customerGroup,
    Optional<LoyaltyTier> loyaltyTier,
    Set<String> couponCodes) {

  /** Checks for nulls and normalises the coupon codes. */
  public PromotionContext {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(customerGroup, "customerGroup");
    Objects.requireNonNull(loyaltyTier, "loyaltyTier");
    couponCodes =
        couponCodes.stream().map(Coupon::normalise).collect(Collectors.toUnmodifiableSet());
  }
}
