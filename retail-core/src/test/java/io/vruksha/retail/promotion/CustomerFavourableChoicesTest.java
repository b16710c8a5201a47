package io.vruksha.retail.promotion;

import static io.vruksha.retail.promotion.Baskets.aBasket;
import static io.vruksha.retail.promotion.Baskets.context;
import static io.vruksha.retail.promotion.Baskets.eur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Cases where a naive engine would short-change the customer or answer differently for the same
 * basket: the search bound, which units a deal consumes, how buy-X-get-Y sets are formed, and where
 * a left-over cent goes.
 */
class CustomerFavourableChoicesTest {

  private static List<String> applied(PromotionResult r) {
    return r.applied().stream().map(a -> a.id().value()).toList();
  }

  @Test
  void aLowerTierWorthMoreIsStillFoundWhenAnotherDealLowersTheSpend() {
    // A 60.00 + B 45.00 = 105.00. Promotions:
    //   a20: 20.00 off A, stacks with nothing (so A drops out of the threshold's spend)
    //   b10: 10.00 off B, stacks with anything
    //   t:   spend 50 get 30.00 off, spend 100 get 5% (the upper tier is worth less), stacks
    // a20 + b10 = 30.00 (t then sees only B at 35.00: no tier).
    // b10 + t: spend 60.00 + 35.00 = 95.00 reaches only the 50 tier: 30.00 -> 40.00 in all.
    // t alone: 5% of 105.00 = 5.25. A bound built from t's stand-alone 5.25 would cut the
    // b10 + t branch (0 + 10.00 + 5.25 < 30.00) and miss 40.00.
    PromotionResult r =
        PromotionEngine.of(
                List.of(
                    Promotion.of(
                            "a20",
                            "20.00 off A",
                            Target.skus("A"),
                            new Reward.AmountOff(eur("20.00")))
                        .priority(1),
                    Promotion.of(
                            "b10",
                            "10.00 off B",
                            Target.skus("B"),
                            new Reward.AmountOff(eur("10.00")))
                        .priority(2)
                        .stackableWithAny(),
                    Promotion.of(
                            "t",
                            "Spend more, save",
                            Target.basket(),
                            new Reward.Threshold(
                                List.of(
                                    Reward.Tier.amount(eur("50.00"), eur("30.00")),
                                    Reward.Tier.percent(eur("100.00"), "5"))))
                        .stackableWithAny()))
            .apply(aBasket().with("A", 1, "60.00").with("B", 1, "45.00").lines(), context());
    assertThat(applied(r)).containsExactly("b10", "t");
    assertThat(r.totalDiscount()).isEqualTo(eur("40.00"));
    // t's 30.00 over A 60.00 and B 35.00: 30.00 x 60/95 = 18.947 -> 18.95, 30.00 x 35/95 = 11.053
    // -> 11.05 (largest remainder); B also has its 10.00
    assertThat(r.discountOn(0)).isEqualTo(eur("18.95"));
    assertThat(r.discountOn(1)).isEqualTo(eur("21.05"));
  }

  @Test
  void aFixedPriceDoesNotConsumeUnitsAlreadyCheaperThanIt() {
    // Shirts at 14.99 and 8.50. "Any shirt 9.99" (priority 1) saves 5.00 on the 14.99 one and
    // leaves the 8.50 one untouched, so "10% shirts" (priority 2) may still take 0.85 off it:
    // 5.85. Alone: 5.00 and 1.50 + 0.85 = 2.35.
    PromotionResult r =
        PromotionEngine.of(
                List.of(
                    Promotion.of(
                            "fixed",
                            "Any shirt 9.99",
                            Target.categories("shirts"),
                            new Reward.FixedPrice(eur("9.99")))
                        .priority(1),
                    Promotion.of(
                            "ten",
                            "10% shirts",
                            Target.categories("shirts"),
                            new Reward.PercentOff(BigDecimal.TEN))
                        .priority(2)))
            .apply(
                aBasket()
                    .with("OXFORD", 1, "14.99", "shirts")
                    .with("TEE", 1, "8.50", "shirts")
                    .lines(),
                context());
    assertThat(r.totalDiscount()).isEqualTo(eur("5.85"));
    assertThat(r.discountOn(0)).isEqualTo(eur("5.00"));
    assertThat(r.discountOn(1)).isEqualTo(eur("0.85"));
  }

