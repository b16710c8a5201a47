package io.vruksha.retail;

/**
 * Stable, machine-readable codes for every failure the engine reports.
 *
 * <p>The code string is part of the public contract: the server maps it to an HTTP status and the
 * CLI to an exit code, each in one place, and integrators branch on it. Never rename a code; add a
 * new one instead.
 */
public enum ErrorCode {
  /** Input that breaks a documented precondition (negative quantity, blank id, ...). */
  VALIDATION("validation.invalid"),
  /** Two amounts in different currencies were combined. */
  CURRENCY_MISMATCH("money.currency_mismatch"),
  /** An amount carries more decimals than its currency allows and no rounding was asked for. */
  ROUNDING_REQUIRED("money.rounding_required"),
  /** A quantity carries more decimals than its unit of measure allows. */
  QUANTITY_PRECISION("quantity.precision"),
  /** No product or variant with this SKU exists. */
  SKU_UNKNOWN("catalog.sku_unknown"),
  /** No product carries this barcode. */
  BARCODE_UNKNOWN("catalog.barcode_unknown"),
  /** The barcode is malformed or its check digit is wrong. */
  BARCODE_INVALID("catalog.barcode_invalid"),
  /** The product exists but is blocked for sale. */
  PRODUCT_BLOCKED("catalog.product_blocked"),
  /** The category tree would get a cycle or an unknown parent. */
  CATEGORY_INVALID("catalog.category_invalid"),
  /** No price list gives this SKU a price for the store, currency and instant. */
  PRICE_NOT_FOUND("pricing.price_not_found"),
  /** No valid token or login: a failed login, or a token that is forged, expired or revoked. */
  UNAUTHENTICATED("auth.unauthenticated"),
  /** The caller lacks the permission an operation needs (price override, manual discount, ...). */
  PERMISSION_REQUIRED("auth.permission_required"),
  /** The coupon code is unknown, expired or not valid for this basket. */
  COUPON_INVALID("promotion.coupon_invalid"),
  /** The coupon has been used as many times as it may be. */
  COUPON_EXHAUSTED("promotion.coupon_exhausted"),
  /** A promotion definition is inconsistent (empty target, tiers out of order, ...). */
  PROMOTION_INVALID("promotion.invalid"),
  /** No tax rule covers a tax category in a jurisdiction. */
  TAX_RULE_MISSING("tax.rule_missing"),
  /** A tax rule or jurisdiction definition is inconsistent. */
  TAX_RULE_INVALID("tax.rule_invalid"),
  /** Not enough stock is available and the product may not go negative. */
  STOCK_INSUFFICIENT("stock.insufficient"),
  /** The tenders do not cover the total, or overpay other than in cash. */
  TENDER_INSUFFICIENT("sale.tender_insufficient"),
  /** A tender is not acceptable (non-cash overpayment, unknown gift card, ...). */
  TENDER_INVALID("sale.tender_invalid"),
  /** The customer has fewer loyalty points than the tender uses, or fewer than the minimum. */
  POINTS_INSUFFICIENT("loyalty.points_insufficient"),
  /** An idempotency key was reused with a different request. */
  IDEMPOTENCY_MISMATCH("idempotency.key_reused"),
  /** A return asks for more than was sold and not yet returned, or is outside the window. */
  RETURN_INVALID("return.invalid"),
  /** A fiscal journal entry does not match its chain. */
  JOURNAL_BROKEN("journal.broken"),
  /** The operation does not fit the register's or shift's state (closed, already open, ...). */
  SHIFT_STATE("register.shift_state"),
  /** A dependency (the database, the message bus) cannot be reached; retrying later may work. */
  UNAVAILABLE("system.unavailable"),
  /** The thing looked up does not exist. */
  NOT_FOUND("resource.not_found"),
  /** The thing being created already exists. */
  DUPLICATE("resource.duplicate"),
  /** The order is not in a state that allows this step (collecting a cancelled order, ...). */
  ORDER_STATE("order.state"),
  /** The curbside collection slot is fully booked. */
  SLOT_FULL("curbside.slot_full"),
  /** The warranty does not cover this (expired, voided, unknown serial on the receipt). */
  WARRANTY_INVALID("warranty.invalid"),
  /** No gift card has this code at the store, or the card was cancelled. */
  GIFT_CARD_INVALID("giftcard.invalid"),
  /** The gift card's expiry date has passed: it can no longer be redeemed or reloaded. */
  GIFT_CARD_EXPIRED("giftcard.expired"),
  /** Too many wrong gift card codes from this source: codes are refused until the wait is over. */
  GIFT_CARD_LOCKED("giftcard.locked"),
  /** A payment or pending checkout is not in a state that allows the step. */
  PAYMENT_STATE("payment.state"),
  /**
   * A till sent documents that do not continue where the centre's copy of its journal ends: the
   * message names the sequence the centre expects next.
   */
  TILL_SEQUENCE_GAP("till.sequence_gap"),
  /**
   * A till's journal entry does not chain to the centre's copy of its journal, its hash does not
   * verify, or its document does not match it: the till's chain is broken.
   */
  TILL_CHAIN_BROKEN("till.chain_broken");

  private final String code;

  ErrorCode(String code) {
    this.code = code;
  }

  /** The stable code string, for example {@code "catalog.sku_unknown"}. */
  public String code() {
    return code;
  }

  @Override
  public String toString() {
    return code;
  }
}
