package io.vruksha.retail.promotion;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.util.Locale;
import java.util.Objects;

/**
 * A coupon code that unlocks a promotion whose eligibility {@link Eligibility#requiresCoupon()
 * requires a coupon}.
 *
 * @param code the code the customer presents (compared case-insensitively, stored upper-case)
 * @param promotion the promotion it unlocks
 * @param maxUses how many sales may redeem it: 1 for a single-use code
 */
public record Coupon(String code, PromotionId promotion, int maxUses) {

  /** Normalises the code and validates the use limit. */
  public Coupon {
    Objects.requireNonNull(promotion, "promotion");
    code = normalise(code);
    if (maxUses < 1) {
      throw new InvalidInputException(
          ErrorCode.PROMOTION_INVALID, "coupon " + code + " must allow at least one use");
    }
  }

  /** A single-use code. */
  public static Coupon singleUse(String code, String promotion) {
    return new Coupon(code, PromotionId.of(promotion), 1);
  }

  /** A code that {@code maxUses} sales may redeem. */
  public static Coupon multiUse(String code, String promotion, int maxUses) {
    return new Coupon(code, PromotionId.of(promotion), maxUses);
  }

  /** The canonical form of a presented code: trimmed, upper-case. */
  public static String normalise(String code) {
    if (code == null || code.isBlank() || code.strip().length() > 64) {
      throw new InvalidInputException(ErrorCode.VALIDATION, "a coupon code has 1 to 64 characters");
    }
    return code.strip().toUpperCase(Locale.ROOT);
  }
}
