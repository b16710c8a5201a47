package io.vruksha.retail.promotion;

import static io.vruksha.retail.promotion.Baskets.aBasket;
import static io.vruksha.retail.promotion.Baskets.context;
import static io.vruksha.retail.promotion.Baskets.eur;
import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.customer.CustomerGroupId;
import io.vruksha.retail.loyalty.LoyaltyTier;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One worked example per kind of promotion; the arithmetic is in the comments. */
class PromotionTypesTest {

  private static PromotionResult apply(
      List<PromotionLine> lines, PromotionContext ctx, Promotion... promotions) {
    return PromotionEngine.of(List.of(promotions)).apply(lines, ctx);
  }

  private static PromotionResult apply(List<PromotionLine> lines, Promotion... promotions) {
    return apply(lines, context(), promotions);
  }

  private static Reward percent(String p) {
    return new Reward.PercentOff(new BigDecimal(p));
  }

  @Test
  void percentOffAnItem() {
    // 2 x 20.00 = 40.00; 25% = 10.00
    PromotionResult r =
        apply(
            aBasket().with("SHIRT", 2, "20.00").with("MUG", 1, "5.00").lines(),
            Promotion.of("p", "25% off shirts", Target.skus("SHIRT"), percent("25")));
    assertThat(r.discountOn(0)).isEqualTo(eur("10.00"));
    assertThat(r.discountOn(1)).isEqualTo(eur("0.00"));
    assertThat(r.totalDiscount()).isEqualTo(eur("10.00"));
    assertThat(r.adjustments())
        .singleElement()
        .satisfies(a -> assertThat(a.label()).isEqualTo("25% off shirts"));
  }

  @Test
  void percentOffACategoryReachesItsSubcategories() {
    // the shirt sits in shirts < apparel; 10% of 19.99 = 1.999 -> 2.00
    PromotionResult r =
        apply(
            aBasket()
                .with("SHIRT", 1, "19.99", "shirts", "apparel")
                .with("BREAD", 1, "2.49", "food")
                .lines(),
            Promotion.of("p", "10% off apparel", Target.categories("apparel"), percent("10")));
    assertThat(r.discountOn(0)).isEqualTo(eur("2.00"));
    assertThat(r.discountOn(1)).isEqualTo(eur("0.00"));
  }

  @Test
  void percentOffTheBasketIsSpreadByLargestRemainder() {
    // 19.99 + 5.01 = 25.00; 10% = 2.50 = 250 cents
    // shares 250 x 19.99/25 = 199.9 and 250 x 5.01/25 = 50.1 -> floors 199 + 50 = 249,
    // the last cent to the larger remainder (.9) -> 2.00 and 0.50
    PromotionResult r =
        apply(
            aBasket().with("SHIRT", 1, "19.99").with("SOCKS", 1, "5.01").lines(),
            Promotion.of("p", "10% off everything", Target.basket(), percent("10")));
    assertThat(r.discountOn(0)).isEqualTo(eur("2.00"));
    assertThat(r.discountOn(1)).isEqualTo(eur("0.50"));
  }

  @Test
  void amountOffEachUnitOfAnItem() {
    // 1.00 off each of 3 mugs = 3.00
    PromotionResult r =
        apply(
            aBasket().with("MUG", 3, "4.50").lines(),
            Promotion.of(
                "p", "1.00 off mugs", Target.skus("MUG"), new Reward.AmountOff(eur("1.00"))));
    assertThat(r.totalDiscount()).isEqualTo(eur("3.00"));
  }

  @Test
  void amountOffEachUnitOfACategoryNeverTakesAUnitBelowZero() {
    // 2.00 off each unit in "kitchen" (a parent of "cups"): 2 mugs at 4.50 -> 2 x 2.00 = 4.00;
    // an egg cup at 1.50 can only lose 1.50; the towel is not in the category: 5.50 in all
    PromotionResult r =
        apply(
            aBasket()
                .with("MUG", 2, "4.50", "cups", "kitchen")
                .with("EGGCUP", 1, "1.50", "cups", "kitchen")
                .with("TOWEL", 1, "6.00", "bath")
                .lines(),
            Promotion.of(
                "p",
                "2.00 off kitchen",
                Target.categories("kitchen"),
                new Reward.AmountOff(eur("2.00"))));
    assertThat(r.discountOn(0)).isEqualTo(eur("4.00"));
    assertThat(r.discountOn(1)).isEqualTo(eur("1.50"));
    assertThat(r.discountOn(2)).isEqualTo(eur("0.00"));
    assertThat(r.totalDiscount()).isEqualTo(eur("5.50"));
  }

