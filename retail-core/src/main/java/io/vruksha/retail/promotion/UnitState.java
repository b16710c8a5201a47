package io.vruksha.retail.promotion;

import io.vruksha.retail.money.Allocation;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.money.UnitPrice;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The basket as units, while a combination of promotions is applied to it.
 *
 * <p>A line of whole pieces becomes one unit per piece (the line amount spread over them by largest
 * remainder, so they sum to it exactly); a weighed line is one unit. Each unit remembers its
 * current value, its cost and which promotions claimed it, so the stacking rules can be checked per
 * unit. All amounts are in minor units. Not thread-safe: each search branch works on its own {@link
 * #copy()}.
 */
final class UnitState {

  private final List<PromotionLine> lines;
  private final List<Promotion> candidates;
  private final int[] line;
  private final long[] cost;
  private final boolean[] piece;
  private final String[] skuOrder;
  private long[] value;
  private int[][] claims;
  private ArrayList<long[]> log;

  private UnitState(
      List<PromotionLine> lines,
      List<Promotion> candidates,
      int[] line,
      long[] cost,
      boolean[] piece,
      String[] skuOrder,
      long[] value,
      int[][] claims,
      ArrayList<long[]> log) {
    this.lines = lines;
    this.candidates = candidates;
    this.line = line;
    this.cost = cost;
    this.piece = piece;
    this.skuOrder = skuOrder;
    this.value = value;
    this.claims = claims;
    this.log = log;
  }

  static UnitState of(List<PromotionLine> lines, List<Promotion> candidates) {
    List<int[]> unitLine = new ArrayList<>();
    List<long[]> unitValueCost = new ArrayList<>();
    List<Boolean> unitPiece = new ArrayList<>();
    for (int l = 0; l < lines.size(); l++) {
      PromotionLine pl = lines.get(l);
      if (!pl.eligible() || !pl.amount().isPositive()) {
        continue;
      }
      if (pl.quantity().unit().isDiscrete()) {
        int pieces = (int) pl.quantity().pieces();
        List<BigDecimal> equal = Collections.nCopies(pieces, BigDecimal.ONE);
        long[] values = Allocation.largestRemainder(pl.amount().minorUnits(), equal);
        long unitCost = pl.unitCost().map(c -> costFloor(c, Quantity.each(1))).orElse(-1L);
        for (long v : values) {
          unitLine.add(new int[] {l});
          unitValueCost.add(new long[] {v, unitCost});
          unitPiece.add(true);
        }
      } else {
        long lineCost = pl.unitCost().map(c -> costFloor(c, pl.quantity())).orElse(-1L);
        unitLine.add(new int[] {l});
        unitValueCost.add(new long[] {pl.amount().minorUnits(), lineCost});
        unitPiece.add(false);
      }
    }
    int n = unitLine.size();
    int[] line = new int[n];
    long[] value = new long[n];
    long[] cost = new long[n];
    boolean[] piece = new boolean[n];
    String[] sku = new String[n];
    for (int u = 0; u < n; u++) {
      line[u] = unitLine.get(u)[0];
      value[u] = unitValueCost.get(u)[0];
      cost[u] = unitValueCost.get(u)[1];
      piece[u] = unitPiece.get(u);
      sku[u] = lines.get(line[u]).sku().value();
    }
    int[][] claims = new int[n][];
    Arrays.fill(claims, new int[0]);
    return new UnitState(
        lines, candidates, line, cost, piece, sku, value, claims, new ArrayList<>());
  }

  /**
   * The lowest value, in minor units, a unit may be discounted to under {@code neverBelowCost}: its
   * exact cost ({@code unitCost x quantity}) rounded up to the minor unit. A discount is whole
   * minor units and may not exceed {@code price - cost}, so the largest allowed is {@code price -
   * cost} rounded down, which is {@code price} less the cost rounded up: at 3.00 with a cost of
   * 2.7812 at most 0.21 off (not 0.22, which would sell at 2.78, below the cost), with a cost of
   * 0.0049 all but 0.01.
   */
  private static long costFloor(UnitPrice unitCost, Quantity quantity) {
    return unitCost.extend(quantity, RoundingMode.CEILING).minorUnits();
  }

  UnitState copy() {
    return new UnitState(
        lines,
        candidates,
        line,
        cost,
        piece,
        skuOrder,
        value.clone(),
        claims.clone(),
        new ArrayList<>(log));
  }

  /** Discounts per line, then per candidate index, in minor units. */
  Map<Integer, Map<Integer, Long>> discountsByLine() {
    Map<Integer, Map<Integer, Long>> result = new TreeMap<>();
    for (long[] entry : log) {
      result
          .computeIfAbsent((int) entry[0], k -> new TreeMap<>())
          .merge((int) entry[1], entry[2], Long::sum);
    }
    return result;
  }

  /**
   * An upper bound on what candidate {@code c} can give after any other promotions have been
   * applied to this state, given {@code alone}, what it gives applied to this state by itself.
   *
   * <p>Other promotions only take units away or lower their value (a unit's headroom falls with
   * it). Percentages, amounts and fixed prices then give no more than {@code alone}. The other
   * rewards can gain and have bounds of their own: a threshold's lower tier may be worth more than
   * a higher one ({@link #thresholdBound}); a multi-buy capped at cost may reward units with more
   * headroom once the dear, low-margin ones are gone ({@link #bundleBound}, {@link
   * #buyXGetYBound}); and the cheapest units of a separate reward target are dearer once the
   * cheapest are gone.
   */
  long bound(int c, long alone) {
    Promotion p = candidates.get(c);
    Reward reward = p.reward();
    if (reward instanceof Reward.Threshold r) {
      return thresholdBound(c, p, r);
    } else if (reward instanceof Reward.Bundle r) {
      return bundleBound(c, p, r);
    } else if (reward instanceof Reward.BuyXGetY r) {
      return buyXGetYBound(c, p, r);
    }
    return alone;
  }

  /**
   * The best tier within reach of today's spend, priced at today's spend, capped by the units'
   * headroom: a lower spend reaches no higher tier, and a percentage of it is smaller.
   */
  private long thresholdBound(int c, Promotion p, Reward.Threshold r) {
    List<Integer> units = open(c, p.target(), false);
    long spend = sum(units);
    long room = 0;
    for (int u : units) {
      room += headroom(p, u);
    }
    long best = 0;
    for (Reward.Tier tier : r.tiers()) {
      if (spend >= tier.spend().minorUnits()) {
        long off =
            tier.amountOff()
                .map(Money::minorUnits)
                .orElseGet(
                    () ->
                        percentOf(
                            spend,
                            tier.percentOff()
                                .orElseThrow(
                                    () ->
                                        new IllegalStateException(
                                            "a tier with neither amount nor percent off"))));
        best = Math.max(best, off);
      }
    }
    return Math.min(best, room);
  }

  /**
   * The smaller of the bundles' savings without the cost cap and the headroom of the dearest-in-
   * headroom {@code bundles x quantity} units. Later, the open units are fewer and worth no more,
   * so the k-th dearest unit is worth no more, each bundle saves no more and no more bundles form:
   * the uncapped saving only falls. With the cap, each bundle saves at most its units' headroom,
   * and the units bundled later are at most {@code bundles x quantity} of today's open units, each
   * with no more headroom than today.
   */
  private long bundleBound(int c, Promotion p, Reward.Bundle r) {
    List<Integer> ranked = dearestFirst(open(c, p.target(), true));
    long uncapped = 0;
    int bundles = 0;
    for (int start = 0; start + r.quantity() <= ranked.size(); start += r.quantity()) {
      long saving = sum(ranked.subList(start, start + r.quantity())) - r.price().minorUnits();
      if (saving <= 0) {
        break;
      }
      uncapped += saving;
      bundles++;
    }
    long[] room = new long[ranked.size()];
    for (int i = 0; i < room.length; i++) {
      room[i] = headroom(p, ranked.get(i));
    }
    return Math.min(uncapped, largest(room, bundles * r.quantity()));
  }

  /**
   * For the same target: the smaller of the reward without the cost cap and the {@code sets x get}
   * largest per-unit rewards with the cap. Later, the open units are fewer and worth no more, so no
   * more sets form and the unit at each rewarded rank is worth no more: the uncapped reward only
   * falls. With the cap a rewarded unit gives the smaller of its percentage and its headroom, and
   * at most {@code sets x get} of today's units are rewarded later, each giving no more than today.
   * With a separate reward target the cheapest reward units rise when others are taken, so only the
   * second bound holds.
   */
  private long buyXGetYBound(int c, Promotion p, Reward.BuyXGetY r) {
    List<Integer> units = open(c, p.target(), true);
    List<Integer> rewardUnits;
    int sets;
    long uncapped = Long.MAX_VALUE;
    if (r.rewardTarget().isEmpty()) {
      rewardUnits = units;
      List<Integer> ranked = dearestFirst(units);
      int set = r.buy() + r.get();
      sets = ranked.size() / set;
      uncapped = 0;
      for (int k = 0; k < sets; k++) {
        List<Integer> rewarded =
            r.pick() == Reward.Pick.DEAREST
                ? ranked.subList(k * r.get(), (k + 1) * r.get())
                : ranked.subList(k * set + r.buy(), (k + 1) * set);
        for (int u : rewarded) {
          uncapped += percentOf(value[u], r.percentOff());
        }
      }
    } else {
      rewardUnits = open(c, r.rewardTarget().get(), true);
      List<Integer> buyUnits = new ArrayList<>(units);
      buyUnits.removeAll(rewardUnits);
      sets = Math.min(buyUnits.size() / r.buy(), rewardUnits.size() / r.get());
    }
    long[] gain = new long[rewardUnits.size()];
    for (int i = 0; i < gain.length; i++) {
      int u = rewardUnits.get(i);
      gain[i] = Math.min(percentOf(value[u], r.percentOff()), headroom(p, u));
    }
    return Math.min(uncapped, largest(gain, sets * r.get()));
  }

  /** The sum of the {@code k} largest of {@code values}. */
  private static long largest(long[] values, int k) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    long total = 0;
    for (int i = sorted.length - 1; i >= Math.max(0, sorted.length - k); i--) {
      total += sorted[i];
    }
    return total;
  }

  /** Applies candidate {@code c} to the units open to it; returns the discount it gave. */
  long apply(int c) {
    Promotion p = candidates.get(c);
    Reward reward = p.reward();
    List<Integer> units = open(c, p.target(), reward.countsPieces());
    if (units.isEmpty()) {
      return 0;
    }
    if (reward instanceof Reward.PercentOff r) {
      return percentOff(c, p, units, r.percent());
    } else if (reward instanceof Reward.AmountOff r) {
      return amountOff(c, p, units, r.amount().minorUnits());
    } else if (reward instanceof Reward.FixedPrice r) {
      return fixedPrice(c, p, units, r.price());
    } else if (reward instanceof Reward.BuyXGetY r) {
      return buyXGetY(c, p, units, r);
    } else if (reward instanceof Reward.Bundle r) {
      return bundle(c, p, units, r);
    } else {
      return threshold(c, p, units, (Reward.Threshold) reward);
    }
  }

  /** Units of lines {@code target} matches that are still open to candidate {@code c}. */
  private List<Integer> open(int c, Target target, boolean piecesOnly) {
    Promotion p = candidates.get(c);
    boolean[] matches = new boolean[lines.size()];
    for (int l = 0; l < lines.size(); l++) {
      matches[l] = target.matches(lines.get(l));
    }
    List<Integer> result = new ArrayList<>();
    for (int u = 0; u < value.length; u++) {
      if (!matches[line[u]] || (piecesOnly && !piece[u]) || headroom(p, u) <= 0) {
        continue;
      }
      boolean stacks = true;
      for (int q : claims[u]) {
        if (q == c || !p.stacksWith(candidates.get(q))) {
          stacks = false;
          break;
        }
      }
      if (stacks) {
        result.add(u);
      }
    }
    return result;
  }

  private long headroom(Promotion p, int u) {
    long floor = p.neverBelowCost() && cost[u] > 0 ? cost[u] : 0;
    return Math.max(0, value[u] - floor);
  }

  private long percentOff(int c, Promotion p, List<Integer> units, BigDecimal percent) {
    if (p.target().wholeBasket()) {
      return spread(c, p, units, percentOf(sum(units), percent));
    }
    long total = 0;
    for (List<Integer> group : byLine(units)) {
      long off = percentOf(sum(group), percent);
      if (off > 0) {
        total += spread(c, p, group, off);
      }
    }
    return total;
  }

  private long amountOff(int c, Promotion p, List<Integer> units, long amount) {
    if (p.target().wholeBasket()) {
      return spread(c, p, units, amount);
    }
    long total = 0;
    for (int u : units) {
      long off =
          piece[u]
              ? amount
              : Money.ofMinor(currency(), amount)
                  .times(lines.get(line[u]).quantity().value(), RoundingMode.HALF_UP)
                  .minorUnits();
      if (off > 0) {
        total += spread(c, p, List.of(u), off);
      }
    }
    return total;
  }

  private long fixedPrice(int c, Promotion p, List<Integer> units, Money price) {
    long total = 0;
    for (int u : units) {
      long target =
          piece[u]
              ? price.minorUnits()
              : price
                  .times(lines.get(line[u]).quantity().value(), RoundingMode.HALF_UP)
                  .minorUnits();
      if (value[u] > target) {
        // a unit already at or below the price is left open for other promotions
        total += spread(c, p, List.of(u), value[u] - target);
      }
    }
    return total;
  }

  private long buyXGetY(int c, Promotion p, List<Integer> units, Reward.BuyXGetY r) {
    long total = 0;
    if (r.rewardTarget().isEmpty()) {
      List<Integer> ranked = dearestFirst(units);
      int set = r.buy() + r.get();
      int sets = ranked.size() / set;
      if (r.pick() == Reward.Pick.DEAREST) {
        // each set's dearest units are rewarded: the customer does best when the dearest
        // sets x get units are rewarded and the cheapest sets x buy units are the ones bought,
        // which leaves the middle of the range open for other promotions
        claim(c, ranked.subList(ranked.size() - sets * r.buy(), ranked.size()));
        for (int u : ranked.subList(0, sets * r.get())) {
          total += spread(c, p, List.of(u), percentOf(value[u], r.percentOff()));
        }
        return total;
      }
      // each set's cheapest units are rewarded: cutting the dearest-first ranking into
      // consecutive sets rewards the dearest units any grouping could
      for (int k = 0; k < sets; k++) {
        List<Integer> group = ranked.subList(k * set, (k + 1) * set);
        claim(c, group);
        for (int u : group.subList(r.buy(), set)) {
          total += spread(c, p, List.of(u), percentOf(value[u], r.percentOff()));
        }
      }
      return total;
    }
    List<Integer> rewardUnits = new ArrayList<>(open(c, r.rewardTarget().get(), true));
    List<Integer> buyUnits = new ArrayList<>(units);
    // a unit both bought and rewarded would count twice: keep it on the reward side
    buyUnits.removeAll(rewardUnits);
    int sets = Math.min(buyUnits.size() / r.buy(), rewardUnits.size() / r.get());
    if (sets == 0) {
      return 0;
    }
    List<Integer> buyRanked = dearestFirst(buyUnits);
    Collections.reverse(buyRanked); // the cheapest qualifying units are consumed
    claim(c, buyRanked.subList(0, sets * r.buy()));
    List<Integer> rewardRanked = dearestFirst(rewardUnits);
    if (r.pick() == Reward.Pick.CHEAPEST) {
      Collections.reverse(rewardRanked);
    }
    for (int u : rewardRanked.subList(0, sets * r.get())) {
      total += spread(c, p, List.of(u), percentOf(value[u], r.percentOff()));
    }
    return total;
  }

  private long bundle(int c, Promotion p, List<Integer> units, Reward.Bundle r) {
    List<Integer> ranked = dearestFirst(units);
    long total = 0;
    for (int start = 0; start + r.quantity() <= ranked.size(); start += r.quantity()) {
      List<Integer> group = ranked.subList(start, start + r.quantity());
      long saving = sum(group) - r.price().minorUnits();
      if (saving <= 0) {
        break; // units are ranked dearest first: later bundles save even less
      }
      total += spread(c, p, group, saving);
    }
    return total;
  }

  private long threshold(int c, Promotion p, List<Integer> units, Reward.Threshold r) {
    long spend = sum(units);
    Optional<Reward.Tier> reached =
        r.tiers().stream().filter(t -> spend >= t.spend().minorUnits()).reduce((a, b) -> b);
    if (reached.isEmpty()) {
      return 0;
    }
    Reward.Tier tier = reached.get();
    long off =
        tier.amountOff()
            .map(Money::minorUnits)
            .orElseGet(
                () ->
                    percentOf(
                        spend,
                        tier.percentOff()
                            .orElseThrow(
                                () ->
                                    new IllegalStateException(
                                        "a tier with neither amount nor percent off"))));
    return spread(c, p, units, off);
  }

  /**
   * Takes up to {@code discount} off {@code units}, spread by largest remainder over each unit's
   * headroom (so none goes below zero, or below cost when the promotion says so), and marks them as
   * claimed by candidate {@code c}. Returns what was taken.
   */
  private long spread(int c, Promotion p, List<Integer> units, long discount) {
    claim(c, units);
    // a canonical order, so that equal remainders favour the same SKU whatever the line order
    units = canonical(units);
    long room = 0;
    List<BigDecimal> weights = new ArrayList<>(units.size());
    for (int u : units) {
      long h = headroom(p, u);
      room += h;
      weights.add(BigDecimal.valueOf(h));
    }
    long taken = Math.min(Math.max(discount, 0), room);
    if (taken == 0) {
      return 0;
    }
    long[] shares = Allocation.largestRemainder(taken, weights);
    for (int i = 0; i < units.size(); i++) {
      if (shares[i] > 0) {
        int u = units.get(i);
        value[u] -= shares[i];
        log.add(new long[] {line[u], c, shares[i]});
      }
    }
    return taken;
  }

  private void claim(int c, List<Integer> units) {
    for (int u : units) {
      int[] old = claims[u];
      if (Arrays.stream(old).noneMatch(q -> q == c)) {
        int[] next = Arrays.copyOf(old, old.length + 1);
        next[old.length] = c;
        claims[u] = next;
      }
    }
  }

  private List<Integer> canonical(List<Integer> units) {
    List<Integer> ordered = new ArrayList<>(units);
    ordered.sort(
        Comparator.comparing((Integer u) -> skuOrder[u])
            .thenComparingLong(u -> -value[u])
            .thenComparingInt(u -> u));
    return ordered;
  }

  private List<Integer> dearestFirst(List<Integer> units) {
    List<Integer> ranked = new ArrayList<>(units);
    ranked.sort(
        Comparator.comparingLong((Integer u) -> -value[u])
            .thenComparing(u -> skuOrder[u])
            .thenComparingInt(u -> u));
    return ranked;
  }

  private List<List<Integer>> byLine(List<Integer> units) {
    Map<Integer, List<Integer>> groups = new TreeMap<>();
    for (int u : units) {
      groups.computeIfAbsent(line[u], k -> new ArrayList<>()).add(u);
    }
    return new ArrayList<>(groups.values());
  }

  private long sum(List<Integer> units) {
    long s = 0;
    for (int u : units) {
      s += value[u];
    }
    return s;
  }

  private long percentOf(long minor, BigDecimal percent) {
    return Money.ofMinor(currency(), minor)
        .times(percent.movePointLeft(2), RoundingMode.HALF_UP)
        .minorUnits();
  }

  private Currency currency() {
    return lines.get(line[0]).amount().currency();
  }
}
