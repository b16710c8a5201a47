package io.vruksha.retail.server.api;

import static io.vruksha.retail.ErrorCode.COUPON_EXHAUSTED;
import static io.vruksha.retail.ErrorCode.COUPON_INVALID;
import static io.vruksha.retail.ErrorCode.CURRENCY_MISMATCH;
import static io.vruksha.retail.ErrorCode.DUPLICATE;
import static io.vruksha.retail.ErrorCode.GIFT_CARD_EXPIRED;
import static io.vruksha.retail.ErrorCode.GIFT_CARD_INVALID;
import static io.vruksha.retail.ErrorCode.GIFT_CARD_LOCKED;
import static io.vruksha.retail.ErrorCode.NOT_FOUND;
import static io.vruksha.retail.ErrorCode.PERMISSION_REQUIRED;
import static io.vruksha.retail.ErrorCode.POINTS_INSUFFICIENT;
import static io.vruksha.retail.ErrorCode.PRICE_NOT_FOUND;
import static io.vruksha.retail.ErrorCode.PRODUCT_BLOCKED;
import static io.vruksha.retail.ErrorCode.QUANTITY_PRECISION;
import static io.vruksha.retail.ErrorCode.SHIFT_STATE;
import static io.vruksha.retail.ErrorCode.SKU_UNKNOWN;
import static io.vruksha.retail.ErrorCode.STOCK_INSUFFICIENT;
import static io.vruksha.retail.ErrorCode.TAX_RULE_MISSING;
import static io.vruksha.retail.ErrorCode.TENDER_INSUFFICIENT;
import static io.vruksha.retail.ErrorCode.TENDER_INVALID;

import io.vruksha.retail.ErrorCode;

/**
 * The engine codes that routes doing the same thing share, for the route table's {@code errors}.
 */
final class RouteErrors {

  private RouteErrors() {}

  /**
   * Pricing a basket: a code no product has, a product blocked or without a price or tax rule, a
   * price override or discount without the permission, a quantity finer than its unit, an amount in
   * another currency, an unknown store or customer.
   */
  static final ErrorCode[] PRICING = {
    SKU_UNKNOWN,
    PRODUCT_BLOCKED,
    PRICE_NOT_FOUND,
    TAX_RULE_MISSING,
    PERMISSION_REQUIRED,
    QUANTITY_PRECISION,
    CURRENCY_MISMATCH,
    NOT_FOUND
  };

  /**
   * Checking a basket out, beyond pricing it: stock short, tenders short or refused, points short,
   * the shift closed or not the store's, a coupon used up, a serial number sold before, a gift card
   * unknown, cancelled or expired, or its code entered by a member of staff locked out.
   */
  static final ErrorCode[] CHECKOUT = {
    STOCK_INSUFFICIENT,
    TENDER_INSUFFICIENT,
    TENDER_INVALID,
    POINTS_INSUFFICIENT,
    SHIFT_STATE,
    COUPON_INVALID,
    COUPON_EXHAUSTED,
    DUPLICATE,
    GIFT_CARD_INVALID,
    GIFT_CARD_EXPIRED,
    GIFT_CARD_LOCKED
  };
}