  @Test
  void amountOffTheBasketOnceSpreadOverLines() {
    // 5.00 over 30.00 and 10.00 -> 3.75 and 1.25
    PromotionResult r =
        apply(
            aBasket().with("COAT", 1, "30.00").with("HAT", 1, "10.00").lines(),
            Promotion.of("p", "5.00 off", Target.basket(), new Reward.AmountOff(eur("5.00"))));
    assertThat(r.discountOn(0)).isEqualTo(eur("3.75"));
    assertThat(r.discountOn(1)).isEqualTo(eur("1.25"));
  }

  @Test
  void fixedPriceLeavesCheaperUnitsAlone() {
    // any shirt 9.99: 2 x (14.99 - 9.99) = 10.00; the 8.50 shirt stays 8.50
    PromotionResult r =
        apply(
            aBasket()
                .with("SHIRT-A", 2, "14.99", "shirts")
                .with("SHIRT-B", 1, "8.50", "shirts")
                .lines(),
            Promotion.of(
                "p",
                "Any shirt 9.99",
                Target.categories("shirts"),
                new Reward.FixedPrice(eur("9.99"))));
    assertThat(r.discountOn(0)).isEqualTo(eur("10.00"));
    assertThat(r.discountOn(1)).isEqualTo(eur("0.00"));
  }

  @Test
  void buyTwoGetTheCheapestFree() {
    // 5.00, 4.00, 3.00 ranked dearest first form one set of 3; the cheapest (3.00) is free
    PromotionResult r =
        apply(
            aBasket()
                .with("SOCK-A", 1, "3.00", "socks")
                .with("SOCK-B", 1, "5.00", "socks")
                .with("SOCK-C", 1, "4.00", "socks")
                .lines(),
            Promotion.of(
                "p",
                "3 for 2 on socks",
                Target.categories("socks"),
                new Reward.BuyXGetY(
                    2, 1, new BigDecimal("100"), Reward.Pick.CHEAPEST, Optional.empty())));
    assertThat(r.discountOn(0)).isEqualTo(eur("3.00"));
    assertThat(r.totalDiscount()).isEqualTo(eur("3.00"));
  }

  @Test
  void buyXGetYRepeatsOnlyForCompleteSets() {
    // 7 x 2.00: two complete sets of 3 -> 2 free = 4.00; the 7th unit pays full price
    PromotionResult r =
        apply(
            aBasket().with("SOCK", 7, "2.00").lines(),
            Promotion.of(
                "p",
                "3 for 2",
                Target.skus("SOCK"),
                new Reward.BuyXGetY(
                    2, 1, new BigDecimal("100"), Reward.Pick.CHEAPEST, Optional.empty())));
    assertThat(r.totalDiscount()).isEqualTo(eur("4.00"));
  }

  @Test
  void buyOneGetOneHalfPriceOnTheDearestOrTheCheapest() {
    // set [10.00, 6.00]: dearest half price = 5.00; cheapest half price = 3.00
    List<PromotionLine> lines =
        aBasket().with("A", 1, "10.00", "shoes").with("B", 1, "6.00", "shoes").lines();
    Reward dearest =
        new Reward.BuyXGetY(1, 1, new BigDecimal("50"), Reward.Pick.DEAREST, Optional.empty());
    Reward cheapest =
        new Reward.BuyXGetY(1, 1, new BigDecimal("50"), Reward.Pick.CHEAPEST, Optional.empty());
    assertThat(
            apply(lines, Promotion.of("p", "BOGOHP", Target.categories("shoes"), dearest))
                .discountOn(0))
        .isEqualTo(eur("5.00"));
    assertThat(
            apply(lines, Promotion.of("p", "BOGOHP", Target.categories("shoes"), cheapest))
                .discountOn(1))
        .isEqualTo(eur("3.00"));
  }

  @Test
  void buyPastaGetSauceFree() {
    // 4 pasta, 3 sauces: sets = min(4 / 2, 3 / 1) = 2 -> two sauces free = 2 x 2.50 = 5.00
    PromotionResult r =
        apply(
            aBasket().with("PASTA", 4, "1.20").with("SAUCE", 3, "2.50").lines(),
            Promotion.of(
                "p",
                "Buy 2 pasta, sauce free",
                Target.skus("PASTA"),
                new Reward.BuyXGetY(
                    2,
                    1,
                    new BigDecimal("100"),
                    Reward.Pick.CHEAPEST,
                    Optional.of(Target.skus("SAUCE")))));
    assertThat(r.discountOn(0)).isEqualTo(eur("0.00"));
    assertThat(r.discountOn(1)).isEqualTo(eur("5.00"));
  }

