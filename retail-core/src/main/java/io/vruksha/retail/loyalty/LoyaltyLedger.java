package io.vruksha.retail.loyalty;

import java.util.List;

/**
 * Port: every customer's points ledger; the balance is the sum of the entries. Appends happen
 * inside the unit of work of the sale or return; implementations must be thread-safe.
 */
public interface LoyaltyLedger {

  /** Appends an entry. */
  void append(LoyaltyEntry entry);

  /** The customer's entries, oldest first. */
  List<LoyaltyEntry> entries(String customerId);

  /** The customer's balance. */
  default long balance(String customerId) {
    return entries(customerId).stream().mapToLong(LoyaltyEntry::points).sum();
  }
}
