package io.vruksha.retail.store;

/**
 * What a member of staff may do beyond ringing up a sale at list price.
 *
 * <p>The engine checks these itself, so an embedded till cannot bypass a rule that the server would
 * enforce: a manual price override needs {@link #PRICE_OVERRIDE}, whoever calls.
 */
public enum Permission {
  /** Replace a line's unit price by hand. */
  PRICE_OVERRIDE,
  /** Give a manual discount on a line. */
  LINE_DISCOUNT,
  /** Give a manual discount on the whole basket. */
  BASKET_DISCOUNT,
  /** Sell a line below its cost price. */
  SELL_BELOW_COST,
  /** Refund a return against a receipt. */
  REFUND,
  /** Take back goods without a receipt (refunded at the lowest recent price). */
  NO_RECEIPT_RETURN,
  /** Open the cash drawer outside a sale (cash in/out). */
  OPEN_DRAWER,
  /** Approve a purchase order. */
  APPROVE_PURCHASE,
  /** Cancel a gift card (its balance is written off) or lift a gift card code lock-out. */
  CANCEL_GIFT_CARD
}
