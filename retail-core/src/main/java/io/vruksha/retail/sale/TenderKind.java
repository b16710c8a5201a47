package io.vruksha.retail.sale;

/**
 * What paid a sale, as booked on it ({@link AppliedTender#kind()}): the names are the ones stored
 * in sale documents, the fiscal journal's body ({@code T|CASH|...}) and the payments table, so they
 * never change.
 */
public enum TenderKind {
  /** Notes and coins, net of change and after cash rounding. */
  CASH,
  /** A card, with the terminal's reference. */
  CARD,
  /** Loyalty points, their value in the sale's currency. */
  POINTS,
  /** The customer's store credit. */
  STORE_CREDIT,
  /** A gift card; the reference is its masked code ({@code **** 3456}). */
  GIFT_CARD,
  /** Buy now, pay later: a provider pays the store and the customer pays the provider later. */
  BNPL,
  /** A crypto-currency payment, final after the provider saw enough on-chain confirmations. */
  CRYPTO
}
