package io.vruksha.retail.pricing;

import io.vruksha.retail.customer.CustomerGroupId;
import io.vruksha.retail.loyalty.LoyaltyTier;
import io.vruksha.retail.tax.TaxExemption;
import java.util.Objects;
import java.util.Optional;

/**
 * What pricing needs to know about the customer at the till: their group (trade prices, staff
 * promotions), loyalty tier and tax-exemption certificate. Anonymous walk-in customers are {@link
 * #ANONYMOUS}.
 *
 * @param customerId the customer's id, if known
 * @param group their customer group
 * @param tier their loyalty tier
 * @param taxExemption their tax-exemption certificate
 */
public record Shopper(
    Optional<String> customerId,
    Optional<CustomerGroupId> group,
    Optional<LoyaltyTier> tier,
    Optional<TaxExemption> taxExemption) {

  /** A walk-in customer nobody knows. */
  public static final Shopper ANONYMOUS =
      new Shopper(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /** Checks for nulls. */
  public Shopper {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(taxExemption, "taxExemption");
  }

  /** A known customer with no group, tier or exemption. */
  public static Shopper customer(String customerId) {
    return new Shopper(
        Optional.of(customerId), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** This shopper in a customer group. */
  public Shopper inGroup(CustomerGroupId group) {
    return new Shopper(customerId, Optional.of(group), tier, taxExemption);
  }

  /** This shopper at a loyalty tier. */
  public Shopper atTier(LoyaltyTier tier) {
    return new Shopper(customerId, group, Optional.of(tier), taxExemption);
  }

  /** This shopper holding a tax-exemption certificate. */
  public Shopper exemptBy(TaxExemption exemption) {
    return new Shopper(customerId, group, tier, Optional.of(exemption));
  }
}