  @Test
  void threeForTenSpreadsTheSavingByLargestRemainder() {
    // 3 x 4.99 = 14.97; "3 for 10.00" saves 4.97, spread 1.66/1.66/1.65 by largest remainder
    PromotionResult r =
        apply(
            aBasket()
                .with("A", 1, "4.99", "mix")
                .with("B", 1, "4.99", "mix")
                .with("C", 1, "4.99", "mix")
                .lines(),
            Promotion.of(
                "p", "3 for 10.00", Target.categories("mix"), new Reward.Bundle(3, eur("10.00"))));
    assertThat(r.discountOn(0)).isEqualTo(eur("1.66"));
    assertThat(r.discountOn(1)).isEqualTo(eur("1.66"));
    assertThat(r.discountOn(2)).isEqualTo(eur("1.65"));
  }

  @Test
  void aBundleFormsOnlyForCompleteSetsAndTakesTheDearestUnits() {
    // 4.99, 4.99, 4.99, 3.00: the three dearest make the bundle (saving 4.97), 3.00 pays full
    PromotionResult r =
        apply(
            aBasket().with("A", 3, "4.99", "mix").with("B", 1, "3.00", "mix").lines(),
            Promotion.of(
                "p", "3 for 10.00", Target.categories("mix"), new Reward.Bundle(3, eur("10.00"))));
    assertThat(r.discountOn(0)).isEqualTo(eur("4.97"));
    assertThat(r.discountOn(1)).isEqualTo(eur("0.00"));
  }

  @Test
  void spendAHundredGetTen() {
    // 60.00 + 45.00 = 105.00 >= 100 -> 10.00 off: 1000 x 60/105 = 571.43, 1000 x 45/105 = 428.57
    // floors 571 + 428 = 999; the cent left goes to the larger remainder .57 -> 5.71 / 4.29
    Promotion spend100 =
        Promotion.of(
            "p",
            "Spend 100, get 10",
            Target.basket(),
            new Reward.Threshold(List.of(Reward.Tier.amount(eur("100.00"), eur("10.00")))));
    PromotionResult r =
        apply(aBasket().with("A", 1, "60.00").with("B", 1, "45.00").lines(), spend100);
    assertThat(r.discountOn(0)).isEqualTo(eur("5.71"));
    assertThat(r.discountOn(1)).isEqualTo(eur("4.29"));
    // 99.99 misses the threshold
    assertThat(apply(aBasket().with("A", 1, "99.99").lines(), spend100).totalDiscount())
        .isEqualTo(eur("0.00"));
  }

  @Test
  void tieredThresholdGivesTheHighestTierReachedOnly() {
    Promotion tiers =
        Promotion.of(
            "p",
            "Spend more, save more",
            Target.basket(),
            new Reward.Threshold(
                List.of(
                    Reward.Tier.amount(eur("50.00"), eur("5.00")),
                    Reward.Tier.amount(eur("100.00"), eur("15.00")),
                    Reward.Tier.percent(eur("200.00"), "10"))));
    // 120.00 reaches the 100 tier: 15.00 (not 5 + 15)
    assertThat(apply(aBasket().with("A", 1, "120.00").lines(), tiers).totalDiscount())
        .isEqualTo(eur("15.00"));
    // 75.00 reaches the 50 tier: 5.00
    assertThat(apply(aBasket().with("A", 1, "75.00").lines(), tiers).totalDiscount())
        .isEqualTo(eur("5.00"));
    // 250.00 reaches the 200 tier: 10% = 25.00
    assertThat(apply(aBasket().with("A", 1, "250.00").lines(), tiers).totalDiscount())
        .isEqualTo(eur("25.00"));
  }

  @Test
  void customerGroupPromotionsApplyToTheGroupOnly() {
    // staff get 20% off: 20% of 50.00 = 10.00
    Promotion staff =
        Promotion.of("p", "Staff discount", Target.basket(), percent("20"))
            .when(Eligibility.ALWAYS.forGroups(CustomerGroupId.of("staff")));
    List<PromotionLine> lines = aBasket().with("A", 1, "50.00").lines();
    assertThat(apply(lines, context(), staff).totalDiscount()).isEqualTo(eur("0.00"));
    assertThat(apply(lines, Baskets.forGroup("trade"), staff).totalDiscount())
        .isEqualTo(eur("0.00"));
    assertThat(apply(lines, Baskets.forGroup("staff"), staff).totalDiscount())
        .isEqualTo(eur("10.00"));
  }

