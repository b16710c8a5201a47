package io.vruksha.retail.loyalty;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.money.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's loyalty programme.
 *
 * <p><b>Earning:</b> each line earns {@code floor(net × pointsPerUnit × category multiplier × tier
 * multiplier)} points, where {@code net} is the line's amount after every discount and without tax.
 * Points are recorded per line so a return takes back exactly what its lines earned.
 *
 * <p><b>Tiers</b> are reached by spend (net) over the last 365 days; the highest tier reached
 * applies. <b>Redemption</b> is a tender: points × {@code pointValue}, at least {@code minRedeem}
 * points at a time. <b>Expiry</b>: points expire {@code expiryDays} after they were earned, oldest
 * first.
 *
 * @param pointsPerUnit points per currency unit of net spend (1 = a point per euro)
 * @param categoryMultipliers extra multipliers by category (2 = double points)
 * @param tiers tiers with the spend that reaches them and their multiplier
 * @param pointValue what one point is worth as a tender
 * @param minRedeem the fewest points one redemption may use
 * @param expiryDays days after which earned points expire
 * @param bonuses promotional bonus multipliers for SKUs or categories over a time window
 */
public record LoyaltyProgram(
    BigDecimal pointsPerUnit,
    Map<CategoryId, BigDecimal> categoryMultipliers,
    List<Tier> tiers,
    Money pointValue,
    long minRedeem,
    int expiryDays,
    List<Bonus> bonuses) {

  /**
   * A promotional bonus: lines of these SKUs or categories earn {@code multiplier} times the points
   * within {@code [from, until)} ("triple points on coffee this week").
   *
   * @param id the bonus
   * @param skus SKUs it covers
   * @param categories categories it covers (with their subcategories)
   * @param multiplier the extra multiplier
   * @param from start
   * @param until end
   */
  public record Bonus(
      String id,
      Set<Sku> skus,
      Set<CategoryId> categories,
      BigDecimal multiplier,
      Instant from,
      Instant until) {
    /** Copies the sets. */
    public Bonus {
      skus = Set.copyOf(skus);
      categories = Set.copyOf(categories);
    }
  }

  /** A programme without promotional bonuses. */
  public LoyaltyProgram(
      BigDecimal pointsPerUnit,
      Map<CategoryId, BigDecimal> categoryMultipliers,
      List<Tier> tiers,
      Money pointValue,
      long minRedeem,
      int expiryDays) {
    this(pointsPerUnit, categoryMultipliers, tiers, pointValue, minRedeem, expiryDays, List.of());
  }

  /**
   * The largest bonus multiplier for a line of {@code sku} in {@code categories} at {@code at}, 1
   * if none.
   */
  public BigDecimal bonusFor(Sku sku, Set<CategoryId> categories, Instant at) {
    BigDecimal best = BigDecimal.ONE;
    for (Bonus b : bonuses) {
      boolean covers =
          b.skus().contains(sku) || categories.stream().anyMatch(b.categories()::contains);
      boolean live = !at.isBefore(b.from()) && at.isBefore(b.until());
      if (covers && live && b.multiplier().compareTo(best) > 0) {
        best = b.multiplier();
      }
    }
    return best;
  }

  /**
   * A tier.
   *
   * @param tier its code
   * @param minSpend12Months net spend over 365 days that reaches it
   * @param multiplier its earn multiplier
   */
  public record Tier(LoyaltyTier tier, Money minSpend12Months, BigDecimal multiplier) {}

  /** Validates and sorts the tiers by spend. */
  public LoyaltyProgram {
    Objects.requireNonNull(pointsPerUnit, "pointsPerUnit");
    Objects.requireNonNull(pointValue, "pointValue");
    categoryMultipliers = Map.copyOf(categoryMultipliers);
    bonuses = List.copyOf(bonuses);
    tiers =
        tiers.stream().sorted(Comparator.comparing(t -> t.minSpend12Months().amount())).toList();
    if (pointsPerUnit.signum() < 0 || !pointValue.isPositive() || minRedeem < 1 || expiryDays < 1) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "a loyalty programme needs points per unit >= 0, a positive point value, a minimum"
              + " redemption of at least 1 point and an expiry of at least 1 day");
    }
  }

  /** The highest tier {@code spend} reaches. */
  public Optional<Tier> tierFor(Money spend) {
    Optional<Tier> reached = Optional.empty();
    for (Tier t : tiers) {
      if (spend.compareTo(t.minSpend12Months()) >= 0) {
        reached = Optional.of(t);
      }
    }
    return reached;
  }
}
