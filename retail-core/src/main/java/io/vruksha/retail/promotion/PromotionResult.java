package io.vruksha.retail.promotion;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.money.Money;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The promotions chosen for a basket: per-line adjustments, each naming its promotion, and the
 * total. {@code totalDiscount} equals the sum of the adjustments and the sum of the applied
 * promotions' discounts.
 *
 * @param adjustments per line and promotion, ordered by line then promotion
 * @param applied the promotions that gave a discount, in application order
 * @param couponsUsed the codes whose promotion applied (redeem them at checkout)
 * @param rejectedCoupons presented codes that unlocked nothing, with why
 * @param totalDiscount the total discount
 */
public record PromotionResult(
    List<LineAdjustment> adjustments,
    List<AppliedPromotion> applied,
    Set<String> couponsUsed,
    Map<String, ErrorCode> rejectedCoupons,
    Money totalDiscount) {

  /** Copies the collections. */
  public PromotionResult {
    adjustments = List.copyOf(adjustments);
    applied = List.copyOf(applied);
    couponsUsed = Set.copyOf(couponsUsed);
    rejectedCoupons = Map.copyOf(rejectedCoupons);
  }

  /** The total promotion discount on line {@code lineIndex}. */
  public Money discountOn(int lineIndex) {
    return adjustments.stream()
        .filter(a -> a.lineIndex() == lineIndex)
        .map(LineAdjustment::amount)
        .reduce(Money.zero(totalDiscount.currency()), Money::plus);
  }
}
