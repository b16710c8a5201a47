package io.vruksha.retail.promotion;

import io.vruksha.retail.money.Money;
import java.util.Optional;

/**
 * A promotion that gave a discount, with its total over the basket.
 *
 * @param id the promotion
 * @param label its receipt text
 * @param discount its total discount
 * @param couponCode the coupon that unlocked it, if any
 */
public record AppliedPromotion(
    PromotionId id, String label, Money discount, Optional<String> couponCode) {}
