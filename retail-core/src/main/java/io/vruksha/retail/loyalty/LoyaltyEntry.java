package io.vruksha.retail.loyalty;

import io.vruksha.retail.time.Instants;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a customer's points ledger: earned (positive), redeemed, taken back by a return, or
 * expired (negative).
 *
 * @param customerId the customer
 * @param kind what happened
 * @param points signed points
 * @param spendMinor the net spend (minor units) an earn entry counts toward tiers; 0 otherwise
 * @param reference the sale or return
 * @param at when
 */
public record LoyaltyEntry(
    String customerId, Kind kind, long points, long spendMinor, String reference, Instant at) {

  /** What a ledger entry records. */
  public enum Kind {
    /** Points earned by a sale. */
    EARN,
    /** Points spent as a tender. */
    REDEEM,
    /** Points taken back by a return. */
    RETURN,
    /** Points that expired. */
    EXPIRE,
    /** The customer joined the programme (no points). */
    ENROL
  }

  /** Checks for nulls. */
  public LoyaltyEntry {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(at, "at");
    at = Instants.micros(at);
  }
}