  @Test
  void buyOneGetTheDearestHalfPricePairsTheDearestWithTheCheapest() {
    // Bags at 10.00, 9.00, 2.00 and 1.00; buy 1 get 1 half price, the dearest of each pair
    // rewarded. Pairs formed in the customer's favour: {10.00, 1.00} and {9.00, 2.00}, so
    // 5.00 + 4.50 = 9.50 (pairing neighbours, {10.00, 9.00} and {2.00, 1.00}, would give 6.00).
    PromotionResult r =
        PromotionEngine.of(
                List.of(
                    Promotion.of(
                        "b1g1",
                        "Buy 1 get 1 half price",
                        Target.categories("bags"),
                        new Reward.BuyXGetY(
                            1, 1, new BigDecimal("50"), Reward.Pick.DEAREST, Optional.empty()))))
            .apply(
                aBasket()
                    .with("TOTE", 1, "2.00", "bags")
                    .with("DUFFEL", 1, "10.00", "bags")
                    .with("PURSE", 1, "1.00", "bags")
                    .with("SATCHEL", 1, "9.00", "bags")
                    .lines(),
                context());
    assertThat(r.totalDiscount()).isEqualTo(eur("9.50"));
    assertThat(r.discountOn(1)).isEqualTo(eur("5.00"));
    assertThat(r.discountOn(3)).isEqualTo(eur("4.50"));
  }

  @Test
  void aLeftOverCentGoesToTheSameSkuWhateverTheLineOrder() {
    // 1.00 off a basket of three 1.00 items: 0.33 each and one cent left over, which the equal
    // remainders give to the first SKU in order (A), not to whichever line was scanned first
    Promotion off =
        Promotion.of("one", "1.00 off", Target.basket(), new Reward.AmountOff(eur("1.00")));
    PromotionEngine engine = PromotionEngine.of(List.of(off));
    PromotionResult scannedCba =
        engine.apply(
            aBasket().with("C", 1, "1.00").with("B", 1, "1.00").with("A", 1, "1.00").lines(),
            context());
    assertThat(scannedCba.discountOn(2)).isEqualTo(eur("0.34"));
    assertThat(scannedCba.discountOn(0)).isEqualTo(eur("0.33"));
    PromotionResult scannedAbc =
        engine.apply(
            aBasket().with("A", 1, "1.00").with("B", 1, "1.00").with("C", 1, "1.00").lines(),
            context());
    assertThat(scannedAbc.discountOn(0)).isEqualTo(eur("0.34"));
  }

  @Test
  void beyondTheExhaustiveLimitCandidatesAreAddedGreedilyByStandAloneValue() {
    // 20 items S00..S19 at 10.00, each with "10% off" its own SKU (1.00 each), plus "15% off S00"
    // (1.50): 21 candidates, more than EXHAUSTIVE_LIMIT = 16, so the greedy fallback runs. It
    // takes the 1.50 first; "10% off S00" then adds nothing (S00 is taken) and is left out; the
    // other 19 add 1.00 each: 1.50 + 19 x 1.00 = 20.50 from 20 promotions
    List<Promotion> promotions = new ArrayList<>();
    Baskets basket = aBasket();
    for (int i = 0; i < 20; i++) {
      String sku = String.format("S%02d", i);
      basket.with(sku, 1, "10.00");
      promotions.add(
          Promotion.of(
              "ten-" + sku, "10% " + sku, Target.skus(sku), new Reward.PercentOff(BigDecimal.TEN)));
    }
    promotions.add(
        Promotion.of(
            "fifteen-S00",
            "15% S00",
            Target.skus("S00"),
            new Reward.PercentOff(BigDecimal.valueOf(15))));
    assertThat(promotions.size()).isGreaterThan(PromotionEngine.EXHAUSTIVE_LIMIT);
    PromotionResult r = PromotionEngine.of(promotions).apply(basket.lines(), context());
    assertThat(r.totalDiscount()).isEqualTo(eur("20.50"));
    assertThat(applied(r)).hasSize(20).contains("fifteen-S00").doesNotContain("ten-S00");
    assertThat(r.discountOn(0)).isEqualTo(eur("1.50"));
  }

  @Test
  void twoPromotionsWithOneIdAreRefused() {
    Promotion p =
        Promotion.of("dup", "10%", Target.basket(), new Reward.PercentOff(BigDecimal.TEN));
    assertThatThrownBy(() -> PromotionEngine.of(List.of(p, p)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("dup")
        .extracting(e -> ((InvalidInputException) e).code())
        .isEqualTo(ErrorCode.PROMOTION_INVALID);
  }
}
