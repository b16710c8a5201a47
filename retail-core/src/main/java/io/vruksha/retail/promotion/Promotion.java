package io.vruksha.retail.promotion;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A promotion: what it targets, what it gives, when it applies, and how it stacks.
 *
 * <p><b>Stacking.</b> A unit discounted by one promotion may be discounted by another only if each
 * names the other in {@code stackableWith} (or is {@code stackableWithAll}). An {@code exclusive}
 * promotion applies alone: when it is chosen, no other promotion applies to the basket. Whatever
 * stacks, no unit goes below zero, and with {@code neverBelowCost} none goes below its cost.
 *
 * <p><b>Order.</b> Within a combination, multi-buy deals (buy X get Y, bundles) apply first, then
 * item discounts on the units they left, then basket promotions (so a threshold sees the discounted
 * spend); within each stage by ascending {@code priority}, then id. Which combination applies is
 * the engine's choice: the best total for the customer (see {@link PromotionEngine}).
 *
 * @param id the identity
 * @param label the text on the receipt ("3 for 10.00")
 * @param priority application order within a combination, lower first
 * @param exclusive true when it never combines with any other promotion
 * @param stackableWith promotions it may share units with
 * @param stackableWithAll true when it may share units with any promotion that accepts it
 * @param eligibility when, where and for whom
 * @param target which lines it looks at
 * @param reward what it gives
 * @param neverBelowCost true when no unit may be discounted below its cost; a cost finer than the
 *     currency caps the discount at {@code price - cost} rounded down to the minor unit (3.00 with
 *     a cost of 2.7812 takes at most 0.21 off)
 */
public record Promotion(
    PromotionId id,
    String label,
    int priority,
    boolean exclusive,
    Set<PromotionId> stackableWith,
    boolean stackableWithAll,
    Eligibility eligibility,
    Target target,
    Reward reward,
    boolean neverBelowCost) {

  /** Validates the label and copies the set. */
  public Promotion {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(eligibility, "eligibility");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(reward, "reward");
    stackableWith = Set.copyOf(stackableWith);
    if (label == null || label.isBlank()) {
      throw new InvalidInputException(
          ErrorCode.PROMOTION_INVALID, "promotion " + id + " needs a label");
    }
    if (reward instanceof Reward.BuyXGetY b
        && b.rewardTarget().isPresent()
        && target.wholeBasket()) {
      throw new InvalidInputException(
          ErrorCode.PROMOTION_INVALID,
          "promotion " + id + ": buy X of the whole basket cannot name a reward target");
    }
  }

  /** A promotion with no conditions, priority 0, stacking with nothing. */
  public static Promotion of(String id, String label, Target target, Reward reward) {
    return new Promotion(
        PromotionId.of(id),
        label,
        0,
        false,
        Set.of(),
        false,
        Eligibility.ALWAYS,
        target,
        reward,
        false);
  }

  /** This promotion with another eligibility. */
  public Promotion when(Eligibility newEligibility) {
    return new Promotion(
        id,
        label,
        priority,
        exclusive,
        stackableWith,
        stackableWithAll,
        newEligibility,
        target,
        reward,
        neverBelowCost);
  }

  /** This promotion with another priority. */
  public Promotion priority(int newPriority) {
    return new Promotion(
        id,
        label,
        newPriority,
        exclusive,
        stackableWith,
        stackableWithAll,
        eligibility,
        target,
        reward,
        neverBelowCost);
  }

  /** This promotion, exclusive. */
  public Promotion asExclusive() {
    return new Promotion(
        id,
        label,
        priority,
        true,
        stackableWith,
        stackableWithAll,
        eligibility,
        target,
        reward,
        neverBelowCost);
  }

  /** This promotion, stackable with the named ones. */
  public Promotion stackableWith(String... ids) {
    return new Promotion(
        id,
        label,
        priority,
        exclusive,
        Arrays.stream(ids).map(PromotionId::of).collect(Collectors.toSet()),
        stackableWithAll,
        eligibility,
        target,
        reward,
        neverBelowCost);
  }

  /** This promotion, stackable with any promotion that accepts it. */
  public Promotion stackableWithAny() {
    return new Promotion(
        id,
        label,
        priority,
        exclusive,
        stackableWith,
        true,
        eligibility,
        target,
        reward,
        neverBelowCost);
  }

  /** This promotion, never discounting a unit below its cost. */
  public Promotion notBelowCost() {
    return new Promotion(
        id,
        label,
        priority,
        exclusive,
        stackableWith,
        stackableWithAll,
        eligibility,
        target,
        reward,
        true);
  }

  /** True when a unit this promotion discounted may also be discounted by {@code other}. */
  public boolean stacksWith(Promotion other) {
    return accepts(other) && other.accepts(this);
  }

  private boolean accepts(Promotion other) {
    return !exclusive && (stackableWithAll || stackableWith.contains(other.id));
  }

  /** The stage it applies in: 0 multi-buy deals, 1 item discounts, 2 basket promotions. */
  int stage() {
    if (reward instanceof Reward.Threshold || (target.wholeBasket() && !reward.countsPieces())) {
      return 2;
    }
    return reward.countsPieces() ? 0 : 1;
  }
}
