package io.vruksha.retail.promotion;

import static io.vruksha.retail.promotion.Baskets.aBasket;
import static io.vruksha.retail.promotion.Baskets.eur;
import static io.vruksha.retail.promotion.Baskets.withCoupons;
import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.memory.InMemoryCouponLedger;
import java.util.List;
import org.junit.jupiter.api.Test;

class CouponTest {

  private final CouponLedger ledger = new InMemoryCouponLedger();
  private final Promotion welcome =
      Promotion.of(
              "welcome", "Welcome 5.00 off", Target.basket(), new Reward.AmountOff(eur("5.00")))
          .when(Eligibility.ALWAYS.withCoupon());
  private final List<PromotionLine> lines = aBasket().with("A", 1, "30.00").lines();

  private PromotionEngine engine(Coupon... coupons) {
    return PromotionEngine.of(List.of(welcome), List.of(coupons), ledger);
  }

  @Test
  void aCouponPromotionNeedsItsCode() {
    PromotionEngine engine = engine(Coupon.singleUse("WELCOME-1", "welcome"));
    assertThat(engine.apply(lines, Baskets.context()).totalDiscount()).isEqualTo(eur("0.00"));
    PromotionResult r = engine.apply(lines, withCoupons(" welcome-1 "));
    assertThat(r.totalDiscount()).isEqualTo(eur("5.00"));
    assertThat(r.couponsUsed()).containsExactly("WELCOME-1");
    assertThat(r.applied())
        .singleElement()
        .satisfies(a -> assertThat(a.couponCode()).contains("WELCOME-1"));
  }

  @Test
  void aSingleUseCodeStopsWorkingOnceRedeemed() {
    PromotionEngine engine = engine(Coupon.singleUse("WELCOME-1", "welcome"));
    assertThat(ledger.tryRedeem("WELCOME-1", 1, "sale-1")).isTrue();
    PromotionResult r = engine.apply(lines, withCoupons("WELCOME-1"));
    assertThat(r.totalDiscount()).isEqualTo(eur("0.00"));
    assertThat(r.rejectedCoupons()).containsEntry("WELCOME-1", ErrorCode.COUPON_EXHAUSTED);
  }

  @Test
  void aMultiUseCodeWorksUntilItsLimit() {
    PromotionEngine engine = engine(Coupon.multiUse("SPRING", "welcome", 2));
    assertThat(ledger.tryRedeem("SPRING", 2, "sale-1")).isTrue();
    assertThat(engine.apply(lines, withCoupons("SPRING")).totalDiscount()).isEqualTo(eur("5.00"));
    assertThat(ledger.tryRedeem("SPRING", 2, "sale-2")).isTrue();
    assertThat(ledger.tryRedeem("SPRING", 2, "sale-3")).isFalse();
    assertThat(engine.apply(lines, withCoupons("SPRING")).totalDiscount()).isEqualTo(eur("0.00"));
  }

  @Test
  void anUnknownCodeIsReportedNotSilentlyIgnored() {
    PromotionResult r =
        engine(Coupon.singleUse("WELCOME-1", "welcome")).apply(lines, withCoupons("NOPE"));
    assertThat(r.rejectedCoupons()).containsEntry("NOPE", ErrorCode.COUPON_INVALID);
    assertThat(r.totalDiscount()).isEqualTo(eur("0.00"));
  }
}
