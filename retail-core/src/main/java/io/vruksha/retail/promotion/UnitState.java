package io.vruksha.retail.promotion;

import io.vruksha.retail.money.Allocation;
import io.vruksha.retail.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
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
        long unitCost = pl.unitCost().map(Money::minorUnits).orElse(-1L);
        for (long v : values) {
          unitLine.add(new int[] {l});
          unitValueCost.add(new long[] {v, unitCost});
          unitPiece.add(true);
        }
      } else {
        long lineCost =
            pl.unitCost()
                .map(c -> c.times(pl.quantity().value(), RoundingMode.HALF_UP).minorUnits())
                .orElse(-1L);
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
   * applied to this state. Other promotions only take units away or lower their value, so the
   * stand-alone discount bounds every reward whose value grows with the spend. A threshold whose
   * lower tier is worth more than a higher one can gain when the spend falls, so its bound is the
   * best tier within reach of today's spend, priced at today's spend.
   */
  long bound(int c) {
    Promotion p = candidates.get(c);
    if (!(p.reward() instanceof Reward.Threshold r)) {
      return copy().apply(c);
    }
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
                .orElseGet(() -> percentOf(spend, tier.percentOff().orElseThrow()));
        best = Math.max(best, off);
      }
    }
    return Math.min(best, room);
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
            .orElseGet(() -> percentOf(spend, tier.percentOff().orElseThrow()));
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

  private java.util.Currency currency() {
    return lines.get(line[0]).amount().currency();
  }
}
