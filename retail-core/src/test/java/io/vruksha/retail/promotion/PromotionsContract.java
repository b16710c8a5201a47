package io.vruksha.retail.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link Promotions} adapter must show. */
public abstract class PromotionsContract {

  /** A new, empty adapter for each test. */
  protected abstract Promotions newPromotions();

  private static Promotion percent(String id) {
    return Promotion.of(id, id, Target.skus("A"), new Reward.PercentOff(BigDecimal.TEN));
  }

  @Test
  void promotionsAreActiveInTheirStoresOnly() {
    Promotions promotions = newPromotions();
    promotions.save(percent("everywhere"));
    promotions.save(percent("berlin-only").when(Eligibility.ALWAYS.inStores(StoreId.of("berlin"))));
    assertThat(promotions.active(StoreId.of("berlin")))
        .extracting(p -> p.id().value())
        .containsExactly("berlin-only", "everywhere");
    assertThat(promotions.active(StoreId.of("munich")))
        .extracting(p -> p.id().value())
        .containsExactly("everywhere");
  }

  @Test
  void savingReplacesAndRemovingRemoves() {
    Promotions promotions = newPromotions();
    promotions.save(percent("p"));
    promotions.save(percent("p").priority(7));
    assertThat(promotions.find(PromotionId.of("p")).map(Promotion::priority)).contains(7);
    promotions.remove(PromotionId.of("p"));
    assertThat(promotions.find(PromotionId.of("p"))).isEmpty();
  }

  @Test
  void couponsAreFoundByTheirNormalisedCode() {
    Promotions promotions = newPromotions();
    promotions.saveCoupon(Coupon.multiUse("spring-26", "p", 100));
    assertThat(promotions.coupon(" SPRING-26 "))
        .hasValueSatisfying(c -> assertThat(c.maxUses()).isEqualTo(100));
    assertThat(promotions.coupons()).hasSize(1);
  }
}
