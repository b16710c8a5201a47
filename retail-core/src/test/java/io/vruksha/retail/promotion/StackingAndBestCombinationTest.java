package io.vruksha.retail.promotion;

import static io.vruksha.retail.promotion.Baskets.aBasket;
import static io.vruksha.retail.promotion.Baskets.context;
import static io.vruksha.retail.promotion.Baskets.eur;
import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.money.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StackingAndBestCombinationTest {

  private static PromotionResult apply(List<PromotionLine> lines, Promotion... promotions) {
    return PromotionEngine.of(List.of(promotions)).apply(lines, context());
  }

  private static Reward percent(String p) {
    return new Reward.PercentOff(new BigDecimal(p));
  }

  private static List<String> applied(PromotionResult r) {
    return r.applied().stream().map(a -> a.id().value()).toList();
  }

  @Test
  void twoNonStackablePromotionsNeverShareAUnit() {
    // 20% or 15% on one 100.00 item, not both: the better, 20.00
    PromotionResult r =
        apply(
            aBasket().with("A", 1, "100.00").lines(),
            Promotion.of("p15", "15%", Target.skus("A"), percent("15")),
            Promotion.of("p20", "20%", Target.skus("A"), percent("20")));
    assertThat(r.totalDiscount()).isEqualTo(eur("20.00"));
    assertThat(applied(r)).containsExactly("p20");
  }

  @Test
  void mutuallyStackablePromotionsCompound() {
    // 20% then 15% of what is left: 20.00 + 15% x 80.00 = 12.00 -> 32.00
    PromotionResult r =
        apply(
            aBasket().with("A", 1, "100.00").lines(),
            Promotion.of("p20", "20%", Target.skus("A"), percent("20"))
                .stackableWith("p15")
                .priority(1),
            Promotion.of("p15", "15%", Target.skus("A"), percent("15"))
                .stackableWith("p20")
                .priority(2));
    assertThat(r.totalDiscount()).isEqualTo(eur("32.00"));
    assertThat(applied(r)).containsExactly("p20", "p15");
  }

  @Test
  void stackingNeedsBothSidesToAgree() {
    // p20 accepts p15 but p15 does not accept p20: they cannot share the unit
    PromotionResult r =
        apply(
            aBasket().with("A", 1, "100.00").lines(),
            Promotion.of("p20", "20%", Target.skus("A"), percent("20")).stackableWith("p15"),
            Promotion.of("p15", "15%", Target.skus("A"), percent("15")));
    assertThat(r.totalDiscount()).isEqualTo(eur("20.00"));
  }

  @Test
  void anExclusivePromotionAppliesAloneWhenItIsBest() {
    Promotion p20 = Promotion.of("p20", "20%", Target.skus("A"), percent("20")).stackableWithAny();
    Promotion p15 = Promotion.of("p15", "15%", Target.skus("A"), percent("15")).stackableWithAny();
    // stacked (either order): 20.00 + 15% x 80.00 = 15.00 + 20% x 85.00 = 32.00 on A beats the
    // exclusive 25% of 110.00 = 27.50
    assertThat(
            applied(
                apply(
                    aBasket().with("A", 1, "100.00").with("B", 1, "10.00").lines(),
                    p20,
                    p15,
                    Promotion.of("x25", "25% everything", Target.basket(), percent("25"))
                        .asExclusive())))
        .containsExactlyInAnyOrder("p20", "p15");
    // exclusive 35% of 110.00 = 38.50 beats 32.00, and nothing else applies with it
    PromotionResult r =
        apply(
            aBasket().with("A", 1, "100.00").with("B", 1, "10.00").lines(),
            p20,
            p15,
            Promotion.of("x35", "35% everything", Target.basket(), percent("35")).asExclusive());
    assertThat(applied(r)).containsExactly("x35");
    assertThat(r.totalDiscount()).isEqualTo(eur("38.50"));
  }

  @Test
  void noUnitGoesBelowZero() {
    // 5.00 off a 3.00 item takes 3.00, not 5.00
    PromotionResult r =
        apply(
            aBasket().with("A", 1, "3.00").lines(),
            Promotion.of("p", "5.00 off", Target.skus("A"), new Reward.AmountOff(eur("5.00"))));
    assertThat(r.totalDiscount()).isEqualTo(eur("3.00"));
  }

  @Test
  void neverBelowCostCapsTheDiscountAtTheMargin() {
    // 50% of 10.00 would be 5.00; the cost is 6.00, so at most 4.00
    PromotionResult r =
        apply(
            aBasket().withCost("A", 1, "10.00", "6.00").lines(),
            Promotion.of("p", "Half price", Target.skus("A"), percent("50")).notBelowCost());
    assertThat(r.totalDiscount()).isEqualTo(eur("4.00"));
  }

  @Test
  void aCostFinerThanTheCentCapsTheDiscountAtTheMarginRoundedDown() {
    // 3.00 - 2.7812 = 0.2188 of margin; discounts are whole cents, so at most 0.21 (0.22 would
    // sell at 2.78, below the cost). Half price would be 1.50.
    PromotionResult r =
        apply(
            aBasket().withCost("A", 1, "3.00", "2.7812").lines(),
            Promotion.of("p", "Half price", Target.skus("A"), percent("50")).notBelowCost());
    assertThat(r.totalDiscount()).isEqualTo(eur("0.21"));
  }

  @Test
  void aCostOfLessThanACentStillKeepsACentOfTheUnitPrice() {
    // 0.50 - 0.0049 = 0.4951 of margin, rounded down to 0.49: the unit sells at 0.01, not at 0
    // 3 units: 3 x 0.49 = 1.47 off 1.50
    PromotionResult r =
        apply(
            aBasket().withCost("SCREW", 3, "0.50", "0.0049").lines(),
            Promotion.of("p", "Free", Target.skus("SCREW"), percent("100")).notBelowCost());
    assertThat(r.totalDiscount()).isEqualTo(eur("1.47"));
  }

  @Test
  void aSubCentCostCapsAnAmountOffPerUnitOfAWholeLine() {
    // 2 x 3.00 with a cost of 2.7812 each: 0.21 of headroom a unit, 0.42 the line; 1.00 off each
    // unit is cut to 0.21 + 0.21 = 0.42
    PromotionResult r =
        apply(
            aBasket().withCost("A", 2, "3.00", "2.7812").lines(),
            Promotion.of("p", "1.00 off", Target.skus("A"), new Reward.AmountOff(eur("1.00")))
                .notBelowCost());
    assertThat(r.totalDiscount()).isEqualTo(eur("0.42"));
  }

  @Test
  void aWeighedLineIsCappedAtItsExactCostRoundedUpNotToTheNearestCent() {
    // 0.75 kg at 4.00/kg = 3.00; cost 0.75 x 3.7131 = 2.784825, so at most 3.00 - 2.784825 =
    // 0.215175 off, rounded down: 0.21 (rounding the cost half-up to 2.78 would allow 0.22)
    PromotionResult r =
        apply(
            aBasket().weighedWithCost("CHEESE", "0.75", "4.00", "3.7131").lines(),
            Promotion.of("p", "Half price", Target.skus("CHEESE"), percent("50")).notBelowCost());
    assertThat(r.totalDiscount()).isEqualTo(eur("0.21"));
  }

  @Test
  void theBestOfferBeatsTheHigherPriorityOne() {
    // priority 1: 10% of 3 x 4.99 = 14.97 -> 1.50; priority 2: 3 for 10.00 saves 4.97
    PromotionResult r =
        apply(
            aBasket().with("SHIRT", 3, "4.99").lines(),
            Promotion.of("ten", "10% shirts", Target.skus("SHIRT"), percent("10")).priority(1),
            Promotion.of(
                    "three",
                    "3 for 10.00",
                    Target.skus("SHIRT"),
                    new Reward.Bundle(3, eur("10.00")))
                .priority(2));
    assertThat(applied(r)).containsExactly("three");
    assertThat(r.totalDiscount()).isEqualTo(eur("4.97"));
  }

  @Test
  void theBestCombinationUsesTwoPromotionsOnDifferentUnitsOfOneLine() {
    // 4 shirts at 4.99. 20% on all four: 19.96 x 20% = 3.99 (3.992). 3 for 10.00 alone: 4.97.
    // Best: 3 for 10.00 on three shirts (4.97) and 20% on the fourth (0.998 -> 1.00) = 5.97
    PromotionResult r =
        apply(
            aBasket().with("SHIRT", 4, "4.99").lines(),
            Promotion.of("twenty", "20% shirts", Target.skus("SHIRT"), percent("20")).priority(1),
            Promotion.of(
                    "three",
                    "3 for 10.00",
                    Target.skus("SHIRT"),
                    new Reward.Bundle(3, eur("10.00")))
                .priority(2));
    assertThat(r.totalDiscount()).isEqualTo(eur("5.97"));
    assertThat(applied(r)).containsExactlyInAnyOrder("twenty", "three");
  }

  @Test
  void aBundleBeatsAnEarlierBuyTwoGetOneHalfPrice() {
    // 3 shirts at 10.00. Priority 1: buy 2 get 1 half price saves 5.00. Priority 2: 3 for 20.00
    // saves 10.00. They cannot share units; the engine picks the bundle.
    PromotionResult r =
        apply(
            aBasket().with("SHIRT", 3, "10.00").lines(),
            Promotion.of(
                    "b2g1",
                    "Buy 2 get 1 half price",
                    Target.skus("SHIRT"),
                    new Reward.BuyXGetY(
                        2, 1, new BigDecimal("50"), Reward.Pick.CHEAPEST, Optional.empty()))
                .priority(1),
            Promotion.of(
                    "3for20",
                    "3 for 20.00",
                    Target.skus("SHIRT"),
                    new Reward.Bundle(3, eur("20.00")))
                .priority(2));
    assertThat(applied(r)).containsExactly("3for20");
    assertThat(r.totalDiscount()).isEqualTo(eur("10.00"));
  }

  @Test
  void anItemDealThatBreaksAThresholdIsWeighedAgainstIt() {
    // A 60.00 + B 45.00 = 105.00. Item deal: 10.00 off B. Threshold: spend 100 get 15 off,
    // stackable with the item deal. Together: spend falls to 95.00, the threshold is lost: 10.00.
    // The threshold alone: 15.00. The engine picks the threshold alone.
    PromotionResult r =
        apply(
            aBasket().with("A", 1, "60.00").with("B", 1, "45.00").lines(),
            Promotion.of(
                    "tenoff", "10.00 off B", Target.skus("B"), new Reward.AmountOff(eur("10.00")))
                .stackableWithAny(),
            Promotion.of(
                    "spend100",
                    "Spend 100 get 15",
                    Target.basket(),
                    new Reward.Threshold(List.of(Reward.Tier.amount(eur("100.00"), eur("15.00")))))
                .stackableWithAny());
    assertThat(applied(r)).containsExactly("spend100");
    assertThat(r.totalDiscount()).isEqualTo(eur("15.00"));
  }

  @Test
  void equalTotalsAreBrokenByFewerPromotionsThenPriority() {
    // two promotions each worth 10% of 50.00 = 5.00 on the same unit: the lower priority number
    // wins
    PromotionResult r =
        apply(
            aBasket().with("A", 1, "50.00").lines(),
            Promotion.of("zeta", "10% A", Target.skus("A"), percent("10")).priority(1),
            Promotion.of("alpha", "10% A again", Target.skus("A"), percent("10")).priority(2));
    assertThat(applied(r)).containsExactly("zeta");
  }

  @Test
  void theSameBasketAlwaysGetsTheSameAnswerWhateverTheLineOrder() {
    List<Promotion> promotions =
        List.of(
            Promotion.of(
                "mix", "3 for 10.00", Target.categories("mix"), new Reward.Bundle(3, eur("10.00"))),
            Promotion.of(
                "b2g1",
                "3 for 2",
                Target.categories("mix"),
                new Reward.BuyXGetY(
                    2, 1, new BigDecimal("100"), Reward.Pick.CHEAPEST, Optional.empty())),
            Promotion.of("pct", "5% basket", Target.basket(), percent("5")).stackableWithAny());
    Baskets basket =
        aBasket()
            .with("A", 2, "4.99", "mix")
            .with("B", 1, "4.99", "mix")
            .with("C", 2, "3.50", "mix")
            .with("D", 1, "12.00");
    List<PromotionLine> lines = basket.lines();
    PromotionEngine engine = PromotionEngine.of(promotions);
    Map<Sku, Money> expected = perSku(engine.apply(lines, context()), lines);
    List<PromotionLine> shuffled = new ArrayList<>(lines);
    for (long seed = 1; seed <= 20; seed++) {
      Collections.shuffle(shuffled, new Random(seed));
      List<PromotionLine> reindexed = new ArrayList<>();
      for (int i = 0; i < shuffled.size(); i++) {
        PromotionLine l = shuffled.get(i);
        reindexed.add(
            new PromotionLine(
                i,
                l.sku(),
                l.categories(),
                l.quantity(),
                l.unitPrice(),
                l.amount(),
                l.unitCost(),
                l.eligible()));
      }
      assertThat(perSku(engine.apply(reindexed, context()), reindexed)).isEqualTo(expected);
    }
    assertThat(engine.apply(lines, context())).isEqualTo(engine.apply(lines, context()));
  }

  private static Map<Sku, Money> perSku(PromotionResult r, List<PromotionLine> lines) {
    Map<Sku, Money> result = new HashMap<>();
    for (PromotionLine l : lines) {
      result.merge(l.sku(), r.discountOn(l.index()), Money::plus);
    }
    return result;
  }
}
