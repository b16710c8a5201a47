package io.vruksha.retail.sale;

import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.PricedBasket;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.time.Instants;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A completed sale: the priced basket exactly as the customer paid it, the tenders, change, the
 * loyalty points, and the receipt number of its invoice in the store's journal.
 *
 * @param id the sale's id
 * @param store the store
 * @param number the receipt (invoice) number, e.g. {@code S001-2026-000123}
 * @param at when it was checked out
 * @param cashierId the member of staff who sold it (for commission reports)
 * @param customerId the customer, if known
 * @param shiftId the register shift, if any
 * @param basket the priced basket
 * @param tenders what paid it, each at the amount it paid toward the total
 * @param tendered what the customer handed over in total
 * @param change cash given back
 * @param cashRounding the cash rounding booked (what cash paid beyond or below the exact total)
 * @param pointsPerLine loyalty points each line earned
 * @param pointsRedeemed points spent as a tender
 * @param journalHash the hash of its invoice in the journal
 */
public record Sale(
    String id,
    StoreId store,
    String number,
    Instant at,
    String cashierId,
    Optional<String> customerId,
    Optional<String> shiftId,
    PricedBasket basket,
    List<AppliedTender> tenders,
    Money tendered,
    Money change,
    Money cashRounding,
    List<Long> pointsPerLine,
    long pointsRedeemed,
    String journalHash) {

  /** Copies the lists. */
  public Sale {
    tenders = List.copyOf(tenders);
    at = Instants.microsOrNull(at);
    pointsPerLine = List.copyOf(pointsPerLine);
  }

  /** The points the sale earned. */
  public long pointsEarned() {
    return pointsPerLine.stream().mapToLong(Long::longValue).sum();
  }

  /** The total the customer owed (before cash rounding). */
  public Money total() {
    return basket.total();
  }
}