  @Test
  void loyaltyTierPromotionsApplyToTheTierOnly() {
    // gold members: 15% off shoes; 15% of 80.00 = 12.00
    Promotion gold =
        Promotion.of("p", "Gold: 15% off shoes", Target.categories("shoes"), percent("15"))
            .when(Eligibility.ALWAYS.forTiers(LoyaltyTier.of("gold")));
    List<PromotionLine> lines = aBasket().with("BOOT", 1, "80.00", "shoes").lines();
    assertThat(apply(lines, Baskets.forTier("silver"), gold).totalDiscount())
        .isEqualTo(eur("0.00"));
    assertThat(apply(lines, Baskets.forTier("gold"), gold).totalDiscount()).isEqualTo(eur("12.00"));
  }

  @Test
  void timeWindowsByDateWeekdayAndHourInTheStoresZone() {
    List<PromotionLine> lines = aBasket().with("BEER", 1, "10.00").lines();
    Promotion blackFriday =
        Promotion.of("bf", "Black Friday 30%", Target.basket(), percent("30"))
            .when(
                Eligibility.ALWAYS.between(
                    Instant.parse("2026-11-26T23:00:00Z"), Instant.parse("2026-11-27T23:00:00Z")));
    assertThat(
            apply(lines, context(Instant.parse("2026-11-26T22:59:59Z")), blackFriday)
                .totalDiscount())
        .isEqualTo(eur("0.00"));
    assertThat(
            apply(lines, context(Instant.parse("2026-11-27T10:00:00Z")), blackFriday)
                .totalDiscount())
        .isEqualTo(eur("3.00"));

    // Tuesdays only: 2026-11-24 is a Tuesday, 2026-11-25 a Wednesday
    Promotion tuesday =
        Promotion.of("tue", "Tuesday 10%", Target.basket(), percent("10"))
            .when(Eligibility.ALWAYS.on(DayOfWeek.TUESDAY));
    assertThat(
            apply(lines, context(Instant.parse("2026-11-24T12:00:00Z")), tuesday).totalDiscount())
        .isEqualTo(eur("1.00"));
    assertThat(
            apply(lines, context(Instant.parse("2026-11-25T12:00:00Z")), tuesday).totalDiscount())
        .isEqualTo(eur("0.00"));

    // happy hour 17:00-19:00 Berlin time (UTC+1 in November): 16:30Z is 17:30 local
    Promotion happyHour =
        Promotion.of("hh", "Happy hour 50%", Target.skus("BEER"), percent("50"))
            .when(Eligibility.ALWAYS.hours(LocalTime.of(17, 0), LocalTime.of(19, 0)));
    assertThat(
            apply(lines, context(Instant.parse("2026-11-24T16:30:00Z")), happyHour).totalDiscount())
        .isEqualTo(eur("5.00"));
    assertThat(
            apply(lines, context(Instant.parse("2026-11-24T18:00:00Z")), happyHour).totalDiscount())
        .isEqualTo(eur("0.00"));
  }

  @Test
  void weighedItemsTakePercentAndFixedPriceButNotPieceDeals() {
    // 1.255 kg x 12.99 = 16.30245 -> 16.30; 10% = 1.63
    List<PromotionLine> lines = aBasket().weighed("GOUDA", "1.255", "12.99", "cheese").lines();
    assertThat(
            apply(
                    lines,
                    Promotion.of("p", "10% cheese", Target.categories("cheese"), percent("10")))
                .totalDiscount())
        .isEqualTo(eur("1.63"));
    // fixed 9.99/kg: 1.255 x 9.99 = 12.53745 -> 12.54; saving 16.30 - 12.54 = 3.76
    assertThat(
            apply(
                    lines,
                    Promotion.of(
                        "p",
                        "Gouda 9.99/kg",
                        Target.skus("GOUDA"),
                        new Reward.FixedPrice(eur("9.99"))))
                .totalDiscount())
        .isEqualTo(eur("3.76"));
    assertThat(
            apply(
                    lines,
                    Promotion.of(
                        "p", "2 for 1", Target.skus("GOUDA"), new Reward.Bundle(2, eur("1.00"))))
                .totalDiscount())
        .isEqualTo(eur("0.00"));
  }

  @Test
  void linesTouchedByHandTakeNoPromotion() {
    PromotionResult r =
        apply(
            aBasket().manual("SHIRT", 1, "20.00").with("SHIRT", 1, "20.00").lines(),
            Promotion.of("p", "25% off shirts", Target.skus("SHIRT"), percent("25")));
    assertThat(r.discountOn(0)).isEqualTo(eur("0.00"));
    assertThat(r.discountOn(1)).isEqualTo(eur("5.00"));
  }
}
