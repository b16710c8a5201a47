package io.vruksha.retail.promotion;

import static io.vruksha.retail.promotion.Baskets.aBasket;
import static io.vruksha.retail.promotion.Baskets.context;
import static io.vruksha.retail.promotion.Baskets.eur;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromotionIndexTest {

  @Test
  void promotionsOnOtherProductsAreNeverLookedAt() {
    List<Promotion> promotions = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      promotions.add(
          Promotion.of(
              "other-" + i,
              "10% off OTHER-" + i,
              i % 2 == 0 ? Target.skus("OTHER-" + i) : Target.categories("other-category-" + i),
              new Reward.PercentOff(BigDecimal.TEN)));
    }
    promotions.add(
        Promotion.of(
            "shirts",
            "20% shirts",
            Target.categories("shirts"),
            new Reward.PercentOff(new BigDecimal("20"))));
    promotions.add(
        Promotion.of(
            "mug", "1.00 off mugs", Target.skus("MUG"), new Reward.AmountOff(eur("1.00"))));
    promotions.add(
        Promotion.of(
            "basket", "2% basket", Target.basket(), new Reward.PercentOff(new BigDecimal("2"))));
    PromotionEngine engine = PromotionEngine.of(promotions);

    List<PromotionLine> lines =
        aBasket()
            .with("SHIRT", 1, "20.00", "shirts", "apparel")
            .with("MUG", 2, "5.00", "kitchen")
            .lines();
    assertThat(engine.candidates(lines, context()))
        .extracting(p -> p.id().value())
        .containsExactlyInAnyOrder("shirts", "mug", "basket");
  }
}
