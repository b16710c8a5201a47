package io.vruksha.retail.api;

import java.util.Optional;
import java.util.Set;

/**
 * What a promotion or reward applies to.
 *
 * @param skus SKUs
 * @param categories categories (and their children)
 * @param wholeBasket the whole basket
 */
public record TargetRequest(
    Optional<Set<String>> skus, Optional<Set<String>> categories, Optional<Boolean> wholeBasket) {}
