package io.vruksha.retail.promotion;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.money.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a promotion gives. Each kind documents how it reads its {@link Target}.
 *
 * <p>Percentages are given in percent ({@code 20} for 20%); every computed discount rounds half-up
 * to the cent and is spread over the units it covers by largest remainder.
 */
public sealed interface Reward {

  /** True when the reward counts pieces (so weighed items cannot take part). */
  default boolean countsPieces() {
    return false;
  }

  /**
   * {@code percent}% off. On SKUs or categories: off each targeted line. On the basket: off the
   * targeted total, spread over the lines.
   *
   * @param percent above 0, at most 100
   */
  record PercentOff(BigDecimal percent) implements Reward {
    /** Validates the range. */
    public PercentOff {
      requirePercent(percent);
    }
  }

  /**
   * A fixed amount off. On SKUs or categories: off each targeted unit (never below zero). On the
   * basket: once off the targeted total, spread over the lines.
   *
   * @param amount above zero
   */
  record AmountOff(Money amount) implements Reward {
    /** Validates the amount. */
    public AmountOff {
      requirePositive(amount);
    }
  }

  /**
   * Each targeted unit for a fixed price ("any shirt 9.99"); units already cheaper keep their
   * price. A weighed item pays the fixed price per unit of measure.
   *
   * @param price the unit price
   */
  record FixedPrice(Money price) implements Reward {
    /** Validates the price. */
    public FixedPrice {
      Objects.requireNonNull(price, "price");
      if (price.isNegative()) {
        throw new InvalidInputException(
            ErrorCode.PROMOTION_INVALID, "a fixed price cannot be negative");
      }
    }
  }

  /**
   * Buy {@code buy} targeted units, get {@code get} units of {@code rewardTarget} (the same target
   * when empty) {@code percentOff}% off — 100 for free. Repeats for every complete set.
   *
   * <p>As many sets of {@code buy + get} form as there are units, and they are formed in the
   * customer's favour. With {@link Pick#CHEAPEST} (the usual rule) each set's {@code get} cheapest
   * units are rewarded: the units are ranked dearest first and cut into consecutive sets. With
   * {@link Pick#DEAREST} each set's dearest units are rewarded: the dearest {@code sets x get}
   * units are rewarded and the cheapest {@code sets x buy} units are the ones bought, leaving the
   * middle of the range to other promotions. With a separate reward target, the rewarded units are
   * that target's cheapest or dearest, the cheapest qualifying units are the ones bought, and as
   * many sets form as both sides allow.
   *
   * @param buy units to buy, at least 1
   * @param get units rewarded per set, at least 1
   * @param percentOff discount on the rewarded units, 100 for free
   * @param pick which units of a set are rewarded
   * @param rewardTarget where rewarded units come from, if not the promotion's own target
   */
  record BuyXGetY(int buy, int get, BigDecimal percentOff, Pick pick, Optional<Target> rewardTarget)
      implements Reward {
    /** Validates the counts. */
    public BuyXGetY {
      Objects.requireNonNull(pick, "pick");
      Objects.requireNonNull(rewardTarget, "rewardTarget");
      requirePercent(percentOff);
      if (buy < 1 || get < 1) {
        throw new InvalidInputException(
            ErrorCode.PROMOTION_INVALID, "buy X get Y needs X and Y of at least 1");
      }
    }

    @Override
    public boolean countsPieces() {
      return true;
    }
  }

  /** Which units of a buy-X-get-Y set are rewarded. */
  enum Pick {
    /** The cheapest (the common rule: the customer gets the least expensive item free). */
    CHEAPEST,
    /** The dearest. */
    DEAREST
  }

  /**
   * Any {@code quantity} targeted units for {@code price} ("3 for 10.00" across a set of SKUs).
   * Repeats for every complete bundle; the dearest units are bundled first; a bundle that would
   * cost more than its units does not form.
   *
   * @param quantity units per bundle, at least 2
   * @param price the bundle's price
   */
  record Bundle(int quantity, Money price) implements Reward {
    /** Validates the bundle. */
    public Bundle {
      Objects.requireNonNull(price, "price");
      if (quantity < 2 || price.isNegative()) {
        throw new InvalidInputException(
            ErrorCode.PROMOTION_INVALID,
            "a bundle needs at least 2 units and a price of 0 or more");
      }
    }

    @Override
    public boolean countsPieces() {
      return true;
    }
  }

  /**
   * Spend at least a tier's threshold on the targeted lines (after earlier promotions), get its
   * reward; only the highest tier reached counts.
   *
   * @param tiers at least one, thresholds strictly increasing
   */
  record Threshold(List<Tier> tiers) implements Reward {
    /** Validates the tiers. */
    public Threshold {
      tiers = List.copyOf(tiers);
      if (tiers.isEmpty()) {
        throw new InvalidInputException(ErrorCode.PROMOTION_INVALID, "a threshold needs a tier");
      }
      for (int i = 1; i < tiers.size(); i++) {
        if (tiers.get(i).spend().compareTo(tiers.get(i - 1).spend()) <= 0) {
          throw new InvalidInputException(
              ErrorCode.PROMOTION_INVALID, "threshold tiers must increase: " + tiers);
        }
      }
    }
  }

  /**
   * One tier of a threshold: spend {@code spend}, get {@code amountOff} or {@code percentOff}.
   *
   * @param spend the threshold
   * @param amountOff an amount off, or
   * @param percentOff a percentage off
   */
  record Tier(Money spend, Optional<Money> amountOff, Optional<BigDecimal> percentOff) {
    /** Validates that exactly one reward is given. */
    public Tier {
      Objects.requireNonNull(spend, "spend");
      if (amountOff.isPresent() == percentOff.isPresent()) {
        throw new InvalidInputException(
            ErrorCode.PROMOTION_INVALID, "a threshold tier gives an amount or a percentage off");
      }
      amountOff.ifPresent(Reward::requirePositive);
      percentOff.ifPresent(Reward::requirePercent);
    }

    /** Spend {@code spend}, get {@code off} off. */
    public static Tier amount(Money spend, Money off) {
      return new Tier(spend, Optional.of(off), Optional.empty());
    }

    /** Spend {@code spend}, get {@code percent}% off. */
    public static Tier percent(Money spend, String percent) {
      return new Tier(spend, Optional.empty(), Optional.of(new BigDecimal(percent)));
    }
  }

  private static void requirePercent(BigDecimal percent) {
    Objects.requireNonNull(percent, "percent");
    if (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
      throw new InvalidInputException(
          ErrorCode.PROMOTION_INVALID,
          "a percentage must be above 0 and at most 100, was " + percent);
    }
  }

  private static void requirePositive(Money amount) {
    Objects.requireNonNull(amount, "amount");
    if (!amount.isPositive()) {
      throw new InvalidInputException(
          ErrorCode.PROMOTION_INVALID, "a discount amount must be above zero, was " + amount);
    }
  }
}
