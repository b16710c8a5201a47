package io.vruksha.retail.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.money.UnitPrice;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PromotionPropertiesTest {

  private static final String[] SKUS = {"A", "B", "C", "D", "E"};

  @Provide
  Arbitrary<List<PromotionLine>> baskets() {
    Arbitrary<PromotionLine> line =
        Combinators.combine(
                Arbitraries.of(SKUS),
                Arbitraries.integers().between(1, 6),
                Arbitraries.longs().between(1, 5_000),
                Arbitraries.of(true, true, true, false))
            .as(
                (sku, qty, cents, eligible) -> {
                  Money unit = Money.ofMinor(Baskets.EUR, cents);
                  return new PromotionLine(
                      0,
                      Sku.of(sku),
                      Set.of(CategoryId.of(sku.compareTo("C") < 0 ? "low" : "high")),
                      Quantity.each(qty),
                      unit,
                      unit.times(qty),
                      Optional.of(UnitPrice.of(Money.ofMinor(Baskets.EUR, cents / 2))),
                      eligible);
                });
    return line.list()
        .ofMinSize(1)
        .ofMaxSize(8)
        .map(
            ls -> {
              List<PromotionLine> indexed = new ArrayList<>();
              for (int i = 0; i < ls.size(); i++) {
                PromotionLine l = ls.get(i);
                indexed.add(
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
              return indexed;
            });
  }

  @Provide
  Arbitrary<List<Promotion>> promotionSets() {
    Arbitrary<Target> target =
        Arbitraries.oneOf(
            Arbitraries.of(SKUS).map(Target::skus),
            Arbitraries.of("low", "high").map(Target::categories),
            Arbitraries.just(Target.basket()));
    Arbitrary<Reward> reward =
        Arbitraries.oneOf(
            Arbitraries.integers()
                .between(1, 100)
                .map(p -> new Reward.PercentOff(BigDecimal.valueOf(p))),
            Arbitraries.longs()
                .between(1, 3_000)
                .map(c -> new Reward.AmountOff(Money.ofMinor(Baskets.EUR, c))),
            Arbitraries.longs()
                .between(0, 3_000)
                .map(c -> new Reward.FixedPrice(Money.ofMinor(Baskets.EUR, c))),
            Combinators.combine(
                    Arbitraries.integers().between(1, 3),
                    Arbitraries.integers().between(1, 2),
                    Arbitraries.integers().between(1, 100),
                    Arbitraries.of(Reward.Pick.values()))
                .as(
                    (x, y, p, pick) ->
                        new Reward.BuyXGetY(x, y, BigDecimal.valueOf(p), pick, Optional.empty())),
            Combinators.combine(
                    Arbitraries.integers().between(2, 4), Arbitraries.longs().between(0, 10_000))
                .as((n, c) -> new Reward.Bundle(n, Money.ofMinor(Baskets.EUR, c))),
            Arbitraries.longs()
                .between(100, 20_000)
                .map(
                    c ->
                        new Reward.Threshold(
                            List.of(
                                Reward.Tier.amount(
                                    Money.ofMinor(Baskets.EUR, c),
                                    Money.ofMinor(Baskets.EUR, c / 10 + 1))))),
            // two tiers whose upper one may be worth less than the lower one
            Combinators.combine(
                    Arbitraries.longs().between(100, 10_000),
                    Arbitraries.longs().between(1, 10_000),
                    Arbitraries.longs().between(1, 3_000),
                    Arbitraries.integers().between(1, 30))
                .as(
                    (low, step, off, pct) ->
                        new Reward.Threshold(
                            List.of(
                                Reward.Tier.amount(
                                    Money.ofMinor(Baskets.EUR, low),
                                    Money.ofMinor(Baskets.EUR, off)),
                                Reward.Tier.percent(
                                    Money.ofMinor(Baskets.EUR, low + step),
                                    String.valueOf(pct))))));
    Arbitrary<Promotion> promotion =
        Combinators.combine(
                Arbitraries.integers().between(0, 999),
                target,
                reward,
                Arbitraries.integers().between(0, 3),
                Arbitraries.of(0, 1, 2, 3, 0, 1, 2, 3, 4, 5))
            .as(
                (id, t, r, priority, flags) -> {
                  if (r.countsPieces() && t.wholeBasket()) {
                    t = Target.categories("low");
                  }
                  Promotion p = Promotion.of("p" + id, "promo " + id, t, r).priority(priority);
                  if ((flags & 1) != 0) {
                    p = p.stackableWithAny();
                  }
                  if ((flags & 2) != 0) {
                    p = p.notBelowCost();
                  }
                  if ((flags & 4) != 0) {
                    p = p.asExclusive();
                  }
                  return p;
                });
    return promotion.list().ofMinSize(0).ofMaxSize(7).uniqueElements(Promotion::id);
  }

  @Property(tries = 400)
  void noLineIsDiscountedBelowZeroAndEverythingAddsUp(
      @ForAll("baskets") List<PromotionLine> lines,
      @ForAll("promotionSets") List<Promotion> promotions) {
    PromotionResult r = PromotionEngine.of(promotions).apply(lines, Baskets.context());
    Money zero = Money.zero(Baskets.EUR);
    for (PromotionLine l : lines) {
      Money discount = r.discountOn(l.index());
      assertThat(discount.isNegative()).isFalse();
      assertThat(discount).isLessThanOrEqualTo(l.amount());
      if (!l.eligible()) {
        assertThat(discount).isEqualTo(zero);
      }
    }
    Money adjustments =
        r.adjustments().stream().map(LineAdjustment::amount).reduce(zero, Money::plus);
    Money applied = r.applied().stream().map(AppliedPromotion::discount).reduce(zero, Money::plus);
    assertThat(adjustments).isEqualTo(r.totalDiscount());
    assertThat(applied).isEqualTo(r.totalDiscount());
    assertThat(r.adjustments()).allSatisfy(a -> assertThat(a.amount().isPositive()).isTrue());
  }

  @Property(tries = 300)
  void aPromotionThatCannotApplyChangesNothing(
      @ForAll("baskets") List<PromotionLine> lines,
      @ForAll("promotionSets") List<Promotion> promotions) {
    PromotionResult before = PromotionEngine.of(promotions).apply(lines, Baskets.context());
    List<Promotion> more = new ArrayList<>(promotions);
    more.add(
        Promotion.of(
            "zz-elsewhere",
            "Not in this basket",
            Target.skus("NOT-IN-BASKET"),
            new Reward.PercentOff(BigDecimal.TEN)));
    more.add(
        Promotion.of(
                "zz-future", "Next year", Target.basket(), new Reward.PercentOff(BigDecimal.TEN))
            .when(
                Eligibility.ALWAYS.between(
                    Instant.parse("2027-06-01T00:00:00Z"), Instant.parse("2027-07-01T00:00:00Z"))));
    assertThat(PromotionEngine.of(more).apply(lines, Baskets.context())).isEqualTo(before);
  }

  @Property(tries = 200)
  void theChosenCombinationIsAtLeastAsGoodAsAnySinglePromotion(
      @ForAll("baskets") List<PromotionLine> lines,
      @ForAll("promotionSets") List<Promotion> promotions) {
    PromotionResult best = PromotionEngine.of(promotions).apply(lines, Baskets.context());
    for (Promotion p : promotions) {
      PromotionResult alone = PromotionEngine.of(List.of(p)).apply(lines, Baskets.context());
      assertThat(best.totalDiscount()).isGreaterThanOrEqualTo(alone.totalDiscount());
    }
  }

  @Property(tries = 300)
  void theSearchFindsTheSameTotalAsTryingEverySubset(
      @ForAll("baskets") List<PromotionLine> lines,
      @ForAll("promotionSets") List<Promotion> promotions) {
    PromotionEngine engine = PromotionEngine.of(promotions);
    List<Promotion> candidates = engine.candidates(lines, Baskets.context());
    UnitState start = UnitState.of(lines, candidates);
    long best = 0;
    for (int mask = 1; mask < 1 << candidates.size(); mask++) {
      boolean exclusiveWithOthers = false;
      for (int c = 0; c < candidates.size(); c++) {
        if ((mask >> c & 1) != 0 && candidates.get(c).exclusive() && Integer.bitCount(mask) > 1) {
          exclusiveWithOthers = true;
        }
      }
      if (exclusiveWithOthers) {
        continue;
      }
      UnitState s = start.copy();
      long total = 0;
      boolean givesNothing = false;
      for (int c = 0; c < candidates.size() && !givesNothing; c++) {
        if ((mask >> c & 1) != 0) {
          long gained = s.apply(c);
          // a promotion that gives nothing does not apply and takes no units (docs/promotions.md):
          // this combination is the one without it, tried on its own mask
          givesNothing = gained == 0;
          total += gained;
        }
      }
      if (givesNothing) {
        continue;
      }
      best = Math.max(best, total);
    }
    assertThat(engine.apply(lines, Baskets.context()).totalDiscount())
        .isEqualTo(Money.ofMinor(Baskets.EUR, best));
  }

  @Property(tries = 200)
  void theLineOrderNeverChangesWhatEachSkuSaves(
      @ForAll("baskets") List<PromotionLine> lines,
      @ForAll("promotionSets") List<Promotion> promotions,
      @ForAll Random random) {
    PromotionEngine engine = PromotionEngine.of(promotions);
    List<PromotionLine> shuffled = new ArrayList<>(lines);
    Collections.shuffle(shuffled, random);
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
    assertThat(perSku(engine.apply(reindexed, Baskets.context()), reindexed))
        .isEqualTo(perSku(engine.apply(lines, Baskets.context()), lines));
  }

  private static Map<Sku, Money> perSku(PromotionResult r, List<PromotionLine> lines) {
    Map<Sku, Money> result = new TreeMap<>(Comparator.comparing(Sku::value));
    for (PromotionLine l : lines) {
      result.merge(l.sku(), r.discountOn(l.index()), Money::plus);
    }
    return result;
  }
}
