package io.vruksha.retail.stock;

/** Why stock moved; every movement in the ledger carries one. */
public enum MovementReason {
  /** Sold at the till. */
  SALE,
  /** Returned by a customer and put back on sale. */
  RETURN,
  /** Received from a supplier. */
  RECEIPT,
  /** Corrected by hand (damage, theft, found), with a note. */
  ADJUSTMENT,
  /** Sent to another location or store. */
  TRANSFER_OUT,
  /** Received from another location or store. */
  TRANSFER_IN,
  /** Set by a cycle count (the variance). */
  COUNT
}
