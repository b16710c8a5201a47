package io.vruksha.retail.promotion;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.money.Money;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds the promotions that give a basket the best total within the stacking rules.
 *
 * <p><b>Candidates.</b> Promotions are indexed by SKU and by category when the engine is built; a
 * basket looks up only its own SKUs, its lines' categories and the basket-wide promotions, so a
 * thousand promotions on other products cost nothing. Candidates must pass their {@link
 * Eligibility} and, if they require one, be unlocked by a presented, unexhausted coupon.
 *
 * <p><b>Best combination.</b> Each combination of candidates is applied in the fixed order of
 * {@link Promotion} (multi-buy deals, then item discounts, then basket promotions; within each
 * stage by priority, then id); each promotion takes the units still open to it under the stacking
 * rules. The engine searches the combinations depth-first with branch and bound (a combination's
 * bound is its discount so far plus an upper bound for each remaining candidate, which holds
 * whatever promotions applied before it: for percentages, amounts and fixed prices their
 * stand-alone discount, which other promotions can only lower; for a threshold the best tier within
 * reach of the full spend; for a multi-buy its reward without the cost cap, further capped by the
 * headroom of the units it could reward, because with {@code neverBelowCost} a multi-buy can give
 * more once another deal has taken its dear, thin-margin units) and keeps the largest total
 * discount. A promotion that gives nothing in a combination does not apply and takes no units. Ties
 * go to fewer promotions, then to the lexicographically smaller list of (priority, id). Exclusive
 * promotions are weighed alone. Up to {@value #EXHAUSTIVE_LIMIT} non-exclusive candidates are
 * searched exhaustively; beyond that the engine adds candidates greedily by stand-alone discount,
 * keeping each that raises the total, and it considers at most {@value #MAX_CANDIDATES} (the best
 * stand-alone ones).
 *
 * <p>Immutable and thread-safe; the coupon ledger is read, never written.
 */
public final class PromotionEngine {

  /** Non-exclusive candidates searched exhaustively; more are combined greedily. */
  public static final int EXHAUSTIVE_LIMIT = 16;

  /** Candidates considered at most, the best stand-alone ones. */
  public static final int MAX_CANDIDATES = 64;

  private static final Comparator<Promotion> APPLICATION_ORDER =
      Comparator.comparingInt(Promotion::stage)
          .thenComparingInt(Promotion::priority)
          .thenComparing(Promotion::id);

  private final Map<Sku, List<Promotion>> bySku = new HashMap<>();
  private final Map<CategoryId, List<Promotion>> byCategory = new HashMap<>();
  private final List<Promotion> basketWide = new ArrayList<>();
  private final Map<String, Coupon> coupons = new HashMap<>();
  private final Map<PromotionId, Promotion> byId = new HashMap<>();
  private final CouponLedger ledger;

  private PromotionEngine(
      Collection<Promotion> promotions, Collection<Coupon> coupons, CouponLedger ledger) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    for (Promotion p : promotions) {
      if (byId.putIfAbsent(p.id(), p) != null) {
        throw new InvalidInputException(
            ErrorCode.PROMOTION_INVALID,
            "promotion " + p.id() + " is given twice; each promotion needs its own id");
      }
      index(p, p.target());
      if (p.reward() instanceof Reward.BuyXGetY b) {
        b.rewardTarget().ifPresent(t -> index(p, t));
      }
    }
    coupons.forEach(c -> this.coupons.put(c.code(), c));
  }

  private void index(Promotion p, Target target) {
    if (target.wholeBasket()) {
      basketWide.add(p);
    }
    target.skus().forEach(s -> bySku.computeIfAbsent(s, k -> new ArrayList<>()).add(p));
    target.categories().forEach(c -> byCategory.computeIfAbsent(c, k -> new ArrayList<>()).add(p));
  }

  /** An engine over {@code promotions} with no coupon codes. */
  public static PromotionEngine of(Collection<Promotion> promotions) {
    return new PromotionEngine(promotions, List.of(), NO_REDEMPTIONS);
  }

  /**
   * An engine over {@code promotions} and {@code coupons}, checking use limits in {@code ledger}.
   */
  public static PromotionEngine of(
      Collection<Promotion> promotions, Collection<Coupon> coupons, CouponLedger ledger) {
    return new PromotionEngine(promotions, coupons, ledger);
  }

  /** Chooses and applies the best combination of promotions for {@code lines}. */
  public PromotionResult apply(List<PromotionLine> lines, PromotionContext ctx) {
    Map<String, ErrorCode> rejected = new TreeMap<>();
    Map<PromotionId, String> unlocked = unlockCoupons(ctx, rejected);
    List<Promotion> candidates = candidates(lines, ctx, unlocked);
    ctx.couponCodes().stream()
        .filter(code -> !rejected.containsKey(code))
        .filter(code -> candidates.stream().noneMatch(p -> code.equals(unlocked.get(p.id()))))
        .forEach(code -> rejected.put(code, ErrorCode.COUPON_INVALID));

    Evaluation best = new Search(lines, candidates).best();
    return best.toResult(candidates, unlocked, rejected, ctx);
  }

  /** The candidates for a basket, for tests that show the index keeps the search small. */
  List<Promotion> candidates(List<PromotionLine> lines, PromotionContext ctx) {
    return candidates(lines, ctx, unlockCoupons(ctx, new HashMap<>()));
  }

  private List<Promotion> candidates(
      List<PromotionLine> lines, PromotionContext ctx, Map<PromotionId, String> unlocked) {
    Set<Promotion> found = new LinkedHashSet<>(basketWide);
    for (PromotionLine line : lines) {
      if (!line.eligible()) {
        continue;
      }
      found.addAll(bySku.getOrDefault(line.sku(), List.of()));
      for (CategoryId c : line.categories()) {
        found.addAll(byCategory.getOrDefault(c, List.of()));
      }
    }
    return found.stream()
        .filter(p -> p.eligibility().admits(ctx))
        .filter(p -> !p.eligibility().requiresCoupon() || unlocked.containsKey(p.id()))
        .sorted(APPLICATION_ORDER)
        .toList();
  }

  private Map<PromotionId, String> unlockCoupons(
      PromotionContext ctx, Map<String, ErrorCode> rejected) {
    Map<PromotionId, String> unlocked = new HashMap<>();
    for (String code : new TreeSet<>(ctx.couponCodes())) {
      Coupon coupon = coupons.get(code);
      if (coupon == null || !byId.containsKey(coupon.promotion())) {
        rejected.put(code, ErrorCode.COUPON_INVALID);
      } else if (ledger.used(code) >= coupon.maxUses()) {
        rejected.put(code, ErrorCode.COUPON_EXHAUSTED);
      } else {
        unlocked.putIfAbsent(coupon.promotion(), code);
      }
    }
    return unlocked;
  }

  private static final CouponLedger NO_REDEMPTIONS =
      new CouponLedger() {
        @Override
        public int used(String code) {
          return 0;
        }

        @Override
        public boolean tryRedeem(String code, int maxUses, String saleId) {
          return false;
        }

        @Override
        public void release(String code, String saleId) {}
      };

  /** The search over combinations of candidates. */
  private static final class Search {
    private final UnitState start;
    private final List<Promotion> candidates;
    private final List<Promotion> considered;
    private final long[] standalone;
    private final long[] bounds;

    Search(List<PromotionLine> lines, List<Promotion> candidates) {
      this.candidates = candidates;
      this.start = UnitState.of(lines, candidates);
      long[] alone = new long[candidates.size()];
      long[] bound = new long[candidates.size()];
      for (int i = 0; i < candidates.size(); i++) {
        UnitState s = start.copy();
        alone[i] = s.apply(i);
        bound[i] = start.bound(i, alone[i]);
      }
      // a candidate whose bound is 0 can give nothing in any combination; of the others keep the
      // MAX_CANDIDATES best stand-alone ones, still in application order
      List<Integer> keep = new ArrayList<>();
      for (int i = 0; i < candidates.size(); i++) {
        if (bound[i] > 0) {
          keep.add(i);
        }
      }
      if (keep.size() > MAX_CANDIDATES) {
        keep.sort(
            Comparator.comparingLong((Integer i) -> -alone[i])
                .thenComparingLong(i -> -bound[i])
                .thenComparing(i -> i));
        keep = new ArrayList<>(keep.subList(0, MAX_CANDIDATES));
        keep.sort(Comparator.naturalOrder());
      }
      this.considered = keep.stream().map(candidates::get).toList();
      this.standalone = keep.stream().mapToLong(i -> alone[i]).toArray();
      this.bounds = keep.stream().mapToLong(i -> bound[i]).toArray();
      this.indices = keep.stream().mapToInt(Integer::intValue).toArray();
    }

    private final int[] indices;

    Evaluation best() {
      Evaluation best = new Evaluation(start, List.of(), 0);
      List<Integer> open = new ArrayList<>();
      for (int k = 0; k < indices.length; k++) {
        Promotion p = considered.get(k);
        if (p.exclusive()) {
          UnitState s = start.copy();
          long total = s.apply(indices[k]);
          best = better(best, new Evaluation(s, List.of(indices[k]), total));
        } else {
          open.add(k);
        }
      }
      if (open.size() <= EXHAUSTIVE_LIMIT) {
        long[] suffix = new long[open.size() + 1];
        for (int i = open.size() - 1; i >= 0; i--) {
          suffix[i] = suffix[i + 1] + bounds[open.get(i)];
        }
        Evaluation[] holder = {best};
        dfs(open, 0, start, new ArrayList<>(), 0, suffix, holder);
        return holder[0];
      }
      return better(best, greedy(open));
    }

    private void dfs(
        List<Integer> open,
        int i,
        UnitState state,
        List<Integer> chosen,
        long total,
        long[] suffix,
        Evaluation[] best) {
      if (total + suffix[i] < best[0].total) {
        return;
      }
      if (i == open.size()) {
        best[0] = better(best[0], new Evaluation(state, List.copyOf(chosen), total));
        return;
      }
      int candidate = indices[open.get(i)];
      UnitState with = state.copy();
      long gained = with.apply(candidate);
      if (gained > 0) {
        chosen.add(candidate);
        dfs(open, i + 1, with, chosen, total + gained, suffix, best);
        chosen.remove(chosen.size() - 1);
      }
      dfs(open, i + 1, state, chosen, total, suffix, best);
    }

    private Evaluation greedy(List<Integer> open) {
      List<Integer> byValue = new ArrayList<>(open);
      byValue.sort(Comparator.comparingLong((Integer k) -> -standalone[k]).thenComparing(k -> k));
      List<Integer> chosen = new ArrayList<>();
      Evaluation current = new Evaluation(start, List.of(), 0);
      for (int k : byValue) {
        List<Integer> trial = new ArrayList<>(chosen);
        trial.add(indices[k]);
        trial.sort(Comparator.naturalOrder());
        UnitState s = start.copy();
        long total = 0;
        for (int c : trial) {
          total += s.apply(c);
        }
        if (total > current.total) {
          chosen = trial;
          current = new Evaluation(s, List.copyOf(trial), total);
        }
      }
      return current;
    }

    private Evaluation better(Evaluation a, Evaluation b) {
      if (a.total != b.total) {
        return a.total > b.total ? a : b;
      }
      if (a.chosen.size() != b.chosen.size()) {
        return a.chosen.size() < b.chosen.size() ? a : b;
      }
      // candidates are indexed in application order (priority, then id)
      for (int i = 0; i < a.chosen.size(); i++) {
        int cmp = Integer.compare(a.chosen.get(i), b.chosen.get(i));
        if (cmp != 0) {
          return cmp < 0 ? a : b;
        }
      }
      return a;
    }
  }

  /** A combination's outcome. */
  private record Evaluation(UnitState state, List<Integer> chosen, long total) {

    PromotionResult toResult(
        List<Promotion> candidates,
        Map<PromotionId, String> unlocked,
        Map<String, ErrorCode> rejected,
        PromotionContext ctx) {
      List<LineAdjustment> adjustments = new ArrayList<>();
      Map<Integer, Long> perPromotion = new LinkedHashMap<>();
      for (Map.Entry<Integer, Map<Integer, Long>> line : state.discountsByLine().entrySet()) {
        for (int c : chosen) {
          long minor = line.getValue().getOrDefault(c, 0L);
          if (minor > 0) {
            Promotion p = candidates.get(c);
            adjustments.add(
                new LineAdjustment(
                    line.getKey(), p.id(), p.label(), Money.ofMinor(ctx.currency(), minor)));
            perPromotion.merge(c, minor, Long::sum);
          }
        }
      }
      List<AppliedPromotion> applied = new ArrayList<>();
      Set<String> couponsUsed = new LinkedHashSet<>();
      for (int c : chosen) {
        Promotion p = candidates.get(c);
        Optional<String> coupon =
            p.eligibility().requiresCoupon()
                ? Optional.ofNullable(unlocked.get(p.id()))
                : Optional.empty();
        coupon.ifPresent(couponsUsed::add);
        applied.add(
            new AppliedPromotion(
                p.id(),
                p.label(),
                Money.ofMinor(ctx.currency(), perPromotion.getOrDefault(c, 0L)),
                coupon));
      }
      return new PromotionResult(
          adjustments, applied, couponsUsed, rejected, Money.ofMinor(ctx.currency(), total));
    }
  }
}
