package io.vruksha.retail.sale;

import io.vruksha.retail.money.Money;
import java.util.Currency;

/**
 * Port: customers' store credit balances (refunds to store credit, spent as a tender).
 * Implementations must be thread-safe; changes join the current unit of work.
 */
public interface StoreCredits {

  /** The customer's balance. */
  Money balance(String customerId, Currency currency);

  /** Adds (positive) or spends (negative) credit; spending beyond the balance is refused. */
  void change(String customerId, Money amount, String reference);
}
