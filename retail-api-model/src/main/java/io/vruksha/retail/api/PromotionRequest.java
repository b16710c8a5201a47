package io.vruksha.retail.api;

import java.util.Optional;
import java.util.Set;

/**
 * A promotion.
 *
 * @param id its id
 * @param label the receipt's text
 * @param priority higher goes first
 * @param exclusive whether it combines with nothing else
 * @param stackableWith promotions it combines with
 * @param stackableWithAll whether it combines with every non-exclusive promotion
 * @param eligibility when it applies
 * @param target what it applies to
 * @param reward what it gives
 * @param neverBelowCost whether it may take a line below cost
 */
public record PromotionRequest(
    String id,
    String label,
    Optional<Integer> priority,
    Optional<Boolean> exclusive,
    Optional<Set<String>> stackableWith,
    Optional<Boolean> stackableWithAll,
    Optional<EligibilityRequest> eligibility,
    TargetRequest target,
    RewardRequest reward,
    Optional<Boolean> neverBelowCost) {}
